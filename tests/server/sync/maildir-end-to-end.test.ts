import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { recordKey } from '../../../src';
import { DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { getUser } from '../../../server/db/users-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { createSyncWorker, type SyncWorker } from '../../../server/sync/sync-worker';
import { backends, openTestDatabase } from '../../support/db/test-databases';
import { scriptedDay, seedScriptedDay, SAM } from './scripted-day';
import { automaticActivities, connectMaildir, decisionCount, waitFor } from './sync-helpers';

jest.setTimeout(90_000);

describe.each(backends)('scheduled autosharing end to end on a Maildir (%s)', (backend) => {
  it('saves exactly what the rulebook predicts, once, with the decision log reasons', async () => {
    const handle = await openTestDatabase(backend);
    const dirs = [
      await mkdtemp(path.join(os.tmpdir(), 'sync-admin-')),
      await mkdtemp(path.join(os.tmpdir(), 'sync-sam-')),
    ];
    let worker: SyncWorker | undefined;
    const errors: unknown[] = [];
    try {
      const { db } = handle;
      await seedScriptedDay(db);
      const connectedAt = new Date(Date.now() - 5000);
      await connectMaildir(db, DEMO_ADMIN.userId, dirs[0]!, connectedAt);
      await connectMaildir(db, SAM.userId, dirs[1]!, connectedAt);
      const crm = new EmbeddedCrm(db);
      worker = createSyncWorker({
        database: handle,
        crm,
        sources: defaultMailSourceFactory(),
        config: { intervalSeconds: 2, pollSeconds: 0.5 },
        onError: (e) => errors.push(e),
      });
      await worker.start();

      const day = scriptedDay(new Date());
      for (const m of day) await deliverToMaildir(dirs[0]!, m.folder, m.eml);
      await waitFor('every decision', async () => (await decisionCount(db, DEMO_ADMIN.userId)) >= day.length);
      // The colleague was in Cc: his mailbox sees the same email afterwards.
      await deliverToMaildir(dirs[1]!, 'INBOX', day[0]!.eml);
      await waitFor("Sam's decision", async () => (await decisionCount(db, SAM.userId)) >= 1);

      for (const m of day) {
        const entry = await latestDecision(db, DEMO_ADMIN.userId, m.id);
        expect({ id: m.id, action: entry?.decision.action, reason: entry?.decision.reason }).toEqual({
          id: m.id,
          action: m.expect.action,
          reason: m.expect.reason,
        });
        expect(entry?.decision.trace.length).toBeGreaterThan(0);
      }
      const samDecision = await latestDecision(db, SAM.userId, day[0]!.id);
      expect(samDecision?.decision.reason).toBe('already_saved');

      const activities = await automaticActivities(db);
      activities.delete('demo-tps-1@initech.io'); // the demo CRM's own history
      const saves = day.filter((m) => m.expect.action === 'save');
      expect([...activities.keys()].sort()).toEqual(saves.map((m) => m.id).sort());
      expect([...activities.values()].every((n) => n === 1)).toBe(true);

      const records = await crm.findActivitiesByMessageIds(saves.map((m) => m.id));
      for (const m of saves) {
        const activity = records.find((a) => a.messageId === m.id)!;
        if (m.expect.what) expect(activity.what && recordKey(activity.what)).toBe(m.expect.what);
        if (m.expect.who) expect(activity.who.map((r) => `${r.kind}:${r.id}`)).toEqual(m.expect.who);
      }
      const [created] = await crm.findPeopleByEmails(['wile.coyote@acme.com']);
      expect(created?.accountId).toBe('acc-acme');
      const wile = records.find((a) => a.messageId === day.find((m) => m.expect.created)!.id)!;
      expect(wile.who).toEqual([{ kind: 'contact', id: created!.id }]);

      const admin = await getUser(db, DEMO_ADMIN.userId);
      expect(admin?.status).toBe('active');
      expect(admin?.lastSyncAt).not.toBeNull();
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from saved_emails where message_id like '%@script.example'`.execute(db);
      expect(Number(rows[0]!.n)).toBe(saves.length);
      expect(errors).toEqual([]);
    } finally {
      if (errors.length) console.error(errors);
      await worker?.stop();
      await handle.dispose();
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  });
});
