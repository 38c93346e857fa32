// reliability.db_restart: two `liaison worker` processes sync a 2,000-email backlog (four Maildir mailboxes of 500)
// on a private PostgreSQL (private-postgres.ts); when a quarter of it is saved the server is stopped (`fast`: the
// sessions are closed) and started 3 s later, and when two thirds are saved it is stopped again as a crash
// (`immediate`) and started 3 s later. The workers must reconnect on their own and finish: every email exactly one
// activity, every mailbox Active. The figure is the time from the last start to that end.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/database-types';
import { requestSync } from '../../server/db/mailboxes-repo';
import { openDatabase } from '../../server/db/open-database';
import type { Bench, Figure } from '../bench-registry';
import {
  connectMaildirUser,
  deliverBacklog,
  inactiveMailboxes,
  messageIds,
  seedOrganisation,
  sleep,
  tallyEmbedded,
} from './backlog';
import { startPrivatePostgres } from './private-postgres';
import { WorkerFleet } from './worker-processes';

const EMAILS = 2000;
const MAILBOXES = 4;
const BATCH_SIZE = 50;
const INTERVAL_SECONDS = 1;
const DOWN_MS = 3000;
/** After the last start, how long the bench waits for the end (a failed run's retry comes after 1 minute). */
const GIVE_UP_MS = 5 * 60_000;

/** Polls until `done` answers true (a query failing while the server is down counts as not yet). */
async function waitFor(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await done().catch(() => false)) return true;
    await sleep(200);
  }
  return false;
}

async function ledgerCount(db: Kysely<Database>, ids: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from saved_emails where message_id = any(${ids}::text[])`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export const dbRestartBench: Bench = {
  keys: ['reliability.db_restart', 'reliability.db_restart.duplicates', 'reliability.db_restart.missing'],
  async run(): Promise<Figure[]> {
    const server = await startPrivatePostgres();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reliability-db-restart-'));
    const handle = await openDatabase({ url: server.url, poolSize: 2 });
    const { db } = handle;
    const tag = Date.now().toString(36);
    const fleet = new WorkerFleet({
      databaseUrl: server.url,
      schema: 'public',
      dataDir: dir,
      env: {
        LIAISON_SYNC_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
        LIAISON_SYNC_BATCH_SIZE: String(BATCH_SIZE),
      },
    });
    try {
      await seedOrganisation(db);
      const ids: string[] = [];
      const mailboxIds: string[] = [];
      for (let m = 0; m < MAILBOXES; m++) {
        const mailDir = path.join(dir, `m${m}`);
        const mine = messageIds(`dbr-${tag}-m${m}`, EMAILS / MAILBOXES);
        await deliverBacklog(mailDir, mine, `restart${m}@ourco.com`);
        ids.push(...mine);
        mailboxIds.push((await connectMaildirUser(db, `restart${m}@ourco.com`, mailDir)).id);
      }
      const workers = [`reldb-${tag}-a`, `reldb-${tag}-b`].map((name) => fleet.start(name));
      for (const id of mailboxIds) await requestSync(db, id);

      const restarts: string[] = [];
      for (const [share, mode] of [
        [0.25, 'fast'],
        [0.66, 'immediate'],
      ] as const) {
        if (!(await waitFor(async () => (await ledgerCount(db, ids)) >= share * EMAILS, GIVE_UP_MS)))
          throw new Error(
            `the sync never reached ${share * 100}% before the restart: ${fleet
              .crashed()
              .map((w) => `${w.name}: ${w.tail()}`)
              .join('; ')}`,
          );
        const savedBefore = await ledgerCount(db, ids);
        await server.stop(mode);
        await sleep(DOWN_MS);
        await server.start();
        restarts.push(`${mode} stop at ${savedBefore} of ${EMAILS} saved`);
      }
      const restartedAt = performance.now();
      const finished = await waitFor(
        async () =>
          (await ledgerCount(db, ids)) === ids.length &&
          (await inactiveMailboxes(db, mailboxIds)).length === 0,
        GIVE_UP_MS,
      );
      const seconds = (performance.now() - restartedAt) / 1000;
      const crashed = workers.filter((w) => w.child.exitCode !== null || w.child.signalCode !== null);
      for (const w of crashed) console.error(`reliability.db_restart: worker ${w.name} died: ${w.tail()}`);
      const tally = await tallyEmbedded(db, ids);
      const inactive = await inactiveMailboxes(db, mailboxIds);
      if (!finished || inactive.length > 0)
        console.error(`reliability.db_restart: not finished; mailboxes not Active: ${inactive.join('; ')}`);
      const what =
        `${EMAILS}-email backlog (4 Maildir mailboxes, batches of ${BATCH_SIZE}), 2 worker processes, private ` +
        `PostgreSQL down ${DOWN_MS / 1000} s twice (${restarts.join(', ')}); ${crashed.length} workers died`;
      return [
        {
          key: 'reliability.db_restart',
          value: finished ? Math.round(seconds * 10) / 10 : -1,
          unit: 's from the last start to every email one activity and every mailbox Active (-1: never)',
          goal: `<= 60, 0 workers died (${what})`,
        },
        { key: 'reliability.db_restart.duplicates', value: tally.duplicates, unit: 'activities', goal: '0' },
        { key: 'reliability.db_restart.missing', value: tally.missing, unit: 'activities', goal: '0' },
      ];
    } finally {
      await fleet.stopAll();
      await handle.close();
      await server.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
