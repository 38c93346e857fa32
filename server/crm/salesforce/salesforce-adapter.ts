// The CrmAdapter for Salesforce: every method is a batch of a few SOQL/SOSL calls or sObject Collections.
import { normalizeAddress, type RecentActivity, type RecordDetails, type RecordRef } from '../../../src';
import { addActivityLinks } from './activity-links';
import type {
  ActivityLinks,
  AddLinksResult,
  ChangeEventResult,
  CreateResult,
  CrmEventCancel,
  CrmEventUpdate,
  CrmSavedEvent,
  CrmAccountRecord,
  CrmActivityRecord,
  CrmAdapter,
  CrmOpportunityRecord,
  CrmPersonRecord,
  NewContact,
  NewCrmEvent,
  NewLead,
  RecentActivityOptions,
  SaveActivityResult,
  SaveEventResult,
  SearchHit,
} from '../crm-adapter';
import { EventFields } from './event-fields';
import { OrgCurrency } from './org-currency';
import {
  cancelEvents,
  findEventsByKeys,
  saveEvents,
  updateEvents,
  type EventWriteContext,
} from './event-writes';
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
import { getRecordDetails, recentActivities, recordUrl, search, type SidebarContext } from './sidebar-reads';
import { LookupMemo } from './lookup-memo';
import { TaskKeyField } from './task-key-field';
import { mapUsersByEmail, type LiaisonUserForMapping, type UserMapping } from './user-mapping';

export type SalesforceAdapterOptions = SalesforceOptions & SalesforceClientOptions;

export class SalesforceCrmAdapter implements CrmAdapter {
  readonly kind = 'salesforce';
  readonly client: SalesforceClient;
  readonly options: ResolvedOptions;
  /** What recent people lookups showed (tombstones, who has a record, a person's addresses). */
  private readonly memo: LookupMemo;
  private readonly writeCtx: ActivityWriteContext;
  private readonly sidebarCtx: SidebarContext;
  /** The currency of opportunity amounts, learned once per connection. */
  private readonly currency: OrgCurrency;
  /** Task's Message-ID field: whether the org has it, learned once per connection. */
  private readonly taskKey: TaskKeyField;
  /** Event's key and state fields: whether the org has them, learned once per connection. */
  private readonly eventCtx: EventWriteContext;

