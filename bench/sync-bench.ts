// Sync throughput: emails per second from a 10,000-message Maildir into the embedded CRM, on PGlite (on disk, as
// `npm start` runs it) and on PostgreSQL. Every run checks that each email was looked at and the expected activities
// exist. (Idle sweeps: idle-sweep-bench.ts.)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { EmbeddedCrm } from '../server/crm/embedded/embedded-crm';
import { DEMO_ADMIN, seedDemoCrm, seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { connectMailbox } from '../server/db/mailboxes-repo';
import { openDatabase, type DatabaseHandle } from '../server/db/open-database';
import { deliverToMaildir } from '../server/providers/maildir';
import { createMailboxLock } from '../server/sync/mailbox-lock';
import { defaultMailSourceFactory } from '../server/sync/mail-source-factory';
import { SourceCache } from '../server/sync/source-cache';
import { loadSyncConfig } from '../server/sync/sync-config';
import { runMailbox } from '../server/sync/sync-run';
import type { Bench, Figure } from './bench-registry';

// The size: a 10,000-message Maildir (SYNC_BENCH_EMAILS to change). Each backend syncs it SYNC_BENCH_RUNS
// times into a fresh database and the median is reported (the machine is shared: single runs are noisy).
const EMAILS = Number(process.env.SYNC_BENCH_EMAILS ?? 10_000);
const RUNS = Number(process.env.SYNC_BENCH_RUNS ?? 3);
const FROM = [
  'Jane Doe <jane.doe@acme.com>',
  'Hank <hank@globex.com>',
  'Bill <bill@initech.io>',
  'x@unknown.example',
];
/** The demo CRM knows the first three senders; the fourth is unknown: three messages in four are saved. */
const EXPECTED_SAVED = (n: number) => n - Math.floor((n + 1) / 4);

async function deliverBacklog(dir: string): Promise<void> {
  for (let n = 0; n < EMAILS; n++) {
    const eml = [
      `Message-ID: <bench-${n}@bench.example>`,
      `From: ${FROM[n % FROM.length]}`,
      'To: Dana Admin <admin@ourco.com>',
      `Subject: Bench ${n}`,
      `Date: ${new Date().toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Body ${n}`,
      '',
    ].join('\r\n');
    await deliverToMaildir(dir, 'INBOX', eml);
  }
}

/** One sync of the whole backlog into a fresh database; emails per second. */
async function throughput(handle: DatabaseHandle, dir: string, connectedAt: Date): Promise<number> {
  const { db } = handle;
  await seedDemoCrm(db);
  await seedDemoOrganisation(db);
  const mailbox = await connectMailbox(db, {
    userId: DEMO_ADMIN.userId,
    kind: 'maildir',
    settings: { dir },
    connectedAt,
    cursor: { connectedAt: connectedAt.toISOString(), folders: {} },
  });
  const deps = {
    db,
    crm: new EmbeddedCrm(db),
    lock: createMailboxLock(db, handle.backend),
    sources: new SourceCache(defaultMailSourceFactory()),
    intervalMs: 60_000,
    batchSize: loadSyncConfig().batchSize,
    maxBatchesPerRun: 1000,
  };
  const started = performance.now();
  const result = await runMailbox(deps, mailbox.id, { force: true });
  const seconds = (performance.now() - started) / 1000;
  await deps.sources.closeAll();
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from crm_activities where source_message_id like 'bench-%'`.execute(db);
  const activities = Number(rows[0]?.n ?? 0);
  if (result.outcome !== 'synced' || result.looked !== EMAILS || activities !== EXPECTED_SAVED(EMAILS))
    throw new Error(`bench run: ${JSON.stringify(result)}, ${activities} activities`);
  return EMAILS / seconds;
}

async function medianOf(runs: number, once: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

export const syncBench: Bench = {
  keys: ['sync.emails_per_s.pglite', 'sync.emails_per_s.postgres'],
  async run(): Promise<Figure[]> {
    const goal = `>= 1000 (${EMAILS}-message Maildir into the embedded CRM; median of ${RUNS} runs)`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-bench-'));
    const dataDirs: string[] = [];
    try {
      // Connected before the backlog landed: every message is new (no historical import otherwise).
      const connectedAt = new Date(Date.now() - 60_000);
      await deliverBacklog(dir);
      // PGlite on disk, as `npm start` runs it.
      const pglite = await medianOf(RUNS, async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sync-bench-pglite-'));
        dataDirs.push(dataDir);
        const handle = await openDatabase({ dataDir });
        try {
          return await throughput(handle, dir, connectedAt);
        } finally {
          await handle.close();
        }
      });
      const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const postgres = await medianOf(RUNS, async () => {
        const schema = `bench_sync_${Date.now().toString(36)}`;
        const handle = await openDatabase({ url, schema });
        try {
          return await throughput(handle, dir, connectedAt);
        } finally {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db).catch(() => {});
          await handle.close();
        }
      });
      return [
        { key: 'sync.emails_per_s.pglite', value: Math.round(pglite), unit: 'emails/s', goal },
        { key: 'sync.emails_per_s.postgres', value: Math.round(postgres), unit: 'emails/s', goal },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
      for (const d of dataDirs) await rm(d, { recursive: true, force: true });
    }
  },
};
