import type { AutoshareDecision, RecordRef } from '../types';

// The sidebar's view model: what both sidebars (Outlook and Gmail) show for one open email.

/** Display fields of a record, fetched by the server for the records in view (CrmPerson has no names). */
export interface RecordDetails {
  name: string;
  title?: string; // a person's job title
  company?: string; // a lead's company
  stage?: string; // an opportunity's stage
  amount?: number;
  /** The amount's ISO 4217 currency, as the CRM keeps it; absent when the CRM does not say. */
  currency?: string;
  closeDate?: string;
  url?: string; // the record in the CRM
}

export interface RecentActivity {
  id: string;
  type: 'email' | 'call' | 'meeting' | 'task' | 'note';
  subject: string;
  date: string; // ISO 8601
  ownerName?: string;
  /** Names of the files saved with it (the email's attachments, at `full`). */
  files?: string[];
}

/** Where and how an email was saved (from the server's ledger). */
export interface SavedEmail {
  activityId: string;
  savedAt: string;
  savedBy: string;
  mode: 'manual' | 'automatic';
  links: RecordRef[];
  /** False when the CRM cannot relate an activity saved earlier to an opportunity or account (Salesforce's
   * Enhanced Email: a sent EmailMessage keeps its RelatedToId). */
  canAddWhat?: boolean;
}

export interface SidebarExtras {
  /** Keyed by `recordKey(ref)`, e.g. `contact:003…`. */
  details?: Record<string, RecordDetails>;
  /** Recent activities per record, keyed by `recordKey(ref)`, newest first. */
  activities?: Record<string, RecentActivity[]>;
  saved?: SavedEmail;
  /** Contacts one email may create at most (the server's setting; default 10): the line says what the sync will do. */
  maxContactsPerEmail?: number;
}

export interface SidebarOpportunity {
  ref: RecordRef;
  name: string;
  stage?: string;
  amount?: number;
  /** The amount's ISO 4217 currency from the CRM; absent: the CRM did not say, and the amount shows as a number. */
  currency?: string;
  closeDate?: string;
  mine: boolean;
  /** The record in the CRM, when the CRM has a page for it. */
  url?: string;
}

export interface SidebarAccount {
  ref: RecordRef;
  name: string;
  url?: string;
  opportunities: SidebarOpportunity[];
}

/** A record the rep can pick, with its page in the CRM when the CRM has one. */
export interface PickableRecord {
  ref: RecordRef;
  name: string;
  url?: string;
}

export type ParticipantField = 'from' | 'to' | 'cc' | 'bcc';

/** `F`: where the person stands in the item (From, To… for an email; organizer, required… for a meeting). */
export interface SidebarPerson<F extends string = ParticipantField> {
  ref: RecordRef; // contact or lead
  name: string;
  title?: string;
  url?: string;
  address: string;
  field: F;
  deleted: boolean;
  /** Autosharing would link this record to the email. */
  linkedByAutoshare: boolean;
  account?: SidebarAccount;
  recentActivities: RecentActivity[];
}

export interface NewRecordSuggestion<F extends string = ParticipantField> {
  address: string;
  displayName?: string;
  field: F;
  kind: 'contact' | 'lead';
  account?: { ref: RecordRef; name: string };
  roleAddress: boolean;
  personalAddress: boolean;
  prefill: { firstName: string; lastName: string; email: string; company: string; accountId?: string };
}

export interface AutoshareSummary {
  decision: AutoshareDecision;
  /** One line for the rep: "Will be saved at the next sync, linked to …" or "Won't be saved: internal email." */
  line: string;
  /** The decision's trace with the records' names in place of their ids (the decision keeps the ids). */
  trace: string[];
  willSave: boolean;
}

export interface SidebarView {
  messageId: string;
  threadId: string;
  subject: string;
  people: SidebarPerson[];
  suggestions: NewRecordSuggestion[];
  /** How many participants are hidden because they are blacklisted. */
  hiddenBlacklisted: number;
  alreadySaved: boolean;
  saved?: SavedEmail;
  thread: { autosave: boolean; what?: RecordRef; whatName?: string };
  /** Records the rep can pick when saving by hand: the people shown, their accounts and open opportunities. */
  pickable: PickableRecord[];
  /** The name of every record the view mentions (saved links, the thread's record, the decision's), keyed by
   * `recordKey`; a record the CRM gave no name for reads "a contact (name not available)", never its id. */
  names: Record<string, string>;
  autoshare: AutoshareSummary;
  /** MB of attachment files saved per email at `full` (set by the server), for the sharing level's label. */
  attachmentLimitMb?: number;
}
