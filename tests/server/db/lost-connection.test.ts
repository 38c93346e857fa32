// A PostgreSQL restart (or a network cut) ends every session; a connection checked out of the pool at that moment
// (a sync run's lock connection between two queries, a pg-boss start) must not take the process down with it. Found
// by `npm run bench -- reliability.db_restart`: both worker processes died on "terminating connection due to
// administrator command" and no mailbox was synced until someone started them again. PostgreSQL only: PGlite is in
// the process and has no connections to lose.
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../../server/db/open-database';
import { randomSchemaName, testDatabaseUrl } from '../../support/db/test-databases';

describe('a PostgreSQL connection whose server goes away', () => {
  let handle: DatabaseHandle;
  let admin: DatabaseHandle;
  const lost: Error[] = [];
  let onLost: () => void = () => {};
  const schema = randomSchemaName();

  beforeAll(async () => {
    handle = await openDatabase({
      url: testDatabaseUrl(),
      schema,
      poolSize: 2,
      onConnectionLost: (error) => {
        lost.push(error);
        onLost();
      },
    });
    admin = await openDatabase({ url: testDatabaseUrl(), schema, poolSize: 1, migrate: false });
  }, 60_000);
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
    await handle.close();
  });

  it('is reported while checked out, the process carries on, and the next connection works', async () => {
    const outcome = await handle.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      const noticed = new Promise<void>((resolve) => (onLost = resolve));
      // The server ends this session while the connection is held between two queries, as a restart does.
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin.db);
      await noticed;
      return sql`select 1 as one`.execute(conn).then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? 'failed' : 'odd'),
      );
    });
    expect(outcome).toBe('failed');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.message).toMatch(/terminat/i);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    expect(rows).toEqual([{ one: 1 }]);
  }, 30_000);
});