  constructor(session: SalesforceSession, options: SalesforceAdapterOptions = {}) {
    this.options = resolveOptions(options);
    this.client = new SalesforceClient(session, options);
    this.memo = new LookupMemo(this.options.lookupMemoMs, this.options.now);
    this.currency = new OrgCurrency(this.client);
    this.taskKey = new TaskKeyField(this.client, this.options.taskMessageIdField);
    this.writeCtx = {
      client: this.client,
      options: this.options,
      taskKey: this.taskKey,
      emailsOf: (id) => this.memo.emailsOf(id),
    };
    this.eventCtx = {
      client: this.client,
      fields: new EventFields(this.client, this.options.eventKeyField, this.options.eventStateField),
    };
    this.sidebarCtx = {
      client: this.client,
      options: this.options,
      recordUrlBase: () => this.options.recordUrlBase ?? this.client.conn.instanceUrl.replace(/\/+$/, ''),
      currency: this.currency,
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

  /**
   * Sentences for the admin's CRM status about what the org lacks: in Task mode the Message-ID field that makes a
   * retried save safe; for meetings Event's key and state fields. Asks Salesforce once per connection for each.
   */
  async setupAdvice(): Promise<string[]> {
    const task = this.options.activityMode === 'task' ? await this.taskKey.advice() : undefined;
    const event = await this.eventCtx.fields.advice();
    return [task, event].filter((a): a is string => a !== undefined);
  }

  /** Set once Salesforce refused the refresh token: the organisation must be marked Inactive. */
  consentRevoked(): SalesforceConsentRevokedError | undefined {
    return this.client.consentRevoked();
  }

  async findPeopleByEmails(addresses: string[]): Promise<CrmPersonRecord[]> {
    const wanted = wantedAddresses(addresses);
    const people = await findPeopleByEmails(this.client, this.options, wanted);
    this.memo.record(wanted, people, this.options.includeDeletedPeople);
    return people;
  }

  findAccountsByDomains(domains: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByDomains(this.client, this.options, domains);
  }

  findAccountsByIds(ids: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByIds(this.client, this.options, ids);
  }

  findOpenOpportunitiesByAccounts(accountIds: string[]): Promise<CrmOpportunityRecord[]> {
    return findOpenOpportunities(this.client, this.options, accountIds, undefined, this.currency);
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
    const out = new Set<string>();
    const unknown: string[] = [];
    for (const a of wanted) {
      const known = this.memo.isTombstone(a);
      if (known === undefined) unknown.push(a);
      else if (known) out.add(a);
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

  recentActivities(
    refs: RecordRef[],
    limit: number,
    options: RecentActivityOptions = {},
  ): Promise<Record<string, RecentActivity[]>> {
    return recentActivities(this.sidebarCtx, refs, limit, options.hideImported === true);
  }

  search(query: string, options?: { limit?: number }): Promise<SearchHit[]> {
    return search(this.sidebarCtx, query, options?.limit);
  }

  recordUrl(ref: RecordRef): string {
    return recordUrl(this.sidebarCtx, ref);
  }

  /** Addresses a lookup of the last minute showed without a contact skip the existence check. */
  async createContacts(items: NewContact[]): Promise<CreateResult[]> {
    const res = await createContacts(this.client, this.options, items, (e) =>
      this.memo.knownAbsent(e, 'contact'),
    );
    res.forEach((r, i) => r.ok && this.memo.markPresent(normalizeAddress(items[i]?.email), 'contact'));
    return res;
  }

  async createLeads(items: NewLead[]): Promise<CreateResult[]> {
    const res = await createLeads(this.client, this.options, items, (e) => this.memo.knownAbsent(e, 'lead'));
    res.forEach((r, i) => r.ok && this.memo.markPresent(normalizeAddress(items[i]?.email), 'lead'));
    return res;
  }

  /** Items may carry `email` (participants) for EmailMessage mode; see SalesforceNewActivity. */
  saveActivities(items: SalesforceNewActivity[]): Promise<SaveActivityResult[]> {
    return saveActivities(this.writeCtx, items);
  }

  findActivitiesByMessageIds(messageIds: string[]): Promise<CrmActivityRecord[]> {
    return findActivitiesByMessageIds(this.writeCtx, messageIds);
  }

  /** Event records with EventRelation rows for more people and the colleagues invited (event-writes.ts). */
  saveEvents(items: NewCrmEvent[]): Promise<SaveEventResult[]> {
    return saveEvents(this.eventCtx, items);
  }

  updateEvents(items: CrmEventUpdate[]): Promise<ChangeEventResult[]> {
    return updateEvents(this.eventCtx, items);
  }

  cancelEvents(items: CrmEventCancel[]): Promise<ChangeEventResult[]> {
    return cancelEvents(this.eventCtx, items);
  }

  /** Nothing on an org without Event's key field: Liaison's ledger is what knows then. */
  findEventsByKeys(keys: string[]): Promise<CrmSavedEvent[]> {
    return findEventsByKeys(this.eventCtx, keys);
  }

  /** A sent EmailMessage cannot be updated, so only Task mode adds a related record later. */
  get addsWhatLater(): boolean {
    return this.options.activityMode === 'task';
  }

  addActivityLinks(activityId: string, links: ActivityLinks): Promise<AddLinksResult> {
    return addActivityLinks(this.writeCtx, activityId, links);
  }

  getRecordDetails(refs: RecordRef[]): Promise<Record<string, RecordDetails>> {
    return getRecordDetails(this.sidebarCtx, refs);
  }

  /** Liaison users → Salesforce users, by email in one query, admin overrides first. */
  mapUsers(users: LiaisonUserForMapping[]): Promise<Record<string, UserMapping>> {
    return mapUsersByEmail(this.client, users);
  }
}
