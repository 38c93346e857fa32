// Organisation, users and everything Liaison itself keeps about them: settings, blacklists,
// thread subscriptions, the saved-email ledger, the decision log, sign-in tokens and sessions.
import { sql, type Kysely } from 'kysely';

// Migrations see the database as it was then, not as `Database` describes it today.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) =>
      c
        .primaryKey()
        .defaultTo('org')
        .check(sql`id = 'org'`),
    )
    .addColumn('internal_domains', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('default_settings', 'jsonb', (c) => c.notNull())
    .addColumn('autosharing_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('show_extracted_info', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('crm_kind', 'text', (c) => c.notNull().defaultTo('embedded'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('corporate_blacklist')
    .addColumn('entry', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('crm_user_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'user')`))
    .addColumn('included_in_import', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('inactive')
        .check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('status_details', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_sync_at', 'timestamptz')
    .addColumn('connected_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per mailbox address (aliases too); an address belongs to one user only.
  await db.schema
    .createTable('user_addresses')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('user_addresses_user_idx').on('user_addresses').column('user_id').execute();

  await db.schema
    .createTable('user_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_blacklist')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_blacklist_pk', ['user_id', 'entry'])
    .execute();

  await db.schema
    .createTable('thread_subscriptions')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('what_kind', 'text')
    .addColumn('what_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('thread_subscriptions_pk', ['user_id', 'thread_id'])
    .execute();

  // The ledger: one row per normalised Message-ID for the whole organisation. The primary key is
  // what makes concurrent savers safe (insert … on conflict do nothing: one wins).
  await db.schema
    .createTable('saved_emails')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('linked_records', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('saved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('manual', 'automatic')`))
    .execute();
  await db.schema.createIndex('saved_emails_saved_by_idx').on('saved_emails').column('saved_by').execute();

  // Envelope only: the server never stores a body.
  await db.schema
    .createTable('decision_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_addresses', 'jsonb', (c) => c.notNull())
    .addColumn('cc_addresses', 'jsonb', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('save', 'skip')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('links', 'jsonb', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('trace', 'jsonb', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('decision_log_user_message_idx')
    .on('decision_log')
    .columns(['user_id', 'message_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('decision_log_user_time_idx')
    .on('decision_log')
    .columns(['user_id', 'decided_at'])
    .execute();

  // Hashes only: a stolen database yields no usable token.
  await db.schema
    .createTable('sign_in_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
}
