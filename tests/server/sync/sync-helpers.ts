// Shared by the sync suites: connect a Maildir mailbox, wait for a condition, read decisions and activities.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../server/db/database-types';
import type { CrmAdapter } from '../../../server/crm/crm-adapter';
import { connectMailbox, type Mailbox } from '../../../server/db/mailboxes-repo';
import { createMaildirSource } from '../../../server/providers/maildir';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { runMailbox, type RunResult } from '../../../server/sync/sync-run';

export async function connectMaildir(
  db: Kysely<Database>,
  userId: string,
  dir: string,
  connectedAt: Date,
): Promise<Mailbox> {
  const cursor = await createMaildirSource({ dir }).initialCursor(connectedAt);
  return connectMailbox(db, { userId, kind: 'maildir', settings: { dir }, connectedAt, cursor });
}

/** One forced run of a Maildir mailbox (batches of 100, two per run), as a worker would make it. */
export function runMaildirOnce(
  db: Kysely<Database>,
  backend: 'postgres' | 'pglite',
  crm: CrmAdapter,
  mailboxId: string,
): Promise<RunResult> {
  return runMailbox(
    {
      db,
      crm,
      lock: createMailboxLock(db, backend),
      sources: new SourceCache((m) => createMaildirSource({ dir: (m.settings as { dir: string }).dir })),
      intervalMs: 60_000,
      batchSize: 100,
      maxBatchesPerRun: 2,
    },
    mailboxId,
    { force: true },
  );
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function decisionCount(db: Kysely<Database>, userId?: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from decision_log where ${userId ? sql`user_id = ${userId}` : sql`true`}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Automatic activities by Message-ID, with how many there are of each (must be 1). */
export async function automaticActivities(db: Kysely<Database>): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; n: number }>`
    select source_message_id as id, count(*)::int as n from crm_activities
     where origin = 'automatic' and source_message_id is not null group by source_message_id`.execute(db);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function ledgerCount(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from saved_emails where mode = 'automatic'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
