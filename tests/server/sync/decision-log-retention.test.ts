// The decision log's retention (issue 14): decisions older than LIAISON_DECISION_LOG_RETENTION_DAYS (default 90)
// are deleted by a scheduled job of the sync workers (pg-boss), on PGlite and PostgreSQL.
import { sql } from 'kysely';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { createUser } from '../../../server/db/users-repo';
import { deleteExpiredDecisions } from '../../../server/db/decision-log-retention';
import { recordDecisions, type NewDecisionLogEntry } from '../../../server/db/decision-log-repo';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { loadSyncConfig } from '../../../server/sync/sync-config';
import { createSyncWorker, type SyncWorker } from '../../../server/sync/sync-worker';
import { backends, openTestDatabase } from '../../support/db/test-databases';
import { waitFor } from './sync-helpers';

jest.setTimeout(60_000);

const DAY = 86_400_000;

function decidedDaysAgo(userId: string, name: string, days: number): NewDecisionLogEntry {
  return {
    userId,
    direction: 'inbound',
    decidedAt: new Date(Date.now() - days * DAY),
    message: {
      internetMessageId: `<${name}@acme.com>`,
      folder: 'inbox',
      from: { address: 'jane@acme.com' },
      to: [{ address: 'rep@ourco.com' }],
      cc: [],
      subject: name,
      sentAt: '2026-01-01T00:00:00Z',
    },
    decision: {
      action: 'skip',
      reason: 'internal',
      who: [],
      create: [],
      content: 'full',
      trace: ['Internal.'],
    },
  };
}

const subjects = async (db: Parameters<typeof recordDecisions>[0]) =>
  (await sql<{ subject: string }>`select subject from decision_log order by subject`.execute(db)).rows.map(
    (r) => r.subject,
  );

describe('the retention setting', () => {
  it('is 90 days unless LIAISON_DECISION_LOG_RETENTION_DAYS says otherwise, and must be positive', () => {
    expect(loadSyncConfig({}).decisionLogRetentionDays).toBe(90);
    expect(loadSyncConfig({ LIAISON_DECISION_LOG_RETENTION_DAYS: '30' }).decisionLogRetentionDays).toBe(30);
    expect(() => loadSyncConfig({ LIAISON_DECISION_LOG_RETENTION_DAYS: '0' })).toThrow(
      'LIAISON_DECISION_LOG_RETENTION_DAYS must be a positive number, got "0"',
    );
  });
});

describe.each(backends)('decision log retention (%s)', (backend) => {
  it('deletes what is older than the retention, keeps the rest', async () => {
    const handle = await openTestDatabase(backend);
    try {
      const user = await createUser(handle.db, { addresses: ['rep@ourco.com'], displayName: 'Rep' });
      await recordDecisions(handle.db, [
        decidedDaysAgo(user.id, 'forty days', 40),
        decidedDaysAgo(user.id, 'twenty days', 20),
      ]);
      expect(await deleteExpiredDecisions(handle.db, new Date(), 30)).toBe(1);
      expect(await subjects(handle.db)).toEqual(['twenty days']);
    } finally {
      await handle.dispose();
    }
  });

  it('a scheduled job of the sync workers deletes decisions older than 90 days', async () => {
    const handle = await openTestDatabase(backend);
    let worker: SyncWorker | undefined;
    const errors: unknown[] = [];
    try {
      const user = await createUser(handle.db, { addresses: ['rep@ourco.com'], displayName: 'Rep' });
      await recordDecisions(handle.db, [
        decidedDaysAgo(user.id, 'ninety-one days', 91),
        decidedDaysAgo(user.id, 'eighty-nine days', 89),
        decidedDaysAgo(user.id, 'today', 0),
      ]);
      worker = createSyncWorker({
        database: handle,
        crm: new EmbeddedCrm(handle.db),
        sources: defaultMailSourceFactory({}),
        config: { intervalSeconds: 60, pollSeconds: 0.5 },
        onError: (e) => errors.push(e),
      });
      expect(worker.config.decisionLogRetentionDays).toBe(90);
      await worker.start();
      await waitFor(
        'the retention job',
        async () => !(await subjects(handle.db)).includes('ninety-one days'),
      );
      expect(await subjects(handle.db)).toEqual(['eighty-nine days', 'today']);
      expect(errors).toEqual([]);
    } finally {
      await worker?.stop();
      await handle.dispose();
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
    }
  });
});
