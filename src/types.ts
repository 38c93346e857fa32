// The contract of the shared core, exactly as section 1 of the rulebook (shared/spec/sync-rules.md) names it.

export type SharingLevel = 'metadata' | 'subject' | 'full';
export type Folder = 'inbox' | 'sent' | 'archive' | 'drafts' | 'junk' | 'deleted' | 'outbox' | 'other';

export interface EmailAddress {
  address: string;
  name?: string;
}

export interface MailMessage {
  internetMessageId: string; // RFC 5322 Message-ID, with or without <>
  threadId?: string; // Outlook conversationId, Gmail threadId, or derived from References
  folder: Folder;
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  sentAt: string; // ISO 8601
  bodyText?: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>; // other header fields, names lower-case
}

export interface MailAttachment {
  name: string;
  size: number;
  contentType: string;
  /** The file, base64: read only for a save at `full` (sources, and the sidebars when the rep saves). */
  content?: string;
}

export interface RecordRef {
  kind: 'contact' | 'lead' | 'account' | 'opportunity';
  id: string;
}

export interface CrmPerson {
  id: string;
  kind: 'contact' | 'lead';
  emails: { address: string; primary: boolean }[];
  accountId?: string; // a contact's default account
  createdAt: string; // ISO 8601
  converted?: boolean; // leads only
  deleted?: boolean; // soft-deleted
}
export interface CrmAccount {
  id: string;
  domains: string[];
}
export interface CrmOpportunity {
  id: string;
  accountId: string;
  ownerId: string;
  createdAt: string;
  closed: boolean;
}

export interface SyncSettings {
  autoshareEmails: boolean;
  threadAutosave: boolean;
  linkToOpportunities: boolean;
  autoCreateContacts: boolean;
  blacklistPolicy: 'exclude-participant' | 'skip-email';
  sharing: { inbound: SharingLevel; outbound: SharingLevel };
  /** Meetings become CRM events (event-rules.md rule 7): off unless the user turns it on. */
  autoshareMeetings: boolean;
  /** Appointments (the user alone) go to the user's CRM calendar: off unless the user turns it on. */
  autoshareAppointments: boolean;
}

export interface ThreadSubscription {
  threadId: string;
  what?: RecordRef;
}

export interface AutoshareContext {
  user: { id: string; addresses: string[]; crmUserId: string };
  connectedAt: string; // ISO 8601: when this mailbox was connected
  internalDomains: string[]; // the company's own domains
  settings: SyncSettings;
  blacklist: string[]; // the user's and the corporate list together
  threadSubscriptions: ThreadSubscription[];
  savedMessageIds: string[]; // Message-IDs already saved anywhere in this organisation
  crm: {
    people: CrmPerson[];
    accounts: CrmAccount[];
    opportunities: CrmOpportunity[];
    tombstones?: string[]; // addresses whose contact was deleted: never auto-created again
  };
}

export type SkipReason =
  | 'invalid_message'
  | 'excluded_folder'
  | 'not_users_message'
  | 'before_connection'
  | 'already_saved'
  | 'automated'
  | 'autoshare_off'
  | 'internal'
  | 'blacklisted'
  | 'no_known_participant'
  | 'no_opportunity_or_account';

export interface AutoshareDecision {
  action: 'save' | 'skip';
  reason: SkipReason | 'autoshare' | 'thread_autosave';
  who: RecordRef[]; // contacts and leads to link, no duplicates
  what?: RecordRef; // opportunity or account, at most one
  create: { address: string; accountId: string }[]; // contacts to create first, then link
  content: SharingLevel;
  trace: string[]; // one plain sentence per rule that was applied, for people
}

export interface ActivityContent {
  subject: string;
  body: string;
  /** Every attachment, named (at `full`; none below). */
  attachments: { name: string; size: number; contentType: string }[];
  /** At `full`: the attachments saved as files with the activity, within the per-email size limit. */
  files: ActivityFile[];
  /** At `full`: attachments named in the body but not saved as files, and why. */
  notSaved: NotSavedAttachment[];
}

/** A file saved with an activity (Salesforce Files, the embedded CRM's activity files). */
export interface ActivityFile {
  name: string;
  /** Bytes of the file itself. */
  size: number;
  contentType: string;
  /** base64 */
  content: string;
}

export interface NotSavedAttachment {
  name: string;
  size: number;
  /** `over_limit`: past the per-email size limit; `unread`: its content was not available (a cloud link…). */
  reason: 'over_limit' | 'unread';
}
