// Idle cost: mailboxes with nothing new swept per minute by one worker (goal at least 10,000). N included users each
// have a real, empty Maildir; one worker (pg-boss on PGlite, default concurrency) wakes each mailbox once. Only runs
// that really happened count: the worker's onRun reports `synced` with at least one fetch, and the mailboxes' rows
// must agree (last_sync_at set), so the figure cannot come from a setup that sweeps nothing.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { EmbeddedCrm } from '../server/crm/embedded/embedded-crm';
import { seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { openDatabase } from '../server/db/open-database';
import { defaultMailSourceFactory } from '../server/sync/mail-source-factory';
import { createSyncWorker } from '../server/sync/sync-worker';
import type { Bench, Figure } from './bench-registry';

const MAILBOXES = Number(process.env.IDLE_BENCH_MAILBOXES ?? 5_000);
/** The sweep stops measuring after this long and reports the rate it reached. */
const LIMIT_MS = 120_000;

async function idleSweep(): Promise<number> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'idle-sweep-'));
  const handle = await openDatabase({ dataDir: path.join(root, 'data') });
  try {
    const { db } = handle;
    await seedDemoOrganisation(db);
    const ids = Array.from({ length: MAILBOXES }, (_, i) => `idle-${i}`);
    for (const id of ids) {
      for (const sub of ['new', 'cur', 'tmp']) await mkdir(path.join(root, id, sub), { recursive: true });
    }
    const connectedAt = new Date(Date.now() - 60_000).toISOString();
    await sql`insert into users (id, role) select unnest(${ids}::text[]), 'user'`.execute(db);
    // Due now, before the worker starts: its first reconcile schedules one wake-up each.
    await sql`insert into mailboxes (id, user_id, kind, settings, cursor, connected_at, next_sync_at)
              select 'mb-' || u, u, 'maildir', jsonb_build_object('dir', ${root}::text || '/' || u),
                     jsonb_build_object('connectedAt', ${connectedAt}::text, 'folders', '{}'::jsonb),
                     ${connectedAt}::timestamptz, now()
                from unnest(${ids}::text[]) as u`.execute(db);
    const swept = new Set<string>();
    let failures = 0;
    const worker = createSyncWorker({
      database: handle,
      crm: new EmbeddedCrm(db),
      sources: defaultMailSourceFactory(),
      config: { intervalSeconds: 3600, pollSeconds: 0.5, watch: false },
      onRun: (id, result) => {
        if (result.outcome === 'synced' && result.batches > 0 && result.looked === 0) swept.add(id);
        else if (result.outcome === 'failed') failures++;
      },
    });
    const started = performance.now();
    await worker.start();
    while (swept.size < MAILBOXES && performance.now() - started < LIMIT_MS) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const minutes = (performance.now() - started) / 60_000;
    await worker.stop();
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from mailboxes where last_sync_at is not null`.execute(db);
    const recorded = Number(rows[0]?.n ?? 0);
    if (swept.size === 0 || recorded < swept.size || failures > 0)
      throw new Error(`idle sweep: ${swept.size} swept, ${recorded} recorded, ${failures} failed`);
    return swept.size / minutes;
  } finally {
    await handle.close();
    await rm(root, { recursive: true, force: true });
  }
}

export const idleSweepBench: Bench = {
  keys: ['sync.idle_mailboxes_per_min'],
  async run(): Promise<Figure[]> {
    return [
      {
        key: 'sync.idle_mailboxes_per_min',
        value: Math.round(await idleSweep()),
        unit: 'mailboxes/min',
        goal: `>= 10000 (${MAILBOXES} idle Maildir mailboxes, one worker on PGlite)`,
      },
    ];
  },
};
