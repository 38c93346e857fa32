import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { Pool, PoolClient } from 'pg';

// PostgreSQL half of cached-plan.ts. A hot read (the sidebar's few statements, kilobytes of SQL joining a dozen
// tables) costs PostgreSQL several times more to plan than to run. A statement that starts with KEEP_PLAN is sent
// as a named prepared statement on a connection of its own pool, whose sessions force generic plans
// (KEPT_PLAN_SETTINGS): each connection plans it once and reuses that plan for any values. Left to choose,
// PostgreSQL planned the sidebar's CRM read again on every request (its generic plan's estimate is dearer than a
// custom plan's, though it runs as fast: these reads are index lookups whatever the values), about 1 ms of its CPU
// each time. Every other statement, and everything inside a transaction (which starts with `begin`), goes to the
// main pool as it is (unnamed, planned each time for its values).

export const KEEP_PLAN = '/* liaison: keep plan */ ';

/**
 * The session settings of the kept reads' pool (connection options). One plan for any values; and index lookups
 * priced as the cached reads they are (PostgreSQL's default random_page_cost, 4, is a disk's): otherwise the CRM
 * read's generic plan scanned every account to find the few of a domain, a third of its time at 2,000 accounts.
 */
export const KEPT_PLAN_SETTINGS = { plan_cache_mode: 'force_generic_plan', random_page_cost: '1.1' };

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

const kept = (text: unknown): text is string => typeof text === 'string' && text.startsWith(KEEP_PLAN);

/**
 * A connection as kysely sees it, taken from a pool at its first statement: from the kept reads' pool when that
 * statement is a KEEP_PLAN read (kysely takes a connection per statement outside transactions), else from the main
 * pool; every later statement goes to the same connection.
 */
function routedClient(pools: KeptPlanPools): PostgresPoolClient {
  let client: Promise<PoolClient> | undefined;
  const connection = (text: unknown) => (client ??= (kept(text) ? pools.kept : pools.main).connect());
  return {
    // kysely passes SQL and its values, or a cursor (streams) which goes through untouched.
    query: (async (text: unknown, values?: readonly unknown[]) => {
      const c = await connection(text);
      return kept(text)
        ? c.query({ name: nameOf(text), text, values: values ? [...values] : [] })
        : c.query(text as string, values ? [...values] : undefined);
    }) as unknown as PostgresPoolClient['query'],
    release: () => {
      void client?.then(
        (c) => c.release(),
        () => {},
      );
    },
  };
}

export interface KeptPlanPools {
  /** Every statement but the kept reads. */
  main: Pool;
  /** The kept reads, on sessions with KEPT_PLAN_SETTINGS. */
  kept: Pool;
}

/** The pools as kysely's PostgresDialect takes one, sending KEEP_PLAN reads as named prepared statements. */
export function poolKeepingPlans(pools: KeptPlanPools): PostgresPool {
  return {
    connect: async () => routedClient(pools),
    end: async () => {
      await Promise.all([pools.main.end(), pools.kept.end()]);
    },
  };
}
