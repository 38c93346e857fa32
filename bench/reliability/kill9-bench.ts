// reliability.kill9_runs: two `liaison worker` processes on PostgreSQL sync a 2,000-email backlog (four Maildir
// mailboxes of 500); at a random moment of the sync one worker is killed with SIGKILL (the one holding a mailbox
// lock when one does) and started again, as a supervisor would. 50 runs, each with its own backlog. Afterwards
// every email must be exactly one activity and every mailbox Active.
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
  prng,
  seedOrganisation,
  sleep,
  tallyEmbedded,
} from './backlog';
import { WorkerFleet } from './worker-processes';

const RUNS = Number(process.env.RELIABILITY_KILL9_RUNS ?? 50);
const EMAILS = 2000;
const MAILBOXES = 4;
/** Small batches, so a kill usually lands between the CRM writes of a batch and its commit. */
const BATCH_SIZE = 100;
const INTERVAL_SECONDS = 1;
/** A run not done within this long counts what it has (the bench must end). */
const GIVE_UP_MS = 180_000;

export const KILL9_KEYS = [
  'reliability.kill9_runs',
  'reliability.kill9_runs.duplicates',
  'reliability.kill9_runs.missing',
];

export const kill9Bench: Bench = {
  keys: KILL9_KEYS,
  async run(): Promise<Figure[]> {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const tag = Date.now().toString(36);
    const schema = `bench_rel_kill9_${tag}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reliability-kill9-'));
    const handle = await openDatabase({ url, schema, poolSize: 4 });
    const { db } = handle;
    const fleet = new WorkerFleet({
      databaseUrl: url,
      schema,
      dataDir: dir,
      env: {
        LIAISON_SYNC_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
        LIAISON_SYNC_BATCH_SIZE: String(BATCH_SIZE),
      },
    });
    const names = [`relk9-${tag}-a`, `relk9-${tag}-b`];
    const random = prng(914);
    let duplicates = 0;
    let missing = 0;
    let survived = 0;
    let midSync = 0;
    let died = 0;
    let estimateMs = 4000;
    try {
      await seedOrganisation(db);
      for (const name of names) fleet.start(name);
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        const ids: string[] = [];
        const mailboxIds: string[] = [];
        for (let m = 0; m < MAILBOXES; m++) {
          const mailDir = path.join(dir, `r${run}`, `m${m}`);
          const mine = messageIds(`k9-${tag}-r${run}-m${m}`, EMAILS / MAILBOXES);
          await deliverBacklog(mailDir, mine, `r${run}m${m}@ourco.com`);
          ids.push(...mine);
          mailboxIds.push((await connectMaildirUser(db, `r${run}m${m}@ourco.com`, mailDir)).id);
        }
        const started = performance.now();
        if (process.env.RELIABILITY_DEBUG)
          console.error(`run ${run} delivered at ${Math.round(performance.now() - t0)} ms`);
        for (const id of mailboxIds) await requestSync(db, id);

        await sleep(random() * estimateMs);
        const holders = await lockHolders(db, names);
        const victim = holders[0] ?? names[Math.floor(random() * names.length)]!;
        const landedMidSync = (await ledgerCount(db, ids)) < ids.length;
        if (landedMidSync) midSync++;
        await fleet.kill(victim);
        fleet.start(victim);

        let done = false;
        while (!done && performance.now() - started < GIVE_UP_MS) {
          await sleep(200);
          // A worker that died on its own is started again, as a supervisor would, and counted.
          for (const crashed of fleet.crashed()) {
            console.error(`reliability.kill9_runs: ${crashed.name} died: ${crashed.tail()}`);
            died++;
            fleet.start(crashed.name);
          }
          done =
            (await ledgerCount(db, ids)) === ids.length &&
            (await inactiveMailboxes(db, mailboxIds)).length === 0;
        }
        const elapsed = performance.now() - started;
        if (process.env.RELIABILITY_DEBUG)
          console.error(
            `run ${run}: kill ${victim} (holders ${holders.join()}), done in ${Math.round(elapsed)} ms, estimate ${Math.round(estimateMs)}`,
          );
        // Kills are drawn within the time an undisturbed sync takes (runs the kill came too late for tell it).
        if (!landedMidSync) estimateMs = Math.max(1000, (estimateMs + elapsed) / 2);
        const tally = await tallyEmbedded(db, ids);
        const inactive = await inactiveMailboxes(db, mailboxIds);
        duplicates += tally.duplicates;
        missing += tally.missing;
        if (tally.duplicates === 0 && tally.missing === 0 && inactive.length === 0) survived++;
        else
          console.error(
            `reliability.kill9_runs: run ${run}: ${tally.duplicates} duplicates, ${tally.missing} missing, ` +
              `${inactive.length} mailboxes not Active ${inactive.join('; ')}`,
          );
        // Done: its mailboxes leave the schedule, so later runs measure their own sync.
        await sql`delete from mailboxes where id = any(${mailboxIds}::text[])`.execute(db);
      }
    } finally {
      await fleet.stopAll();
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => {});
      await sql`drop schema if exists ${sql.id(`${schema}_pgboss`)} cascade`.execute(db).catch(() => {});
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    }
    const what =
      `${EMAILS}-email backlogs (4 Maildir mailboxes, batches of ${BATCH_SIZE}) synced by 2 worker processes on ` +
      `PostgreSQL, one kill -9 per run at a random moment (${midSync} of ${RUNS} while emails were still unsaved)`;
    return [
      {
        key: 'reliability.kill9_runs',
        value: survived,
        unit: `runs of ${RUNS} ending with every email one activity and every mailbox Active`,
        goal: `${RUNS} of ${RUNS}, 0 workers dying on their own (${died} here) (${what})`,
      },
      { key: 'reliability.kill9_runs.duplicates', value: duplicates, unit: 'activities', goal: '0' },
      { key: 'reliability.kill9_runs.missing', value: missing, unit: 'activities', goal: '0' },
    ];
  },
};

/** Workers of the fleet holding an advisory lock (a mailbox being synced) right now. */
async function lockHolders(db: Kysely<Database>, names: string[]) {
  const { rows } = await sql<{ name: string }>`
    select distinct a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and a.application_name = any(${names}::text[])`.execute(db);
  return rows.map((r) => r.name);
}

async function ledgerCount(db: Kysely<Database>, ids: string[]) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from saved_emails where message_id = any(${ids}::text[])`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
