// The 24-hour window (ClientSuccess): an email skipped because nobody in it was a contact or lead is kept as an
// envelope (addresses, subject, date; never a body) for 24 hours from its date, so that a contact or lead that
// appears meanwhile (created in Liaison, auto-created by another email, found by a later sync's CRM lookup) gets it
// decided again. One row per mailbox and Message-ID; the source's own id reads the body again at `full`.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('pending_envelopes')
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    /** Where the message lives in the mailbox (MailBatch.sourceIdOf); null when the source cannot say. */
    .addColumn('source_id', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_addresses', 'jsonb', (c) => c.notNull())
    .addColumn('cc_addresses', 'jsonb', (c) => c.notNull())
    .addColumn('bcc_addresses', 'jsonb', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_envelopes_pk', ['mailbox_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('pending_envelopes_expiry_idx')
    .on('pending_envelopes')
    .column('expires_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('pending_envelopes').execute();
}
