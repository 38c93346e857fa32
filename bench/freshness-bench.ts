// Freshness: from a message landing in a Dovecot inbox (IMAP APPEND) to its activity existing in the embedded CRM,
// p50 and p95 over 200 messages, with the engine's default settings (60 s interval, IMAP IDLE on, PGlite). The
// mailbox is connected the way "My mailbox" does it; the real worker syncs it (IDLE brings runs forward). Messages
// arrive one at a time, a fixed gap apart, each from a known contact so each becomes an activity.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedCrm } from '../server/crm/embedded/embedded-crm';
import { DEMO_ADMIN, seedDemoCrm, seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { openDatabase } from '../server/db/open-database';
import { getUser } from '../server/db/users-repo';
import { SecretBox } from '../server/secrets';
import { connectImapMailbox } from '../server/providers/imap/imap-connect';
import { defaultMailSourceFactory } from '../server/sync/mail-source-factory';
import { loadSyncConfig } from '../server/sync/sync-config';
import { createSyncWorker } from '../server/sync/sync-worker';
import { openTestMailbox } from '../tests/support/dovecot/imap-test-mailbox';
import { makeEml } from '../tests/support/dovecot/make-eml';
import { startDovecot } from '../tests/support/dovecot/start-dovecot';
import type { Bench, Figure } from './bench-registry';

const MESSAGES = Number(process.env.FRESHNESS_BENCH_MESSAGES ?? 200);
/** Time between two arrivals (FRESHNESS_BENCH_GAP_MS): mail trickles in, it does not arrive in one burst. */
const GAP_MS = Number(process.env.FRESHNESS_BENCH_GAP_MS ?? 500);
/** How often the bench looks for new activities (the resolution of the figures). */
const PROBE_MS = 50;
/** A message not synced within this long counts at this value (the bench must end). */
const GIVE_UP_MS = 5 * 60_000;

/** The engine's settings from the environment: the defaults unless set (LIAISON_SYNC_WATCH=off: polling only). */
const SYNC_CONFIG = loadSyncConfig(process.env);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function measure(): Promise<number[]> {
  const account = { user: DEMO_ADMIN.address, pass: randomBytes(9).toString('hex') };
  const dovecot = await startDovecot({ users: [account] });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'freshness-bench-'));
  const handle = await openDatabase({ dataDir });
  const secrets = await SecretBox.load({ env: {}, dataDir, embedded: true });
  const inbox = await openTestMailbox(dovecot, account.user);
  const { db } = handle;
  const crm = new EmbeddedCrm(db);
  const worker = createSyncWorker({
    database: handle,
    crm,
    sources: defaultMailSourceFactory({ secrets }),
    config: SYNC_CONFIG,
  });
  try {
    await seedDemoCrm(db);
    await seedDemoOrganisation(db);
    await connectImapMailbox(
      { db, secrets, now: () => new Date(), config: { imapPrivateHosts: true } }, // Dovecot on localhost
      (await getUser(db, DEMO_ADMIN.userId))!,
      {
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: account.user,
        password: account.pass,
      },
    );
    await worker.start();
    // Let the first run (cursor, IDLE connection) happen before the clock starts.
    await sleep(3000);

    const appended = new Map<string, number>();
    const latency = new Map<string, number>();
    let delivering = true;
    const deliver = (async () => {
      for (let n = 0; n < MESSAGES; n++) {
        const messageId = `fresh-${n}-${randomBytes(4).toString('hex')}@bench.example`;
        const eml = makeEml({
          messageId,
          from: 'Jane Doe <jane.doe@acme.com>',
          to: 'Dana Admin <admin@ourco.com>',
          subject: `Freshness ${n}`,
        });
        const started = performance.now();
        await inbox.append('INBOX', eml);
        appended.set(messageId, started);
        await sleep(GAP_MS);
      }
      delivering = false;
    })();
    const deadline = () => performance.now() + GIVE_UP_MS;
    let giveUpAt = deadline();
    while (delivering || latency.size < appended.size) {
      const pending = [...appended.keys()].filter((id) => !latency.has(id));
      if (pending.length > 0) {
        const found = await crm.findActivitiesByMessageIds(pending);
        const seenAt = performance.now();
        for (const activity of found)
          if (activity.messageId && appended.has(activity.messageId))
            latency.set(activity.messageId, seenAt - appended.get(activity.messageId)!);
        if (found.length > 0) giveUpAt = deadline();
      }
      if (!delivering && performance.now() > giveUpAt) break;
      await sleep(PROBE_MS);
    }
    await deliver;
    return [...appended.keys()].map((id) => (latency.get(id) ?? GIVE_UP_MS) / 1000);
  } finally {
    await worker.stop();
    await inbox.close();
    await handle.close();
    await dovecot.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const freshnessBench: Bench = {
  keys: ['sync.freshness_p50_s', 'sync.freshness_p95_s'],
  async run(): Promise<Figure[]> {
    const seconds = (await measure()).sort((a, b) => a - b);
    const round = (s: number) => Math.round(s * 100) / 100;
    const settings = `interval ${SYNC_CONFIG.intervalSeconds} s, IDLE ${SYNC_CONFIG.watch ? 'on' : 'off'}`;
    const note = `${seconds.length} messages from a Dovecot APPEND, one every ${GAP_MS} ms, ${settings}`;
    return [
      {
        key: 'sync.freshness_p50_s',
        value: round(percentile(seconds, 50)),
        unit: 's',
        goal: `far below 90 (${note})`,
      },
      {
        key: 'sync.freshness_p95_s',
        value: round(percentile(seconds, 95)),
        unit: 's',
        goal: `<= 90 (${note})`,
      },
    ];
  },
};
