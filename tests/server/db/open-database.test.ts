import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateDatabase, openDatabase } from '../../../server/db/open-database';
import { getOrganisation, updateOrganisation } from '../../../server/db/organisation-repo';
import { pgliteTemplate } from '../../support/db/pglite-template';
import {
  backends,
  randomSchemaName,
  testDatabaseUrl,
  useTestDatabase,
} from '../../support/db/test-databases';

describe('openDatabase', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'liaison-db-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps PGlite data in <dataDir>/pglite across restarts', async () => {
    const first = await openDatabase({ dataDir: folder, pgliteLoadDataDir: await pgliteTemplate() });
    expect(first.backend).toBe('pglite');
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    await updateOrganisation(first.db, { internalDomains: ['ourco.com'] });
    await first.close();

    const second = await openDatabase({ dataDir: folder });
    expect(second.migrations.applied).toEqual([]);
    expect((await getOrganisation(second.db)).internalDomains).toEqual(['ourco.com']);
    await second.close();
  }, 60_000);

  it('uses DATABASE_URL when no URL or data folder is given, in the schema asked for', async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = testDatabaseUrl();
    const schema = randomSchemaName();
    try {
      const handle = await openDatabase({ schema });
      try {
        expect(handle.backend).toBe('postgres');
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
        expect(rows[0]?.schema).toBe(schema);
      } finally {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
        await handle.close();
      }
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
  });

  it('migrates a database for the CLI, then finds nothing left to do', async () => {
    const schema = randomSchemaName();
    try {
      const first = await migrateDatabase({ url: testDatabaseUrl(), schema });
      expect(first.backend).toBe('postgres');
      expect(first.applied).toContain('0001-core');
      expect((await migrateDatabase({ url: testDatabaseUrl(), schema })).applied).toEqual([]);
    } finally {
      const handle = await openDatabase({ url: testDatabaseUrl(), migrate: false });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ url: testDatabaseUrl(), schema: 'x; drop table users' })).rejects.toThrow(
      /Invalid schema name/,
    );
  });

  it('reports a PostgreSQL it cannot reach', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nowhere' })).rejects.toThrow();
  });
});

describe.each(backends)('transactions on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('rolls back a failed transaction and keeps concurrent work apart', async () => {
    await t.db.insertInto('crm_users').values({ id: 'keep', name: 'Keep', email: null }).execute();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('crm_users').values({ id: 'gone', name: 'Gone', email: null }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // A transaction and plain queries at the same time: on PGlite they queue, on PostgreSQL they use the pool.
    await Promise.all([
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('crm_users').values({ id: 'tx', name: 'Tx', email: null }).execute();
        await trx.updateTable('crm_users').set({ name: 'Tx2' }).where('id', '=', 'tx').execute();
      }),
      t.db.insertInto('crm_users').values({ id: 'plain', name: 'Plain', email: null }).execute(),
    ]);
    const rows = await t.db.selectFrom('crm_users').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'keep', name: 'Keep' },
      { id: 'plain', name: 'Plain' },
      { id: 'tx', name: 'Tx2' },
    ]);
  });

  it('supports nested transactions through savepoints', async () => {
    const trx = await t.db.startTransaction().execute();
    await trx.insertInto('crm_users').values({ id: 'outer', name: 'Outer', email: null }).execute();
    const nested = await trx.savepoint('inner').execute();
    await nested.insertInto('crm_users').values({ id: 'inner', name: 'Inner', email: null }).execute();
    const back = await nested.rollbackToSavepoint('inner').execute();
    await back.commit().execute();
    const ids = (await t.db.selectFrom('crm_users').select('id').execute()).map((r) => r.id);
    expect(ids).toContain('outer');
    expect(ids).not.toContain('inner');
  });

  it('reports affected rows', async () => {
    const result = await t.db.updateTable('crm_users').set({ email: 'x@y.z' }).executeTakeFirst();
    expect(Number(result.numUpdatedRows)).toBeGreaterThanOrEqual(3);
  });
});
