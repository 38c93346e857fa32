// The scheduled engine of one process: pg-boss on the application's database (PGlite or PostgreSQL) carries one
// wake-up job per mailbox (`liaison-sync`, policy `short`: at most one waiting per mailbox, the singleton key being
// the mailbox id) and early runs asked by push or reconnects (`liaison-sync-now`). The mailbox row is the truth:
// a wake-up runs the mailbox only when it is due (next_sync_at), then schedules the next wake-up for the row's new
// next_sync_at (the interval, or the retry backoff). The mailbox lock (mailbox-lock.ts) is what makes two runs of
// one mailbox impossible, whatever pg-boss delivers; a reconcile pass at start and every interval puts back the
// wake-up of any schedulable mailbox (after a crash, after an admin start, for a newly connected mailbox).
import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import type { CrmAdapter } from '../crm/crm-adapter';
import {
  getMailboxes,
  listSchedulableMailboxes,
  listSyncRequestsSince,
  requestSync,
} from '../db/mailboxes-repo';
import type { DatabaseHandle } from '../db/open-database';
import { deleteExpiredDecisions } from '../db/decision-log-retention';
import { dropExpiredPending } from '../db/pending-envelopes-repo';
import { pgBoss } from '../runtime/heavy-modules';
import { createMailboxLock } from './mailbox-lock';
import type { CalendarSourceFactory, MailSourceFactory } from './mail-source-factory';
import { bossDb } from './pg-boss-db';
import { catchUnawaitedJobUpdates } from './pg-boss-unawaited';
import { SourceCache, type SourceCacheStats } from './source-cache';
import { megabytes } from '../../src';
import { loadSyncConfig, type SyncConfig } from './sync-config';
import type { SecretBox } from '../secrets';
import { runMailbox, type RunDeps, type RunResult } from './sync-run';
import { crmEventWriter } from './calendar/calendar-crm';
import { sweepIdle } from './idle-sweep';

export const SYNC_QUEUE = 'liaison-sync';
export const SYNC_NOW_QUEUE = 'liaison-sync-now';
/** The decision log's retention (decision-log-retention.ts): one job waiting at a time, run every hour. */
export const RETENTION_QUEUE = 'liaison-decision-log-retention';
const RETENTION_EVERY_MS = 3_600_000;

export interface SyncWorkerOptions {
  database: Pick<DatabaseHandle, 'db' | 'backend' | 'schema' | 'pglite'>;
  crm: CrmAdapter;
  sources: MailSourceFactory;
  /** The mailboxes' calendars, read after their mail in each run; absent: mail only. */
  calendars?: CalendarSourceFactory;
  config?: Partial<SyncConfig>;
  /** pg-boss's schema (default `pgboss`, or `<schema>_pgboss` next to a non-public application schema). */
  bossSchema?: string;
  onRun?: (mailboxId: string, result: RunResult) => void;
  onError?: (error: unknown) => void;
  /** The server's secret key, which checks the Save when sent marks of sent mail (absent: they are ignored). */
  secrets?: Pick<SecretBox, 'verifySignature'>;
}

export interface SyncWorker {
  readonly config: SyncConfig;
  start(): Promise<void>;
  /** Runs a mailbox soon, even before its next scheduled time (push, reconnect, "sync now"). */
  trigger(mailboxId: string): Promise<void>;
  /** What the worker holds now: open sources, watches (the scale bench prints them). */
  sourceStats(): SourceCacheStats;
  /** Puts back the wake-up of every schedulable mailbox (also runs at start and every interval). */
  reconcile(): Promise<number>;
  stop(): Promise<void>;
}

interface WakeUp {
  mailboxId: string;
}

