import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { Pool, PoolClient } from 'pg';

// PostgreSQL half of cached-plan.ts. A hot read (the sidebar's few statements, kilobytes of SQL joining a dozen
// tables) costs PostgreSQL several times more to plan than to run. A statement that starts with KEEP_PLAN is sent
// as a named prepared statement: each connection parses it once and, after its first few runs, reuses one plan for
// any values. Every other statement goes as it is (unnamed, planned each time).

export const KEEP_PLAN = '/* liaison: keep plan */ ';

/** Statement names by SQL text; the kept reads are a handful of fixed texts, the bound is a safety net. */
const NAMES = new Map<string, string>();
const MAX_NAMES = 1_000;

function nameOf(text: string): string {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = `liaison_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (NAMES.size < MAX_NAMES) NAMES.set(text, name);
  }
  return name;
}

function keepingPlans(client: PoolClient): PostgresPoolClient {
  return {
    // kysely passes SQL and its values, or a cursor (streams) which goes through untouched.
    query: ((text: unknown, values?: readonly unknown[]) =>
      typeof text === 'string' && text.startsWith(KEEP_PLAN)
        ? client.query({ name: nameOf(text), text, values: values ? [...values] : [] })
        : client.query(
            text as string,
            values ? [...values] : undefined,
          )) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  };
}

/** The pool as kysely's PostgresDialect takes it, sending KEEP_PLAN statements as named prepared statements. */
export function poolKeepingPlans(pool: Pool): PostgresPool {
  return {
    connect: async () => keepingPlans(await pool.connect()),
    end: () => pool.end(),
  };
}
