// Runs the migration set to the latest version. Safe to run twice and from several processes at
// once: Kysely takes an advisory lock on PostgreSQL, and applied migrations are skipped.
import { Migrator, sql, type Kysely } from 'kysely';
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
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
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
