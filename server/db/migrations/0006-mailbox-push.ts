// Provider push for a mailbox: a Microsoft Graph change-notification subscription or a Gmail watch. Kept apart from
// the mailbox row (whose settings decide when a worker rebuilds its source) so renewing it changes nothing else.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('mailbox_push')
    .addColumn('mailbox_id', 'text', (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('graph', 'gmail')`))
    /** Graph's subscription id; for Gmail, the address the watch notifications name. */
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    /** SHA-256 (hex) of the secret the provider echoes back (Graph's clientState); null when there is none. */
    .addColumn('secret_hash', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('mailbox_push_subscription_idx')
    .on('mailbox_push')
    .column('subscription_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('mailbox_push').execute();
}
