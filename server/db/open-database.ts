// Opens the database: PostgreSQL when a URL is given (or DATABASE_URL is set), otherwise embedded
// PGlite in <dataDir>/pglite. Migrations run on open unless told not to.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './database-types';
import { KEPT_PLAN_SETTINGS, poolKeepingPlans } from './kept-plans';
import { migrate, type MigrationSummary } from './migrate';
import { PGliteDialect } from './pglite-dialect';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; defaults to DATABASE_URL. Without either, PGlite is used. */
  url?: string;
  /** Data folder for PGlite (the database lives in its `pglite` subfolder); defaults to LIAISON_DATA_DIR or ./data. */
  dataDir?: string;
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** PGlite only: start from this dumped data folder (`dumpDataDir`) instead of running initdb (tests). */
  pgliteLoadDataDir?: Blob;
  /** Work in this schema (created when missing, put first on the search_path): lets test runs share one server. */
  schema?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL only: told when a connection loses its server (a restart, a network cut); the process carries on. */
  onConnectionLost?: (error: Error) => void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: 'postgres' | 'pglite';
  schema: string;
  /** The embedded instance (PGlite only), for clients that need multi-statement scripts (pg-boss). */
  pglite?: PGlite;
  /** PostgreSQL only: the connection string, for clients that need a connection of their own (LISTEN). */
  url?: string;
  /** What the migrations run on open applied (empty when skipped or up to date). */
  migrations: MigrationSummary;
  migrate(): Promise<MigrationSummary>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits, _`);
  const url = options.url ?? (options.inMemory || options.dataDir ? undefined : process.env.DATABASE_URL);

  let db: Kysely<Database>;
  let backend: DatabaseHandle['backend'];
  let closeDriver: () => Promise<void>;
  let embedded: PGlite | undefined;
  if (url) {
    // node-postgres loads only here: the embedded database never needs it, and loading it costs a start (it looks for
    // a Cloudflare runtime by making a fetch Response, which loads Node's fetch).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Pool } = require('pg') as typeof import('pg');
    const lost = options.onConnectionLost ?? (() => {});
    const size = options.poolSize ?? 10;
    const pool = (settings: string, max: number) => {
      const made = new Pool({
        connectionString: url,
        max,
        // JIT compilation costs hundreds of milliseconds and only pays off for long analytic queries.
        options: `-c jit=off${settings}${schema === 'public' ? '' : ` -c search_path=${schema}`}`,
      });
      // A client that loses its server must not crash the process; the next query reports it. The pool listens to
      // its idle clients only: one checked out (a sync run's lock connection between two queries, a transaction)
      // emits 'error' with no listener when PostgreSQL restarts, which ended every worker process.
      made.on('error', lost);
      made.on('connect', (client) => client.on('error', lost));
      return made;
    };
    // The hot reads on connections of their own, which keep one plan for them (kept-plans.ts); a connection is opened
    // when needed, so the second pool adds connections only while reads run side by side.
    const kept = Object.entries(KEPT_PLAN_SETTINGS).map(([name, value]) => ` -c ${name}=${value}`);
    // Half the pool's size at most, so a process holds at most one and a half pools of PostgreSQL connections.
    const pools = { main: pool('', size), kept: pool(kept.join(''), Math.max(2, Math.ceil(size / 2))) };
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolKeepingPlans(pools) }) });
    backend = 'postgres';
    closeDriver = () => db.destroy();
  } else {
    const pglite = new PGlite({
      ...(options.inMemory ? {} : { dataDir: pgliteFolder(options.dataDir) }),
      ...(options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {}),
    });
    await pglite.waitReady;
    embedded = pglite;
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    backend = 'pglite';
    closeDriver = async () => {
      await db.destroy();
      await pglite.close();
    };
  }

  try {
    if (schema !== 'public') {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      // PGlite is one connection: setting it once holds for every later query.
      if (backend === 'pglite') await sql`set search_path to ${sql.id(schema)}`.execute(db);
    }
    const runMigrations = () => migrate(db, schema);
    const migrations = options.migrate === false ? { applied: [] } : await runMigrations();
    return {
      db,
      backend,
      schema,
      ...(embedded ? { pglite: embedded } : {}),
      ...(url ? { url } : {}),
      migrations,
      migrate: runMigrations,
      close: closeDriver,
    };
  } catch (error) {
    await closeDriver().catch(() => {});
    throw error;
  }
}

function pgliteFolder(dataDir: string | undefined): string {
  const root = dataDir ?? process.env.LIAISON_DATA_DIR ?? './data';
  const folder = path.resolve(root, 'pglite');
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** `liaison migrate`: opens the configured database, brings it to the latest schema, closes it. */
export async function migrateDatabase(
  options: Omit<OpenDatabaseOptions, 'migrate'> = {},
): Promise<MigrationSummary & { backend: DatabaseHandle['backend'] }> {
  const handle = await openDatabase({ ...options, migrate: false });
  try {
    return { ...(await handle.migrate()), backend: handle.backend };
  } finally {
    await handle.close();
  }
}
