// Hot reads with a plan kept for the session. PGlite plans every statement again, and in
// WebAssembly planning a many-table read costs several times more than running it (its index lookups take
// well under a millisecond). A read given here runs inside a session-local PL/pgSQL function (`pg_temp`),
// created from the same SQL on first use: PostgreSQL keeps that function's plan for the session, generic
// (forced: these reads are index lookups whatever the values). PGlite has no autovacuum, and nothing but DDL or
// ANALYZE (which `crm import` runs) replans a kept plan: the function is made again every few minutes, so a
// table grown since (a plan made on the demo's ten rows) is planned for its size. Any read inside a transaction
// (a function created there would vanish with a rollback) runs as it is. On PostgreSQL planning these reads costs
// several times more than running them too (milliseconds for the sidebar's CRM read): each goes as a named
// prepared statement (kept-plans.ts), which PostgreSQL plans once per connection and replans when a table it reads
// is analyzed.
import { createHash } from 'node:crypto';
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import { KEEP_PLAN } from './kept-plans';
import { PGliteAdapter } from './pglite-dialect';

/** A row as `cachedPlanRows` gives it: on PGlite dates come back as ISO text. */
export type ReadRow<R> = { [K in keyof R]: Date extends R[K] ? R[K] | string : R[K] };

/** How long a kept plan serves before its function is made again (and planned again). */
export const PLAN_MAX_AGE_MS = 5 * 60_000;

/** Per PGlite session (its adapter): each function made, and when. */
const FUNCTIONS = new WeakMap<object, Map<string, number>>();
const TAG = '$liaison_read$';

/**
 * The rows of `query` (compile it with `db.withoutPlugins()`: plugins see the statement that runs). On PGlite
 * each row comes back through `row_to_json`, so timestamps are ISO text and numerics are numbers: use it for
 * reads whose columns are JSON, text, booleans or numbers, and map dates with `toIso`.
 */
export async function cachedPlanRows<DB, R>(db: Kysely<DB>, query: CompiledQuery<R>): Promise<ReadRow<R>[]> {
  const adapter = db.getExecutor().adapter;
  if (!(adapter instanceof PGliteAdapter)) {
    const kept = { ...query, sql: `${KEEP_PLAN}${query.sql}` };
    // Compiled already: sent as it is, unless plugins (the tests' query counter) must see it go.
    const executor = db.getExecutor();
    const result =
      executor.plugins.length === 0 ? await executor.executeQuery(kept) : await asRaw(kept).execute(db);
    return result.rows as ReadRow<R>[];
  }
  const types = query.parameters.map(sqlTypeOf);
  if (db.isTransaction || types.includes(undefined) || query.sql.includes(TAG)) {
    return (await asRaw(query).execute(db)).rows as ReadRow<R>[];
  }
  const name = `liaison_read_${createHash('sha256')
    .update(`${types.join(',')}|${query.sql}`)
    .digest('hex')
    .slice(0, 24)}`;
  const created = FUNCTIONS.get(adapter) ?? new Map<string, number>();
  FUNCTIONS.set(adapter, created);
  const madeAt = created.get(name);
  if (madeAt === undefined || Date.now() - madeAt > PLAN_MAX_AGE_MS) {
    const args = types.map((type, i) => `p${i + 1} ${type}`).join(', ');
    const body = query.sql.replace(/\$(\d+)/g, (_match, n: string) => `p${n}`);
    await sql
      .raw(
        `create or replace function pg_temp.${name}(${args}) returns setof json language plpgsql stable
           set plan_cache_mode = force_generic_plan as ${TAG}
           begin return query select row_to_json(r) from (${body}) r; end ${TAG}`,
      )
      .execute(db);
    created.set(name, Date.now());
  }
  const { rows } = await sql<{ r: ReadRow<R> }>`
    select pg_temp.${sql.raw(name)}(${sql.join(query.parameters.map((p) => sql`${p}`))}) as r`.execute(db);
  return rows.map((row) => row.r);
}

/** The compiled statement as a raw query again, so it runs through `db` and its plugins like any other. */
function asRaw<R>(query: CompiledQuery<R>): RawBuilder<R> {
  const parts = query.sql
    .split(/\$(\d+)/)
    .map((piece, i) => (i % 2 === 0 ? sql.raw(piece) : sql`${query.parameters[Number(piece) - 1]}`));
  return sql<R>`${sql.join(parts, sql.raw(''))}`;
}

/** The argument type for a parameter, or undefined when it is not one these reads use. */
function sqlTypeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'bigint' : 'float8';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'text[]';
  return undefined;
}

/** A raw read compiled for `cachedPlanRows`. */
export function compileRead<DB, R>(db: Kysely<DB>, query: RawBuilder<R>): CompiledQuery<R> {
  return query.compile(db.withoutPlugins());
}
