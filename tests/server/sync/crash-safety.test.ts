// kill -9 of worker processes at random moments during a 2,000-email sync, 20 times, on PostgreSQL; then two
// workers at once on mailboxes that share their mail. Zero duplicates, zero missing.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { createUser } from '../../../server/db/users-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { openTestDatabase } from '../../support/db/test-databases';
import { makeEml } from '../../support/dovecot/make-eml';
import { automaticActivities, connectMaildir, decisionCount, ledgerCount, waitFor } from './sync-helpers';
import { kill, startWorker } from './worker-processes';

jest.setTimeout(240_000);

function email(n: number, tag: string, to: string): string {
  return makeEml({
    messageId: `m${n}.${tag}@acme.com`,
    from: 'Jane Doe <jane.doe@acme.com>',
    to,
    subject: `Order ${n}`,
    date: new Date(),
  });
}

describe('crash safety and several workers (postgres)', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) await kill(c);
  });

  it('kill -9 twenty times during a 2,000-email sync: every email saved once, logged once', async () => {
    const handle = await openTestDatabase('postgres');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-crash-'));
    try {
      const { db } = handle;
      await seedDemoCrm(db);
      await seedDemoOrganisation(db);
      await connectMaildir(db, DEMO_ADMIN.userId, dir, new Date(Date.now() - 5000));
      for (let n = 0; n < 2000; n++)
        await deliverToMaildir(dir, 'INBOX', email(n, 'crash', DEMO_ADMIN.address));

      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const progress: number[] = [];
      for (let k = 0; k < 20; k++) {
        // Batches of 10: the sync takes long enough that the kills land during it, between and inside batches.
        const w = startWorker(handle.schema, { batchSize: 10 });
        children.push(w.child);
        // Half the kills land during start-up or the first batch, half somewhat later.
        if (k % 2 === 0) await w.ready;
        await new Promise((r) => setTimeout(r, 50 + random() * 700));
        await kill(w.child);
        progress.push(await decisionCount(db));
      }
      expect(progress.at(-1)).toBeLessThan(2000); // the kills really interrupted the sync
      expect(progress.at(-1)).toBeGreaterThan(0);

      const last = startWorker(handle.schema);
      children.push(last.child);
      await waitFor('all 2,000 decisions', async () => (await decisionCount(db)) >= 2000, 120_000);
      await new Promise((r) => setTimeout(r, 1500)); // a duplicate would show up meanwhile
      await kill(last.child);

      const activities = await automaticActivities(db);
      activities.delete('demo-tps-1@initech.io');
      expect(activities.size).toBe(2000);
      expect([...activities.values()].filter((n) => n !== 1)).toEqual([]);
      expect(await ledgerCount(db)).toBe(2000);
      expect(await decisionCount(db)).toBe(2000);
      const { rows } = await sql<{ n: number }>`
        select count(distinct message_id)::int as n from decision_log where action = 'save'`.execute(db);
      expect(Number(rows[0]!.n)).toBe(2000);
    } finally {
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
      await handle.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('two workers on one database, three mailboxes seeing the same 300 emails: 300 activities', async () => {
    const handle = await openTestDatabase('postgres');
    const dirs: string[] = [];
    try {
      const { db } = handle;
      await seedDemoCrm(db);
      await seedDemoOrganisation(db);
      const users: string[] = [DEMO_ADMIN.userId];
      for (const name of ['sam', 'pat']) {
        users.push((await createUser(db, { addresses: [`${name}@ourco.com`], crmUserId: `usr-${name}` })).id);
      }
      const to = 'admin@ourco.com, sam@ourco.com, pat@ourco.com';
      for (const userId of users) {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-two-'));
        dirs.push(dir);
        await connectMaildir(db, userId, dir, new Date(Date.now() - 5000));
      }
      for (let n = 0; n < 300; n++)
        for (const dir of dirs) await deliverToMaildir(dir, 'INBOX', email(n, 'two', to));

      const workers = [startWorker(handle.schema), startWorker(handle.schema)];
      children.push(...workers.map((w) => w.child));
      await waitFor('900 decisions', async () => (await decisionCount(db)) >= 900, 120_000);
      await new Promise((r) => setTimeout(r, 1500));
      for (const w of workers) await kill(w.child);
      expect(workers.flatMap((w) => w.errors)).toEqual([]);

      const activities = await automaticActivities(db);
      activities.delete('demo-tps-1@initech.io');
      expect(activities.size).toBe(300);
      expect([...activities.values()].filter((n) => n !== 1)).toEqual([]);
      expect(await ledgerCount(db)).toBe(300);
      expect(await decisionCount(db)).toBe(900);
      const { rows } = await sql<{ reason: string; n: number }>`
        select reason, count(*)::int as n from decision_log group by reason order by reason`.execute(db);
      expect(rows.map((r) => [r.reason, Number(r.n)])).toEqual([
        ['already_saved', 600],
        ['autoshare', 300],
      ]);
    } finally {
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
      await handle.dispose();
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  });
});
