// Starting on a database that is already migrated must read nothing outside its own schema. Kysely's Migrator
// introspects every table of every schema (with pg_get_serial_sequence per column) before it looks at its own
// table; on a PostgreSQL shared with others, a schema dropped by someone else during that scan failed the start
// ("schema … does not exist"). Found by `npm run bench -- reliability.kill9`: a worker restarted after kill -9 exited
// at start while other test runs dropped their schemas. PostgreSQL only: PGlite is one application's database.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { Database } from '../../../server/db/database-types';
import { migrate } from '../../../server/db/migrate';
import { useTestDatabase, testDatabaseUrl } from '../../support/db/test-databases';

describe('migrating reads only its own schema (postgres)', () => {
  const t = useTestDatabase('postgres');

  it('applies nothing and reads no other schema', async () => {
    const statements: string[] = [];
    const pool = new Pool({
      connectionString: testDatabaseUrl(),
      max: 1,
      options: `-c search_path=${t.handle.schema}`,
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    try {
      expect(await migrate(db, t.handle.schema)).toEqual({ applied: [] });
      // The Migrator's scan of every schema reads pg_attribute; the fast path reads two catalog rows of its own.
      expect(statements.filter((s) => s.includes('pg_attribute'))).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('migrates a new schema without reading any other', async () => {
    const schema = `${t.handle.schema}_fresh`;
    const statements: string[] = [];
    await sql`create schema ${sql.id(schema)}`.execute(t.db);
    const pool = new Pool({
      connectionString: testDatabaseUrl(),
      max: 1,
      options: `-c search_path=${schema}`,
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    try {
      expect((await migrate(db, schema)).applied.length).toBeGreaterThan(0);
      expect(statements.filter((s) => s.includes('pg_attribute'))).toEqual([]);
      expect(await migrate(db, schema)).toEqual({ applied: [] });
    } finally {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(t.db);
    }
  }, 60_000);
});
