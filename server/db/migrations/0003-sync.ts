// Mailbox connections for scheduled autosharing: which mailbox each user connected, how to reach it (settings
// without secrets; the secret sealed by the SecretBox), where the sync stands (cursor), and its status and retry
// schedule. One mailbox per user.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('maildir', 'imap', 'graph', 'gmail')`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('sealed_secret', 'text')
    .addColumn('cursor', 'jsonb')
    .addColumn('connected_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('status_details', 'text')
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_sync_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sync_requested_at', 'timestamptz')
    .addColumn('last_sync_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('mailboxes_next_sync_idx').on('mailboxes').column('next_sync_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('mailboxes').execute();
}
