// The one door to the CRM. Everything the server asks of a CRM goes through this interface, and
// every call takes a batch (many addresses, domains, records, activities) so a sync batch or a
// sidebar request costs a few round trips, not one per participant. The embedded CRM implements
// it on the database; Salesforce (and any other CRM) is one more folder next to `embedded/`.
import type {
  ActivityFile,
  CrmAccount,
  CrmOpportunity,
  CrmPerson,
  RecentActivity,
  RecordDetails,
  RecordRef,
} from '../../src';
import type { RawBuilder } from 'kysely';
import type { ReadRow } from '../db/cached-plan';

/** A contact or lead (the rulebook's shape) with what people need to recognise it. */
export interface CrmPersonRecord extends CrmPerson {
  name: string;
  title?: string;
  /** A lead's company. */
  company?: string;
  ownerId?: string;
}

export interface CrmAccountRecord extends CrmAccount {
  name: string;
}

export interface CrmOpportunityRecord extends CrmOpportunity {
  name: string;
  stage: string;
  amount?: number;
  /** YYYY-MM-DD */
  closeDate?: string;
}

export interface CrmActivityRecord {
  id: string;
  type: RecentActivity['type'];
  subject: string;
  /** ISO 8601 */
  date: string;
  ownerId?: string;
  who: RecordRef[];
  what?: RecordRef;
  /** Normalised Message-ID of the email it was saved from. */
  messageId?: string;
  origin: 'manual' | 'automatic' | 'crm';
  hidden: boolean;
}

export interface NewContact {
  email: string;
  /** More addresses of the same person (not primary). */
  additionalEmails?: string[];
  firstName?: string;
  lastName?: string;
  title?: string;
  accountId?: string;
  ownerId?: string;
}

export interface NewLead {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  ownerId?: string;
}

/** Per item: the new (or already existing, `created: false`) record's id, or why it failed. */
export type CreateResult = { ok: true; id: string; created: boolean } | { ok: false; error: string };

export interface NewActivity {
  /** The email's Message-ID (any form): one activity per Message-ID, saving again is a no-op. */
  messageId: string;
  subject: string;
  body: string;
  /** ISO 8601: when the email was sent. */
  date: string;
  /** CRM user id of the owner (the user who saved it). */
  ownerId?: string;
  /** Contacts and leads. */
  who: RecordRef[];
  /** An opportunity or account. */
  what?: RecordRef;
  mode: 'manual' | 'automatic';
  /** Attachments saved as files with the activity (a save at `full`); saving again adds none twice. */
  files?: ActivityFile[];
}

/**
 * Per item, in input order: the activity id (`created: false` when it existed already) or an error. `fileErrors`
 * names the files the CRM refused (the activity itself is saved).
 */
export type SaveActivityResult = { messageId: string } & (
  | { ok: true; id: string; created: boolean; fileErrors?: { name: string; error: string }[] }
  | { ok: false; error: string }
);

/** Links added to an activity saved earlier: contacts and leads, and a related record when it has none. */
export interface ActivityLinks {
  who: RecordRef[];
  what?: RecordRef;
}

export type AddLinksResult = { ok: true } | { ok: false; error: string };

export interface SearchHit {
  ref: RecordRef;
  name: string;
  /** A person's primary email. */
  email?: string;
  /** Account name for contacts and opportunities, company for leads, a domain for accounts. */
  subtitle?: string;
}

/** A batch's addresses and their domains, for `lookupContext`. */
export interface CrmLookupRequest {
  addresses: string[];
  domains: string[];
  /** Also up to this many recent activities per person found (converted leads left out). */
  recentActivities?: number;
  /** Leave out of those the activities autosharing imported (the organisation's display setting is off). */
  hideImported?: boolean;
}

export interface RecentActivityOptions {
  /** Leave out the activities autosharing imported; manual saves and the CRM's own activities stay. */
  hideImported?: boolean;
}

