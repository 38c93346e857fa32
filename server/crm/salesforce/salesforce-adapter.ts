// The CrmAdapter for Salesforce: every method is a batch of a few SOQL/SOSL calls or sObject Collections.
import { normalizeAddress, type RecentActivity, type RecordDetails, type RecordRef } from '../../../src';
import type {
  CreateResult,
  CrmAccountRecord,
  CrmActivityRecord,
  CrmAdapter,
  CrmOpportunityRecord,
  CrmPersonRecord,
  NewContact,
  NewLead,
  SaveActivityResult,
  SearchHit,
} from '../crm-adapter';
import { findAccountsByDomains, findAccountsByIds, findOpenOpportunities } from './account-reads';
import type { SalesforceNewActivity } from './activity-records';
import { findActivitiesByMessageIds, saveActivities, type ActivityWriteContext } from './activity-writes';
import { findPeopleByEmails, queryContacts, wantedAddresses } from './people-reads';
import { createContacts, createLeads } from './record-writes';
import {
  SalesforceClient,
  type ApiUsage,
  type SalesforceClientOptions,
  type SalesforceSession,
} from './salesforce-client';
import type { SalesforceConsentRevokedError } from './salesforce-errors';
import { resolveOptions, type ResolvedOptions, type SalesforceOptions } from './salesforce-options';
import { getRecordDetails, recentActivities, search, type SidebarContext } from './sidebar-reads';
import { mapUsersByEmail, type LiaisonUserForMapping, type UserMapping } from './user-mapping';

export type SalesforceAdapterOptions = SalesforceOptions & SalesforceClientOptions;

/** Bound on what the adapter remembers between calls (addresses and people of recent lookups). */
const MEMO_MAX = 50_000;

export class SalesforceCrmAdapter implements CrmAdapter {
  readonly kind = 'salesforce';
  readonly client: SalesforceClient;
  readonly options: ResolvedOptions;
  /** address → whether a deleted contact had it, as of the last people lookup (rule 9's tombstones). */
  private tombstoneMemo = new Map<string, { tombstone: boolean; at: number }>();
  /** person id → addresses, for EmailMessageRelation types. */
  private emailsMemo = new Map<string, string[]>();
  private readonly writeCtx: ActivityWriteContext;
  private readonly sidebarCtx: SidebarContext;

  constructor(session: SalesforceSession, options: SalesforceAdapterOptions = {}) {
    this.options = resolveOptions(options);
    this.client = new SalesforceClient(session, options);
    this.writeCtx = { client: this.client, options: this.options, emailsOf: (id) => this.emailsMemo.get(id) };
    this.sidebarCtx = {
      client: this.client,
      options: this.options,
      recordUrlBase: () => this.options.recordUrlBase ?? this.client.conn.instanceUrl.replace(/\/+$/, ''),
    };
  }

  /** The org's daily API allowance as of the last answer. */
  apiUsage(): ApiUsage | undefined {
    return this.client.apiUsage();
  }

  /** Asks Salesforce (one call) when no answer has told it yet; for the admin status page. */
  async fetchApiUsage(): Promise<ApiUsage> {
    const limits = await this.client.send<{ DailyApiRequests?: { Max: number; Remaining: number } }>(
      'GET',
      `/services/data/v${this.client.version}/limits`,
    );
    const d = limits.DailyApiRequests;
    return this.client.apiUsage() ?? { used: d ? d.Max - d.Remaining : 0, max: d?.Max ?? 0 };
  }

  /** Set once Salesforce refused the refresh token: the organisation must be marked Inactive. */
  consentRevoked(): SalesforceConsentRevokedError | undefined {
    return this.client.consentRevoked();
  }

  async findPeopleByEmails(addresses: string[]): Promise<CrmPersonRecord[]> {
    const wanted = wantedAddresses(addresses);
    const people = await findPeopleByEmails(this.client, this.options, wanted);
    this.remember(wanted, people);
    return people;
  }

