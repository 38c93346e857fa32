// pg-boss on the application's own database handle: its queries go through Kysely, so on PGlite they queue with
// every other query of the one embedded connection (never inside someone's transaction), and on PostgreSQL they use
// the application's pool. pg-boss sends its migrations as multi-statement scripts without parameters: node-postgres
// runs those with the simple protocol, PGlite with `exec`.
import { CompiledQuery } from 'kysely';
import type { DatabaseHandle } from '../db/open-database';

export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function bossDb(handle: Pick<DatabaseHandle, 'db' | 'backend' | 'pglite'>): BossDb {
  const { db, pglite } = handle;
  return {
    async executeSql(text, values) {
      if (pglite && (!values || values.length === 0)) {
        // Holding Kysely's connection keeps the script from interleaving with other queries.
        const results = await db.connection().execute(() => pglite.exec(text));
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}
