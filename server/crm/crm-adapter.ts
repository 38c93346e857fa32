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
  /** The amount's ISO 4217 currency, when the CRM says. */
  currency?: string;
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
  /** E.164 or as the rep typed it; Salesforce's Phone and MobilePhone. */
  phone?: string;
  mobilePhone?: string;
  accountId?: string;
  ownerId?: string;
}

export interface NewLead {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  phone?: string;
  mobilePhone?: string;
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
  /** The record in the CRM, when the CRM has a page for it. */
  url?: string;
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

/**
 * A meeting or appointment to write as a CRM event (event-rules.md): one per `key` for the whole organisation. The
 * subject and body are `shareEventContent`'s; all-day events run from midnight to the following midnight (exclusive).
 */
export interface NewCrmEvent {
  /** `eventKey(event)`: saving a key that exists already writes nothing and answers the existing event. */
  key: string;
  subject: string;
  body: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  allDay: boolean;
  location?: string;
  /** How the time shows in calendars (autoshared meetings: busy). */
  showAs: 'busy' | 'free';
  /** CRM user id of the owner (section 5: the organizer when a user, else the first user whose sync saved it). */
  ownerId: string;
  /** Contacts and leads; the first is the primary one (Salesforce's WhoId), the rest relations. */
  who: RecordRef[];
  /** An opportunity or account. */
  what?: RecordRef;
  /** CRM user ids of colleagues invited (the event shows in their calendars), the owner left out. */
  invitees: string[];
  /** `eventFingerprint(event)` and the event's sequence, as written (rule 6 compares later copies with them). */
  fingerprint: string;
  sequence: number;
  origin: 'manual' | 'automatic';
}

/**
 * A later copy of a saved event (rule 6: another fingerprint). Content, times, location, fingerprint and sequence are
 * replaced (a cancelled event written again is no longer cancelled); links are only added: people and invitees it
 * lacks, the related record when it has none. A copy whose sequence is lower than the saved one changes nothing.
 */
export interface CrmEventUpdate extends Omit<NewCrmEvent, 'ownerId' | 'origin'> {
  /** The CRM event's id when Liaison's ledger knows it: needed where the CRM cannot find events by key. */
  id?: string;
  /** When given, the event's owner becomes this CRM user (section 5: the organizer's own sync takes it over). */
  ownerId?: string;
}

/** An event cancelled at the source: marked cancelled, its subject `Cancelled: …`; never deleted. */
export interface CrmEventCancel {
  key: string;
  /** `shareEventContent` of the cancelled event (`Cancelled: …`); the prefix is added when missing. */
  subject: string;
  fingerprint: string;
  sequence: number;
  /** As for updates. */
  id?: string;
}

/** Per item, in input order: the event's id (`created: false` when the key was saved before) or why it failed. */
export type SaveEventResult = { key: string } & (
  { ok: true; id: string; created: boolean } | { ok: false; error: string }
);

/** Per item, in input order: the event changed, or left as it was (`changed: false`: a newer copy is saved), or an error. */
export type ChangeEventResult = { key: string } & (
  { ok: true; id: string; changed: boolean } | { ok: false; error: string }
);

/** A saved event as the rules' `SavedEvent` and section 5's ownership need it. */
export interface CrmSavedEvent {
  key: string;
  id: string;
  /** Absent where the CRM does not keep them (Salesforce without the state field): the ledger's count. */
  fingerprint?: string;
  sequence?: number;
  cancelled: boolean;
  ownerId?: string;
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
  /** Where the record opens in the CRM (a new tab from the sidebars), when the CRM has a page for it. */
  recordUrl?(ref: RecordRef): string | undefined;
  /** Records whose name or email contains the text (blacklisted people included). */
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  createContacts(items: NewContact[]): Promise<CreateResult[]>;
  createLeads(items: NewLead[]): Promise<CreateResult[]>;
  saveActivities(items: NewActivity[]): Promise<SaveActivityResult[]>;
  findActivitiesByMessageIds(messageIds: string[]): Promise<CrmActivityRecord[]>;
  /** Adds links to an activity saved earlier (rulebook section 4). Links it has already are no-ops; a related
   * record other than the one it has is refused (an activity has one). */
  addActivityLinks(activityId: string, links: ActivityLinks): Promise<AddLinksResult>;
  /** Events (event-rules.md), in batches: a few round trips per call, whatever the number of items. */
  saveEvents(items: NewCrmEvent[]): Promise<SaveEventResult[]>;
  /** By key (or by `id` when given); an unknown key fails that item. */
  updateEvents(items: CrmEventUpdate[]): Promise<ChangeEventResult[]>;
  /** By key (or `id`): subject `Cancelled: …`, marked cancelled, never deleted. */
  cancelEvents(items: CrmEventCancel[]): Promise<ChangeEventResult[]>;
  /**
   * The saved events having these keys (cancelled ones included; keys not found are left out). Salesforce finds
   * them only through Event's key field: on an org without it this answers nothing, and the engine relies on
   * Liaison's own ledger of saved events (with the CRM ids, which update and cancel then take).
   */
  findEventsByKeys(keys: string[]): Promise<CrmSavedEvent[]>;
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
