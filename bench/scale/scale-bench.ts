// scale.*: many mailboxes over several `liaison worker` processes on PostgreSQL, with the engine's defaults (60 s
// interval, push on, the source bounds of source-cache.ts).
//
// Maildir: 20,000 mailboxes, 4 workers; each minute 5% of the mailboxes, drawn at random, get one email from a
// contact, at a random moment of the minute. Figures: freshness p95 (delivery to the activity existing in the
// CRM, probed every 500 ms), the peak resident memory of each worker (the kernel's VmHWM), and every email exactly
// one activity. IMAP: the same against a real Dovecot (1,000 mailboxes, 2 workers with small bounds so the bound
// is reached), counting each worker's established connections to Dovecot from /proc every 500 ms: the peak must
// stay within open + watched + sources in use, however many mailboxes a worker serves.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/database-types';
import { openDatabase } from '../../server/db/open-database';
import { deliverToMaildir } from '../../server/providers/maildir';
import { SecretBox } from '../../server/secrets';
import { loadSyncConfig } from '../../server/sync/sync-config';
import { openTestMailbox } from '../../tests/support/dovecot/imap-test-mailbox';
import { startDovecot } from '../../tests/support/dovecot/start-dovecot';
import type { Bench, Figure } from '../bench-registry';
import { benchEml, prng, seedOrganisation, sleep, tallyEmbedded, type Tally } from '../reliability/backlog';
import { WorkerFleet } from '../reliability/worker-processes';
import { connectionsTo, peakRssMb } from './process-figures';
import { createMaildirFleet } from './scale-fleet';

const MAILDIR_MAILBOXES = Number(process.env.SCALE_BENCH_MAILBOXES ?? 20_000);
const MAILDIR_WORKERS = 4;
const IMAP_MAILBOXES = Number(process.env.SCALE_BENCH_IMAP_MAILBOXES ?? 1_000);
const IMAP_WORKERS = 2;
/** The IMAP workers' bounds: small, so 1,000 mailboxes go well past them. */
const IMAP_MAX_OPEN = 100;
const IMAP_MAX_WATCHED = 20;
/** Sources one worker may have in use at once: a batch's idle checks (16) and a push-run lane set (concurrency). */
const IN_USE = 16 + loadSyncConfig({}).concurrency;
const MINUTES = Number(process.env.SCALE_BENCH_MINUTES ?? 5);
const SHARE = 0.05;
const PROBE_MS = 500;
/** After the last delivery, emails not saved within this long count as missing. */
const DRAIN_MS = 180_000;
const WARM_UP_MS = 600_000;
const INTERVAL_SECONDS = loadSyncConfig({}).intervalSeconds;

interface Delivery {
  messageId: string;
  deliver: () => Promise<void>;
}

interface Outcome {
  seconds: number[];
  tally: Tally;
  rssMb: number[];
  peakConnections: number[];
}

export const SCALE_KEYS = [
  'scale.mailboxes',
  'scale.freshness_p95_s',
  'scale.worker_rss_peak_mb',
  'scale.duplicates',
  'scale.missing',
  'scale.imap_connections_peak',
  'scale.imap_freshness_p95_s',
];

export const scaleBench: Bench = {
  keys: SCALE_KEYS,
  async run(): Promise<Figure[]> {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const maildir = await maildirScale(url);
    const imap = await imapScale(url);
    const p = (o: Outcome, q: number) => round(percentile(o.seconds, q));
    const what = `${MAILDIR_MAILBOXES} Maildir mailboxes over ${MAILDIR_WORKERS} worker processes on PostgreSQL, ${SHARE * 100}% with a new email each minute for ${MINUTES} min, interval ${INTERVAL_SECONDS} s`;
    const imapWhat = `${IMAP_MAILBOXES} IMAP mailboxes on Dovecot over ${IMAP_WORKERS} workers, LIAISON_SYNC_MAX_OPEN_SOURCES=${IMAP_MAX_OPEN}, LIAISON_SYNC_MAX_WATCHED=${IMAP_MAX_WATCHED}`;
    const bound = IMAP_MAX_OPEN + IMAP_MAX_WATCHED + IN_USE;
    return [
      {
        key: 'scale.mailboxes',
        value: MAILDIR_MAILBOXES,
        unit: 'mailboxes',
        goal: `20000 (${what}; freshness p50 ${p(maildir, 50)} s over ${maildir.seconds.length} emails)`,
      },
      { key: 'scale.freshness_p95_s', value: p(maildir, 95), unit: 's', goal: `<= 60 (${what})` },
      {
        key: 'scale.worker_rss_peak_mb',
        value: Math.round(Math.max(...maildir.rssMb)),
        unit: 'MB',
        goal: `<= 512 per worker (peaks ${maildir.rssMb.map((m) => Math.round(m)).join(', ')})`,
      },
      {
        key: 'scale.duplicates',
        value: maildir.tally.duplicates + imap.tally.duplicates,
        unit: 'activities',
        goal: '0 (Maildir and IMAP runs)',
      },
      {
        key: 'scale.missing',
        value: maildir.tally.missing + imap.tally.missing,
        unit: 'activities',
        goal: '0 (Maildir and IMAP runs)',
      },
      {
        key: 'scale.imap_connections_peak',
        value: Math.max(...imap.peakConnections),
        unit: 'connections per worker',
        goal: `<= ${bound} (open ${IMAP_MAX_OPEN} + IDLE ${IMAP_MAX_WATCHED} + ${IN_USE} in use; peaks ${imap.peakConnections.join(', ')}; ${imapWhat})`,
      },
      {
        key: 'scale.imap_freshness_p95_s',
        value: p(imap, 95),
        unit: 's',
        goal: `<= 60 (${imapWhat}, p50 ${p(imap, 50)} s over ${imap.seconds.length} emails)`,
      },
    ];
  },
};

