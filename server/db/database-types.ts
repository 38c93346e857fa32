// The tables as Kysely sees them. Ids are text (generated in code, deterministic for demo data);
// timestamps are timestamptz (read as Date on both backends); JSON columns are jsonb.
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column holding T (written through the `jsonb()` helper). */
export type Json<T> = ColumnType<T, unknown, unknown>;

export interface OrganisationTable {
  id: ColumnType<string, string | undefined, never>;
  internal_domains: Json<string[]>;
  default_settings: Json<unknown>;
  autosharing_enabled: Generated<boolean>;
  show_extracted_info: Generated<boolean>;
  crm_kind: Generated<string>;
  updated_at: CreatedAt;
}

export interface CorporateBlacklistTable {
  entry: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  display_name: string;
  crm_user_id: string;
  role: 'admin' | 'user';
  included_in_import: Generated<boolean>;
  /** Included in import when autosharing was last stopped, and not decided about since (0011). */
  included_before_stop: Generated<boolean>;
  status: Generated<'active' | 'inactive'>;
  status_details: string | null;
  last_error: string | null;
  last_sync_at: Timestamp | null;
  connected_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UserAddressesTable {
  address: string;
  user_id: string;
  is_primary: boolean;
  position: number;
}

export interface UserSettingsTable {
  user_id: string;
  settings: Json<unknown>;
  updated_at: CreatedAt;
}

/** The dashboard's first-run guide, per user (0021). */
export interface UserGuideTable {
  user_id: string;
  dismissed_at: Timestamp | null;
  why_tried_at: Timestamp | null;
  updated_at: CreatedAt;
}

export interface UserBlacklistTable {
  user_id: string;
  entry: string;
  created_at: CreatedAt;
}

export interface ThreadSubscriptionsTable {
  user_id: string;
  thread_id: string;
  what_kind: string | null;
  what_id: string | null;
  /** The subject of the email the subscription was made from (migration 0005). */
  subject: string | null;
  /** The thread's root Message-ID, normalised; null when the face could not read the headers (migration 0010). */
  root_message_id: string | null;
  created_at: CreatedAt;
}

/** The records a rep picked while writing, for "Save when sent" (migration 0018). */
export interface SavePicksTable {
  id: string;
  user_id: string;
  who: Json<{ kind: string; id: string }[]>;
  what: Json<{ kind: string; id: string } | null>;
  level: string | null;
  autosave_thread: boolean;
  thread_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SavedEmailsTable {
  message_id: string;
  activity_id: string;
  linked_records: Json<unknown>;
  saved_by: string | null;
  saved_at: CreatedAt;
  mode: 'manual' | 'automatic';
}

export interface DecisionLogTable {
  id: string;
  user_id: string;
  message_id: string;
  thread_id: string | null;
  folder: string;
  direction: 'inbound' | 'outbound';
  from_address: string;
  to_addresses: Json<string[]>;
  cc_addresses: Json<string[]>;
  subject: string;
  sent_at: string;
  /** Emails: save or skip; events also update and cancel (migration 0016). */
  action: 'save' | 'skip' | 'update' | 'cancel';
  reason: string;
  links: Json<unknown>;
  content: string;
  trace: Json<string[]>;
  decided_at: CreatedAt;
  /** What was decided about: an email (the Message-ID) or a calendar event (its key). */
  kind: Generated<'email' | 'event'>;
}

export interface SignInTokensTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

/** A Microsoft identity bound to the Liaison user it first signed in as (migration 0013). */
export interface UserIdentitiesTable {
  provider: string;
  tenant: string;
  subject: string;
  user_id: string;
  created_at: CreatedAt;
}

/** An OAuth attempt in flight: its state's hash, the sealed PKCE verifier, used once (migration 0013). */
export interface OAuthStatesTable {
  state_hash: string;
  kind: string;
  user_id: string | null;
  sealed_verifier: string;
  details: Generated<string>;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  last_seen_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CrmConnectionTable {
  kind: string;
  connection: Json<unknown>;
  status: Generated<'active' | 'inactive'>;
  status_reason: string | null;
  updated_at: CreatedAt;
}

export interface CrmUsersTable {
  id: string;
  name: string;
  email: string | null;
}

export interface CrmAccountsTable {
  id: string;
  name: string;
  owner_id: string | null;
  industry: string | null;
  deleted: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CrmAccountDomainsTable {
  account_id: string;
  domain: string;
}

export interface CrmContactsTable {
  id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  phone: string | null;
  mobile_phone: string | null;
  account_id: string | null;
  owner_id: string | null;
  deleted: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CrmContactEmailsTable {
  contact_id: string;
  address: string;
  is_primary: boolean;
}

export interface CrmLeadsTable {
  id: string;
  first_name: string;
  last_name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  mobile_phone: string | null;
  owner_id: string | null;
  converted: Generated<boolean>;
  deleted: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CrmLeadEmailsTable {
  lead_id: string;
  address: string;
  is_primary: boolean;
}

export interface CrmOpportunitiesTable {
  id: string;
  account_id: string;
  owner_id: string;
  name: string;
  stage: string;
  amount: ColumnType<string | number | null, number | null | undefined, number | null>;
  close_date: ColumnType<Date | string | null, string | null | undefined, string | null>;
  closed: Generated<boolean>;
  won: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CrmActivitiesTable {
  id: string;
  type: Generated<'email' | 'call' | 'meeting' | 'task' | 'note'>;
  subject: string;
  body: string;
  activity_date: Timestamp;
  owner_id: string | null;
  source_message_id: string | null;
  origin: 'manual' | 'automatic' | 'crm';
  hidden: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CrmActivityLinksTable {
  activity_id: string;
  role: 'who' | 'what';
  kind: 'contact' | 'lead' | 'account' | 'opportunity';
  record_id: string;
  position: number;
}

export interface CrmEventsTable {
  id: string;
  event_key: string;
  subject: string;
  body: string;
  start_at: Timestamp;
  end_at: Timestamp;
  all_day: boolean;
  location: string | null;
  show_as: 'busy' | 'free';
  owner_id: string | null;
  fingerprint: string;
  sequence: number;
  cancelled: Generated<boolean>;
  origin: 'manual' | 'automatic' | 'crm';
  hidden: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CrmEventLinksTable {
  event_id: string;
  role: 'who' | 'what';
  kind: 'contact' | 'lead' | 'account' | 'opportunity';
  record_id: string;
  position: number;
}

export interface CrmEventInviteesTable {
  event_id: string;
  crm_user_id: string;
  position: number;
}

export interface CrmActivityFilesTable {
  activity_id: string;
  position: number;
  name: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: CreatedAt;
}

export interface CrmTombstonesTable {
  address: string;
  deleted_at: CreatedAt;
}

export interface Database {
  organisation: OrganisationTable;
  crm_connection: CrmConnectionTable;
  corporate_blacklist: CorporateBlacklistTable;
  users: UsersTable;
  user_addresses: UserAddressesTable;
  user_settings: UserSettingsTable;
  user_guide: UserGuideTable;
  user_blacklist: UserBlacklistTable;
  thread_subscriptions: ThreadSubscriptionsTable;
  saved_emails: SavedEmailsTable;
  save_picks: SavePicksTable;
  decision_log: DecisionLogTable;
  sign_in_tokens: SignInTokensTable;
  sessions: SessionsTable;
  user_identities: UserIdentitiesTable;
  oauth_states: OAuthStatesTable;
  crm_users: CrmUsersTable;
  crm_accounts: CrmAccountsTable;
  crm_account_domains: CrmAccountDomainsTable;
  crm_contacts: CrmContactsTable;
  crm_contact_emails: CrmContactEmailsTable;
  crm_leads: CrmLeadsTable;
  crm_lead_emails: CrmLeadEmailsTable;
  crm_opportunities: CrmOpportunitiesTable;
  crm_activities: CrmActivitiesTable;
  crm_activity_links: CrmActivityLinksTable;
  crm_activity_files: CrmActivityFilesTable;
  crm_tombstones: CrmTombstonesTable;
  crm_events: CrmEventsTable;
  crm_event_links: CrmEventLinksTable;
  crm_event_invitees: CrmEventInviteesTable;
}
