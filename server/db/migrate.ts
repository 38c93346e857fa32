// Runs the migration set to the latest version. Safe to run twice and from several processes at
// once: Kysely takes an advisory lock on PostgreSQL, and applied migrations are skipped.
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type TableMetadata } from 'kysely';
import type { Database } from './database-types';
import { migrationProvider, migrations } from './migrations';

export interface MigrationSummary {
  /** Names of the migrations this call applied, in order (empty when already up to date). */
  applied: string[];
}

/** Migrates the schema `schema` (the one on the connection's search_path; `public` by default). */
export async function migrate(db: Kysely<Database>, schema = 'public'): Promise<MigrationSummary> {
  // Kysely's Migrator first introspects every table of every schema; on a PostgreSQL shared with others, a schema
  // dropped meanwhile fails that scan ("schema … does not exist") and with it the start. Every start but the first
  // after an upgrade finds nothing to do: it is answered from this schema's own migration table.
  if (await upToDate(db, schema)) return { applied: [] };
  const migrator = new Migrator({
    db: withOwnSchemaIntrospection(db, schema),
    provider: migrationProvider,
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed ?? ''} failed: ${message}`.replace('  ', ' '), {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Whether `schema`'s migration table lists exactly the known migrations (read from that schema alone). */
async function upToDate(db: Kysely<Database>, schema: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = ${schema} and c.relname = 'kysely_migration') as present`.execute(db);
  if (!rows[0]?.present) return false;
  const { rows: done } = await sql<{ name: string }>`
    select name from ${sql.id(schema, 'kysely_migration')}`.execute(db);
  const applied = new Set(done.map((r) => r.name));
  // One it does not know (a newer version ran here) goes to the Migrator, which refuses it with its reason.
  const known = Object.keys(migrations);
  return applied.size === known.length && known.every((name) => applied.has(name));
}

/**
 * The Migrator asks the introspector only whether its schema and tables exist: answered from `schema` alone, so
 * other schemas (created and dropped meanwhile by others) are never read. Kysely keeps its state in private fields,
 * so its methods run on the instance itself, not on the proxy.
 */
function withOwnSchemaIntrospection(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; view: boolean }>`
        select c.relname as name, c.relkind = 'v' as view
          from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname = ${schema} and c.relkind in ('r', 'v', 'p')`.execute(db);
      return rows.map((r) => ({ name: r.name, schema, isView: r.view, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
