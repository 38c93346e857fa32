// The ledger looked up by activity: with the display setting off, the sidebar leaves out of a record's recent
// activity the ones autosharing saved, which the ledger knows by activity id in any CRM.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('saved_emails_activity_idx').on('saved_emails').column('activity_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('saved_emails_activity_idx').execute();
}
