// The 24-hour window asks the CRM about waiting addresses at once when a record is made for one, else every few
// minutes (server/sync/pending-window.ts): when each envelope was last checked. A column of its own migration, since
// 0007 may already have run where main was started.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  /** When the CRM was last asked about its addresses; null: ask at the mailbox's next run (a record was made). */
  await sql`alter table pending_envelopes add column if not exists checked_at timestamptz`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('pending_envelopes').dropColumn('checked_at').execute();
}
