// A fresh database per test file on BOTH backends: in-memory PGlite and the machine's PostgreSQL
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), the latter in a random
// schema dropped afterwards so parallel runs never collide. PostgreSQL that cannot be reached
// fails the suite with a clear message; it is never skipped.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../../server/db/open-database';
import { pgliteTemplate } from './pglite-template';

export type BackendName = 'pglite' | 'postgres';
export const backends: BackendName[] = ['pglite', 'postgres'];

export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `test_<base-36 time>_<random>`: the time lets later runs drop schemas left by a killed run. */
export function randomSchemaName(): string {
  return `test_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

const STALE_AFTER_MS = 3 * 60 * 60 * 1000;

/** Drops test schemas older than three hours (a run killed before its afterAll leaves one behind). */
async function dropStaleSchemas(db: DatabaseHandle['db']): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select nspname as name from pg_namespace where nspname like 'test\_%\_%'`.execute(db);
  for (const { name } of rows) {
    const created = parseInt(name.split('_')[1] ?? '', 36);
    if (Number.isFinite(created) && created > 0 && Date.now() - created > STALE_AFTER_MS) {
      await sql`drop schema if exists ${sql.id(name)} cascade`.execute(db).catch(() => {});
    }
  }
}

/** Opens a fresh, migrated database on `backend`; `dispose` drops what it made and closes it. */
export async function openTestDatabase(
  backend: BackendName,
): Promise<DatabaseHandle & { dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ inMemory: true, pgliteLoadDataDir: await pgliteTemplate() });
    return { ...handle, dispose: () => handle.close() };
  }
  const url = testDatabaseUrl();
  const schema = randomSchemaName();
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url, schema, poolSize: 25 });
    await dropStaleSchemas(handle.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL at ${url.replace(/\/\/[^@/]*@/, '//…@')} could not be used (${reason}). ` +
        'Start PostgreSQL (database "test", trust auth) or set TEST_DATABASE_URL.',
      { cause: error },
    );
  }
  return {
    ...handle,
    dispose: async () => {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Registers beforeAll/afterAll for one database shared by the suite (PGlite costs about a second
 * to start); read `.handle` / `.db` inside tests.
 */
export function useTestDatabase(backend: BackendName): {
  readonly handle: DatabaseHandle;
  readonly db: DatabaseHandle['db'];
} {
  let handle: (DatabaseHandle & { dispose(): Promise<void> }) | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  }, 30_000);
  const current = () => {
    if (!handle) throw new Error(`The ${backend} test database is not open (did beforeAll fail?)`);
    return handle;
  };
  return {
    get handle() {
      return current();
    },
    get db() {
      return current().db;
    },
  };
}

/** Empties every application table (keeps the migration bookkeeping), for tests that need a blank slate. */
export async function truncateAll(db: DatabaseHandle['db']): Promise<void> {
  // Only this suite's schema is read: kysely's introspection evaluates functions over every schema of the database,
  // and fails ("schema … does not exist") when a suite running beside this one drops its own meanwhile.
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_catalog.pg_tables
     where schemaname = current_schema() and tablename not in ('kysely_migration', 'kysely_migration_lock')`.execute(
    db,
  );
  const mine = rows.map((r) => r.name);
  if (mine.length === 0) return;
  await sql`truncate table ${sql.join(mine.map((name) => sql.id(name)))} cascade`.execute(db);
}
