// pg-boss 10 sends a job's `complete` (or `fail`) without awaiting it; with the database gone at that moment (a
// PostgreSQL restart) the rejection was unhandled and Node ended the worker process. Found by `npm run bench --
// reliability.db_restart`. The sync worker installs catchUnawaitedJobUpdates when it starts. The database is made to refuse every query from the moment the job's handler returns,
// as a restart would, deterministically.
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { bossDb } from '../../../server/sync/pg-boss-db';
import { catchUnawaitedJobUpdates } from '../../../server/sync/pg-boss-unawaited';
import { useTestDatabase } from '../../support/db/test-databases';

describe('a pg-boss job that ends while PostgreSQL is down', () => {
  const t = useTestDatabase('postgres');

  it('leaves no unhandled rejection behind (the process would end) and reports the failure', async () => {
    const reported: unknown[] = [];
    const release = catchUnawaitedJobUpdates((error) => reported.push(error));
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    let down = false;
    let refused: () => void = () => {};
    const refusedOnce = new Promise<void>((resolve) => (refused = resolve));
    const inner = bossDb(t.handle);
    const schema = `${t.handle.schema}_pgboss`;
    const boss = new PgBoss({
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          if (down) {
            refused();
            throw new Error('terminating connection due to administrator command');
          }
          return inner.executeSql(text, values);
        },
      },
      schema,
      schedule: false,
      supervise: false,
    } as PgBoss.ConstructorOptions);
    boss.on('error', () => {});
    try {
      await boss.start();
      await boss.createQueue('restart-test', { name: 'restart-test', policy: 'short' });
      await boss.send('restart-test', {});
      await new Promise<void>((resolve) => {
        void boss.work('restart-test', { pollingIntervalSeconds: 0.5 }, async () => {
          down = true; // the server goes away as the job ends: pg-boss's `complete` is refused
          resolve();
        });
      });
      await refusedOnce;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(String(reported[0])).toMatch(/administrator command/);
    } finally {
      release();
      process.off('unhandledRejection', listener);
      down = false;
      await boss.stop({ graceful: false, wait: true, close: false, timeout: 1000 }).catch(() => {});
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(t.db);
    }
  }, 60_000);
});