/** What `onRun` hears for a mailbox the sweep found idle. */
const IDLE_RUN: RunResult = { outcome: 'synced', looked: 0, saved: 0, batches: 1, more: false };
/** Wake-ups fetched at once: most are idle and cost one read each, so a large batch keeps the worker busy. */
const WAKE_UP_BATCH = 200;

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const config = { ...loadSyncConfig(), ...options.config };
  const { db, backend, schema } = options.database;
  const Boss = pgBoss();
  const boss = new Boss({
    db: bossDb(options.database),
    schema: options.bossSchema ?? (schema === 'public' ? 'pgboss' : `${schema}_pgboss`),
    schedule: false,
    monitorStateIntervalSeconds: 600,
  } as PgBoss.ConstructorOptions);
  const onError = options.onError ?? (() => {});
  boss.on('error', onError);
  let releaseJobUpdates: (() => void) | undefined;

  let nowWorkerId: string | undefined;
  let wakeUpWorkerId: string | undefined;
  const pushed = (mailboxId: string) => void worker.trigger(mailboxId).catch(onError);
  const sources = new SourceCache(options.sources, config.watch ? pushed : undefined, {
    maxOpen: config.maxOpenSources,
    maxWatched: config.maxWatched,
  });
  const deps: RunDeps = {
    db,
    crm: options.crm,
    lock: createMailboxLock(db, backend),
    sources,
    intervalMs: config.intervalSeconds * 1000,
    batchSize: config.batchSize,
    maxBatchesPerRun: config.maxBatchesPerRun,
    attachmentLimitBytes: megabytes(config.attachmentLimitMb),
    maxContactsPerEmail: config.maxContactsPerEmail,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.calendars
      ? { calendar: { events: crmEventWriter(options.crm), calendars: options.calendars } }
      : {}),
  };
  // pg-boss creates its schema before taking its own lock: workers starting together on PostgreSQL take turns.
  const startOnce = async (start: () => Promise<void>) => {
    if (backend !== 'postgres') return start();
    await db.connection().execute(async (conn) => {
      const key = sql`hashtextextended('liaison.pg-boss-start', 0)`;
      await sql`select pg_advisory_lock(${key})`.execute(conn);
      try {
        await start();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  };
  let reconcileTimer: NodeJS.Timeout | undefined;
  let requestsTimer: NodeJS.Timeout | undefined;
  let started = false;

  const runSoon = async (mailboxId: string) => {
    if (!started) return;
    await boss.send(SYNC_NOW_QUEUE, { mailboxId }, { singletonKey: mailboxId });
    if (nowWorkerId) boss.notifyWorker(nowWorkerId);
  };
  // Runs asked for by other processes (a provider's change notification at the HTTP server, a connect while the
  // workers run elsewhere) are seen in the mailbox rows: each worker looks every poll interval and queues them
  // (one queued run per mailbox, whoever queues it). Its own requests it has queued already.
  const ownRequests = new Map<string, number>();
  let requestsSince = new Date();
  const pickUpRequests = async () => {
    const requests = await listSyncRequestsSince(db, requestsSince);
    for (const { id, requestedAt } of requests) {
      if (ownRequests.get(id) !== requestedAt.getTime()) await runSoon(id);
      ownRequests.delete(id);
      if (requestedAt > requestsSince) requestsSince = requestedAt;
    }
  };

  const schedule = async (ids: string[]) => {
    const rows = await getMailboxes(db, ids);
    if (rows.length === 0) return;
    await boss.insert(
      rows.map((m) => ({
        name: SYNC_QUEUE,
        data: { mailboxId: m.id },
        singletonKey: m.id,
        startAfter: m.nextSyncAt,
      })),
    );
  };

  // One waiting job (policy `short`, one singleton key): a reconcile pass puts it back if it went missing.
  const scheduleRetention = async (at: Date) => {
    await boss.insert([{ name: RETENTION_QUEUE, data: {}, singletonKey: 'retention', startAfter: at }]);
  };

  const runAll = async (jobs: PgBoss.Job<WakeUp>[], force: boolean) => {
    const ids = [...new Set(jobs.map((j) => j.data.mailboxId))];
    // Scheduled wake-ups are checked together first (idle-sweep.ts); pushes and reconnects run in full at once.
    const sweep = force ? { idle: [], notDue: [], full: ids } : await sweepIdle(deps, ids);
    for (const id of sweep.idle) options.onRun?.(id, IDLE_RUN);
    const again: string[] = [...sweep.idle, ...sweep.notDue];
    let next = 0;
    const lane = async () => {
      while (next < sweep.full.length) {
        const id = sweep.full[next++]!;
        const result = await runMailbox(deps, id, { force }).catch((error: unknown) => {
          onError(error);
          return { outcome: 'failed', error: String(error) } as RunResult;
        });
        options.onRun?.(id, result);
        // A locked mailbox is rescheduled by whoever holds it; a paused or removed one by the reconcile pass.
        if (result.outcome === 'synced' || result.outcome === 'failed' || result.outcome === 'not_due')
          again.push(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, sweep.full.length) }, lane));
    await schedule(again);
  };

  const worker: SyncWorker = {
    config,
    async start() {
      if (started) return;
      started = true;
      releaseJobUpdates = catchUnawaitedJobUpdates(onError);
      await startOnce(async () => {
        await boss.start();
        for (const name of [SYNC_QUEUE, SYNC_NOW_QUEUE, RETENTION_QUEUE]) {
          if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: 'short' });
        }
      });
      const workOptions = {
        batchSize: Math.max(config.concurrency * 4, 16),
        pollingIntervalSeconds: config.pollSeconds,
      };
      // pg-boss waits out its polling interval after every batch; after a full one, more are surely due.
      wakeUpWorkerId = await boss.work<WakeUp>(
        SYNC_QUEUE,
        { ...workOptions, batchSize: WAKE_UP_BATCH },
        async (jobs) => {
          await runAll(jobs, false);
          if (jobs.length === WAKE_UP_BATCH && wakeUpWorkerId) boss.notifyWorker(wakeUpWorkerId);
        },
      );
      nowWorkerId = await boss.work<WakeUp>(SYNC_NOW_QUEUE, workOptions, (jobs) => runAll(jobs, true));
      // Whichever worker takes the retention job deletes the expired decisions and schedules the next hour's.
      await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: config.pollSeconds }, async () => {
        await deleteExpiredDecisions(db, new Date(), config.decisionLogRetentionDays);
        await scheduleRetention(new Date(Date.now() + RETENTION_EVERY_MS));
      });
      await worker.reconcile();
      reconcileTimer = setInterval(
        () => void worker.reconcile().catch(onError),
        Math.max(1000, config.intervalSeconds * 1000),
      );
      reconcileTimer.unref();
      let picking = false;
      requestsTimer = setInterval(() => {
        if (picking) return;
        picking = true;
        pickUpRequests()
          .catch(onError)
          .finally(() => (picking = false));
      }, config.pollSeconds * 1000);
      requestsTimer.unref();
    },
    sourceStats: () => sources.stats(),
    async trigger(mailboxId) {
      const at = new Date();
      ownRequests.set(mailboxId, at.getTime());
      await requestSync(db, mailboxId, at);
      await runSoon(mailboxId);
    },
    async reconcile() {
      // The 24-hour window's cleanup for every mailbox, paused ones included (a run cleans its own as well).
      await dropExpiredPending(db, new Date());
      await scheduleRetention(new Date());
      const due = await listSchedulableMailboxes(db);
      for (let i = 0; i < due.length; i += 1000) {
        await boss.insert(
          due.slice(i, i + 1000).map((m) => ({
            name: SYNC_QUEUE,
            data: { mailboxId: m.id },
            singletonKey: m.id,
            startAfter: m.nextSyncAt,
          })),
        );
      }
      return due.length;
    },
    async stop() {
      if (reconcileTimer) clearInterval(reconcileTimer);
      if (requestsTimer) clearInterval(requestsTimer);
      if (started) await boss.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
      started = false;
      releaseJobUpdates?.();
      await sources.closeAll();
    },
  };
  return worker;
}
