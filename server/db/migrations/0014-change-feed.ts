// A change feed for caches: every write to a table the sidebar reads sends one notification on `liaison_changes`
// (payload: the schema, since test runs share one server) when its transaction commits, whichever process wrote
// (`serve`, a `liaison worker`, `liaison crm import`). A statement trigger, so a batch of 500 rows is one
// notification, and PostgreSQL folds identical notifications of one transaction into one. server/db/change-feed.ts
// listens; server/services/sidebar-cache.ts forgets what it kept when one arrives.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** What a sidebar answer is made of: Liaison's own tables it reads, and the embedded CRM. */
export const NOTIFYING_TABLES = [
  'organisation',
  'corporate_blacklist',
  'users',
  'user_addresses',
  'user_settings',
  'user_blacklist',
  'thread_subscriptions',
  'saved_emails',
  'crm_connection',
  'crm_users',
  'crm_accounts',
  'crm_account_domains',
  'crm_contacts',
  'crm_contact_emails',
  'crm_leads',
  'crm_lead_emails',
  'crm_opportunities',
  'crm_activities',
  'crm_activity_links',
  'crm_tombstones',
] as const;

export async function up(db: AnyDb): Promise<void> {
  await sql`create or replace function liaison_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('liaison_changes', tg_table_schema);
      return null;
    end $$`.execute(db);
  for (const table of NOTIFYING_TABLES) {
    await sql`drop trigger if exists liaison_changed on ${sql.id(table)}`.execute(db);
    await sql`create trigger liaison_changed after insert or update or delete or truncate on ${sql.id(table)}
      for each statement execute function liaison_changed()`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of NOTIFYING_TABLES)
    await sql`drop trigger if exists liaison_changed on ${sql.id(table)}`.execute(db);
  await sql`drop function if exists liaison_changed()`.execute(db);
}