  findAccountsByDomains(domains: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByDomains(this.client, this.options, domains);
  }

  findAccountsByIds(ids: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByIds(this.client, this.options, ids);
  }

  findOpenOpportunitiesByAccounts(accountIds: string[]): Promise<CrmOpportunityRecord[]> {
    return findOpenOpportunities(this.client, this.options, accountIds);
  }

  /** Only the open opportunities these users own (what rule 11 links): less data on busy accounts. */
  findOpenOpportunitiesOwnedBy(accountIds: string[], ownerIds: string[]): Promise<CrmOpportunityRecord[]> {
    return findOpenOpportunities(this.client, this.options, accountIds, ownerIds);
  }

  /**
   * Addresses of deleted contacts (in the recycle bin). A people lookup through queryAll has seen them
   * already, so addresses it covered recently cost no call.
   */
  async findTombstones(addresses: string[]): Promise<string[]> {
    const wanted = wantedAddresses(addresses);
    const now = this.options.now();
    const out = new Set<string>();
    const unknown: string[] = [];
    for (const a of wanted) {
      const m = this.tombstoneMemo.get(a);
      if (m && now - m.at <= this.options.lookupMemoMs) {
        if (m.tombstone) out.add(a);
      } else unknown.push(a);
    }
    if (unknown.length) {
      const deleted = await queryContacts(
        this.client,
        { ...this.options, includeDeletedPeople: true },
        unknown,
        'IsDeleted = true AND ',
      );
      const had = new Set(deleted.flatMap((p) => p.emails.map((e) => e.address)));
      for (const a of unknown) if (had.has(a)) out.add(a);
    }
    return [...out].sort();
  }

  recentActivities(refs: RecordRef[], limit: number): Promise<Record<string, RecentActivity[]>> {
    return recentActivities(this.sidebarCtx, refs, limit);
  }

  search(query: string, options?: { limit?: number }): Promise<SearchHit[]> {
    return search(this.sidebarCtx, query, options?.limit);
  }

  createContacts(items: NewContact[]): Promise<CreateResult[]> {
    return createContacts(this.client, this.options, items);
  }

  createLeads(items: NewLead[]): Promise<CreateResult[]> {
    return createLeads(this.client, this.options, items);
  }

  /** Items may carry `email` (participants) for EmailMessage mode; see SalesforceNewActivity. */
  saveActivities(items: SalesforceNewActivity[]): Promise<SaveActivityResult[]> {
    return saveActivities(this.writeCtx, items);
  }

  findActivitiesByMessageIds(messageIds: string[]): Promise<CrmActivityRecord[]> {
    return findActivitiesByMessageIds(this.writeCtx, messageIds);
  }

  getRecordDetails(refs: RecordRef[]): Promise<Record<string, RecordDetails>> {
    return getRecordDetails(this.sidebarCtx, refs);
  }

  /** Liaison users → Salesforce users, by email in one query, admin overrides first. */
  mapUsers(users: LiaisonUserForMapping[]): Promise<Record<string, UserMapping>> {
    return mapUsersByEmail(this.client, users);
  }

  private remember(addresses: string[], people: CrmPersonRecord[]): void {
    if (this.tombstoneMemo.size + addresses.length > MEMO_MAX) this.tombstoneMemo.clear();
    if (this.emailsMemo.size + people.length > MEMO_MAX) this.emailsMemo.clear();
    const at = this.options.now();
    const tomb = new Set<string>();
    for (const p of people) {
      const emails = p.emails.map((e) => normalizeAddress(e.address));
      this.emailsMemo.set(p.id, emails);
      if (p.kind === 'contact' && p.deleted) for (const e of emails) tomb.add(e);
    }
    // Without queryAll the recycle bin was not looked at: nothing learnt about tombstones.
    if (!this.options.includeDeletedPeople) return;
    for (const a of addresses) this.tombstoneMemo.set(a, { tombstone: tomb.has(a), at });
  }
}
