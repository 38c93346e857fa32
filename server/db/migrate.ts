// Runs the migration set to the latest version. Safe to run twice and from several processes at
// once: Kysely takes an advisory lock on PostgreSQL, and applied migrations are skipped.
import { Migrator, type Kysely } from 'kysely';
import type { Database } from './database-types';
import { migrationProvider } from './migrations';

export interface MigrationSummary {
  /** Names of the migrations this call applied, in order (empty when already up to date). */
  applied: string[];
}

/** Migrates the schema `schema` (the one on the connection's search_path; `public` by default). */
export async function migrate(db: Kysely<Database>, schema = 'public'): Promise<MigrationSummary> {
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