async function maildirScale(url: string): Promise<Outcome> {
  const tag = Date.now().toString(36);
  const schema = `bench_scale_${tag}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scale-maildir-'));
  const handle = await openDatabase({ url, schema, poolSize: 4 });
  const fleet = new WorkerFleet({ databaseUrl: url, schema, dataDir: dir });
  try {
    await seedOrganisation(handle.db);
    const mailboxes = await createMaildirFleet(
      handle.db,
      path.join(dir, 'mail'),
      MAILDIR_MAILBOXES,
      INTERVAL_SECONDS,
    );
    const names = Array.from({ length: MAILDIR_WORKERS }, (_, i) => `scale-${tag}-w${i}`);
    for (const name of names) fleet.start(name);
    await warmUp(handle.db, fleet);
    const random = prng(2026);
    const plan = (minute: number) =>
      pick(random, mailboxes.length, SHARE).map((index, n) => {
        const m = mailboxes[index]!;
        const messageId = `scale-${tag}-${minute}-${n}@bench.example`;
        const eml = benchEml(messageId, n, m.address);
        return { messageId, deliver: async () => void (await deliverToMaildir(m.dir, 'INBOX', eml)) };
      });
    const seconds = await deliverAndProbe(handle.db, fleet, plan, async () => {});
    const ids = seconds.ids;
    const rssMb = await Promise.all([...fleet.workers.values()].map((w) => peakRssMb(w.child.pid!)));
    return {
      seconds: seconds.latencies,
      tally: await tallyEmbedded(handle.db, ids),
      rssMb,
      peakConnections: [],
    };
  } finally {
    await fleet.stopAll();
    await dropSchemas(handle.db, schema);
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function imapScale(url: string): Promise<Outcome> {
  const tag = Date.now().toString(36);
  const schema = `bench_scale_imap_${tag}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scale-imap-'));
  const accounts = Array.from({ length: IMAP_MAILBOXES }, (_, i) => ({
    user: `imap${i}@ourco.com`,
    pass: randomBytes(9).toString('hex'),
  }));
  const dovecot = await startDovecot({ users: accounts, processLimit: IMAP_WORKERS * 400 + 200 });
  const handle = await openDatabase({ url, schema, poolSize: 4 });
  const fleet = new WorkerFleet({
    databaseUrl: url,
    schema,
    dataDir: dir,
    env: {
      LIAISON_SYNC_MAX_OPEN_SOURCES: String(IMAP_MAX_OPEN),
      LIAISON_SYNC_MAX_WATCHED: String(IMAP_MAX_WATCHED),
    },
  });
  try {
    const { db } = handle;
    await seedOrganisation(db);
    const secrets = await SecretBox.load({ env: { LIAISON_SECRET_KEY: fleet.secretKey }, dataDir: dir });
    const connectedAt = new Date(Date.now() - 3_600_000);
    const ids = accounts.map((_, i) => `mb-imap-${i}`);
    await sql`insert into users (id, role, crm_user_id, included_in_import)
              select 'u-' || unnest(${ids}::text[]), 'user', 'usr-admin', true`.execute(db);
    await sql`insert into user_addresses (address, user_id, is_primary, position)
              select unnest(${accounts.map((a) => a.user)}::text[]), 'u-' || unnest(${ids}::text[]), true, 0`.execute(
      db,
    );
    const settings = accounts.map((a) =>
      JSON.stringify({ host: dovecot.host, port: dovecot.port, secure: false, user: a.user }),
    );
    const sealed = accounts.map((a, i) => secrets.seal(JSON.stringify({ pass: a.pass }), ids[i]!));
    await sql`insert into mailboxes (id, user_id, kind, settings, sealed_secret, connected_at, next_sync_at)
              select t.id, 'u-' || t.id, 'imap', t.settings::jsonb, t.sealed, ${connectedAt},
                     now() + random() * make_interval(secs => ${INTERVAL_SECONDS})
                from unnest(${ids}::text[], ${settings}::text[], ${sealed}::text[]) as t(id, settings, sealed)`.execute(
      db,
    );
    const names = Array.from({ length: IMAP_WORKERS }, (_, i) => `scale-${tag}-imap${i}`);
    for (const name of names) fleet.start(name);
    await warmUp(db, fleet);
    const random = prng(1999);
    const plan = (minute: number) =>
      pick(random, accounts.length, SHARE).map((index, n) => {
        const account = accounts[index]!;
        const messageId = `scale-imap-${tag}-${minute}-${n}@bench.example`;
        const eml = benchEml(messageId, n, account.user);
        return {
          messageId,
          deliver: async () => {
            const inbox = await openTestMailbox(dovecot, account.user);
            try {
              await inbox.append('INBOX', eml);
            } finally {
              await inbox.close();
            }
          },
        };
      });
    const peaks = new Map<string, number>(names.map((n) => [n, 0]));
    const sample = async () => {
      for (const worker of fleet.workers.values()) {
        const n = await connectionsTo(worker.child.pid!, dovecot.port);
        peaks.set(worker.name, Math.max(peaks.get(worker.name) ?? 0, n));
      }
    };
    const probed = await deliverAndProbe(db, fleet, plan, sample);
    return {
      seconds: probed.latencies,
      tally: await tallyEmbedded(db, probed.ids),
      rssMb: [],
      peakConnections: [...peaks.values()],
    };
  } finally {
    await fleet.stopAll();
    await dropSchemas(handle.db, schema);
    await handle.close();
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Waits until every mailbox has been looked at once (its first wake-up), so the clock starts on a running system. */
async function warmUp(db: Kysely<Database>, fleet: WorkerFleet): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from mailboxes where last_sync_at is null or status <> 'active'`.execute(db);
    if (Number(rows[0]?.n) === 0) return;
    assertAlive(fleet);
    if (performance.now() - started > WARM_UP_MS)
      throw new Error(`scale: ${rows[0]?.n} mailboxes not synced once after ${WARM_UP_MS / 1000} s`);
    await sleep(1000);
  }
}

/**
 * Delivers `plan(minute)` for MINUTES minutes, each email at a random moment of its minute, while probing the CRM
 * every PROBE_MS for the activities (and calling `sample` at the same pace). Returns each email's latency in seconds
 * (the probe moment it was first seen), and the Message-IDs delivered.
 */
async function deliverAndProbe(
  db: Kysely<Database>,
  fleet: WorkerFleet,
  plan: (minute: number) => Delivery[],
  sample: () => Promise<void>,
): Promise<{ latencies: number[]; ids: string[] }> {
  const deliveredAt = new Map<string, number>();
  const latency = new Map<string, number>();
  const random = prng(7);
  let delivering = true;
  const delivery = (async () => {
    const start = performance.now();
    for (let minute = 0; minute < MINUTES; minute++) {
      const due = plan(minute)
        .map((d) => ({ ...d, at: start + (minute + random()) * 60_000 }))
        .sort((a, b) => a.at - b.at);
      for (const d of due) {
        await sleep(Math.max(0, d.at - performance.now()));
        await d.deliver();
        deliveredAt.set(d.messageId, performance.now());
      }
    }
    delivering = false;
  })();
  delivery.catch(() => (delivering = false));
  let lastDelivery = performance.now();
  while (delivering || (latency.size < deliveredAt.size && performance.now() - lastDelivery < DRAIN_MS)) {
    await sleep(PROBE_MS);
    await sample();
    if (delivering) lastDelivery = performance.now();
    assertAlive(fleet);
    const pending = [...deliveredAt.keys()].filter((id) => !latency.has(id));
    if (pending.length === 0) continue;
    const { rows } = await sql<{ id: string }>`
      select source_message_id as id from crm_activities where source_message_id = any(${pending}::text[])`.execute(
      db,
    );
    const seenAt = performance.now();
    for (const { id } of rows) latency.set(id, (seenAt - deliveredAt.get(id)!) / 1000);
  }
  await delivery;
  // An email never seen counts at the drain limit, so it cannot flatter the percentiles (it is also `missing`).
  const latencies = [...deliveredAt.keys()].map((id) => latency.get(id) ?? DRAIN_MS / 1000);
  return { latencies: latencies.sort((a, b) => a - b), ids: [...deliveredAt.keys()] };
}

function assertAlive(fleet: WorkerFleet): void {
  const crashed = fleet.crashed();
  if (crashed.length > 0)
    throw new Error(`scale: worker ${crashed[0]!.name} stopped: ${crashed[0]!.tail().slice(-1500)}`);
}

/** `share` of `count` indexes, distinct, drawn with `random`. */
function pick(random: () => number, count: number, share: number): number[] {
  const chosen = new Set<number>();
  const want = Math.max(1, Math.round(count * share));
  while (chosen.size < want) chosen.add(Math.floor(random() * count));
  return [...chosen];
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function dropSchemas(db: Kysely<Database>, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => {});
  await sql`drop schema if exists ${sql.id(`${schema}_pgboss`)} cascade`.execute(db).catch(() => {});
}