/** What the rules need about a batch's addresses (the answers of the batched calls above, together). */
export interface CrmLookup {
  people: CrmPersonRecord[];
  /** Accounts by domain, then the accounts of people found that no domain named. */
  accounts: CrmAccountRecord[];
  /** Open opportunities on all those accounts (and on accounts of people, even deleted ones). */
  opportunities: CrmOpportunityRecord[];
  tombstones: string[];
  /** Present when `recentActivities` was asked. */
  activities?: Record<string, RecentActivity[]>;
}

export interface CrmAdapter {
  readonly kind: string;

  /** Contacts and leads having any of these addresses (primary or additional), with all their emails.
   * Soft-deleted people and converted leads are included and flagged: the rules decide. */
  findPeopleByEmails(addresses: string[]): Promise<CrmPersonRecord[]>;
  /** Accounts having any of these domains (exact match, no subdomains), with all their domains. */
  findAccountsByDomains(domains: string[]): Promise<CrmAccountRecord[]>;
  findAccountsByIds(ids: string[]): Promise<CrmAccountRecord[]>;
  /** Open opportunities on these accounts, newest first. */
  findOpenOpportunitiesByAccounts(accountIds: string[]): Promise<CrmOpportunityRecord[]>;
  /** Which of these addresses belonged to deleted contacts (never auto-created again). */
  findTombstones(addresses: string[]): Promise<string[]>;
  /** Up to `limit` most recent visible activities per record, keyed by `recordKey(ref)`, newest first. */
  recentActivities(
    refs: RecordRef[],
    limit: number,
    options?: RecentActivityOptions,
  ): Promise<Record<string, RecentActivity[]>>;
  /** Records whose name or email contains the text (blacklisted people included). */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  createContacts(items: NewContact[]): Promise<CreateResult[]>;
  createLeads(items: NewLead[]): Promise<CreateResult[]>;
  saveActivities(items: NewActivity[]): Promise<SaveActivityResult[]>;
  findActivitiesByMessageIds(messageIds: string[]): Promise<CrmActivityRecord[]>;
  /** Adds links to an activity saved earlier (rulebook section 4). Links it has already are no-ops; a related
   * record other than the one it has is refused (an activity has one). */
  addActivityLinks(activityId: string, links: ActivityLinks): Promise<AddLinksResult>;
  /** Whether `addActivityLinks` can give a saved activity a related record (not Salesforce's EmailMessage). */
  readonly addsWhatLater: boolean;
  /** Whether every change to the CRM's records is heard on Liaison's change feed (server/db/change-feed.ts): the
   * embedded CRM, whose tables notify; not Salesforce, changed by people Liaison never hears of. Only then may
   * what was read from it be kept between requests. */
  readonly changesNotified?: boolean;
  /** Names and display fields, keyed by `recordKey(ref)`; unknown records are left out. */
  getRecordDetails(refs: RecordRef[]): Promise<Record<string, RecordDetails>>;
  /** Admin stop/start: hide or show again the activities autosharing imported, where the CRM allows it
   * (the embedded CRM does; Salesforce records are never touched). Returns how many changed. */
  setImportedActivitiesHidden?(hidden: boolean): Promise<number>;
  /** Optional: `CrmLookup` in one round trip, where the CRM can (the embedded CRM: one SQL statement).
   * Without it the server makes the batched calls above (server/context/crm-lookup.ts). */
  lookupContext?(request: CrmLookupRequest): Promise<CrmLookup>;
  /** Optional, where the CRM lives in Liaison's own database (the embedded CRM): `lookupContext` and a read of
   * Liaison's own tables (`alongside`, one row) in ONE statement; `hideImported` may then be a condition on those
   * tables. */
  lookupContextAlongside?<T>(
    request: CrmLookupAlongsideRequest,
    alongside: RawBuilder<T>,
  ): Promise<{ lookup: CrmLookup; alongside: ReadRow<T> | undefined }>;
}

export interface CrmLookupAlongsideRequest extends Omit<CrmLookupRequest, 'hideImported'> {
  hideImported?: boolean | RawBuilder<boolean>;
}
