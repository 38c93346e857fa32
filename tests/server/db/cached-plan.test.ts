import { sql } from 'kysely';
import { cachedPlanRows, compileRead, PLAN_MAX_AGE_MS } from '../../../server/db/cached-plan';
import type { Database } from '../../../server/db/database-types';
import { countingDb } from '../../support/db/count-queries';
import { backends, useTestDatabase } from '../../support/db/test-databases';

// A hot read answers the same rows through its session-local function (PGlite) as the statement itself, creates
// that function once, and runs as a plain statement wherever a function could not serve it.

describe.each(backends)('reads with a cached plan on %s', (backend) => {
  const t = useTestDatabase(backend);
  const read = (db: typeof t.db, domains: string[], limit: number) =>
    compileRead(
      db,
      sql<{ id: string; n: number; big: boolean; at: Date | string; names: string[] }>`
        select v.id, v.n, v.n > ${limit} as big, timestamptz '2026-03-01 10:00:00+00' as at,
               array[v.id, ${'x'}] as names
          from (values ('a', 1), ('b', 2), ('c', 3)) v(id, n)
         where v.id = any(${domains}::text[])
         order by v.id`,
    );

  it('answers what the statement answers (dates as ISO text on PGlite)', async () => {
    const rows = await cachedPlanRows(t.db, read(t.db, ['a', 'c', 'zz'], 2));
    expect(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))).toEqual([
      { id: 'a', n: 1, big: false, at: '2026-03-01T10:00:00.000Z', names: ['a', 'x'] },
      { id: 'c', n: 3, big: true, at: '2026-03-01T10:00:00.000Z', names: ['c', 'x'] },
    ]);
    expect(await cachedPlanRows(t.db, read(t.db, [], 0))).toEqual([]);
  });

  it('creates its function once per session (PGlite), then runs one statement per read', async () => {
    const counter = countingDb<Database>(t.db);
    const query = compileRead(counter.db, sql<{ one: number }>`select ${7}::int + 1 as one`);
    await cachedPlanRows(counter.db, query);
    expect(counter.count()).toBe(backend === 'pglite' ? 2 : 1);
    counter.reset();
    for (let i = 0; i < 3; i++) expect(await cachedPlanRows(counter.db, query)).toEqual([{ one: 8 }]);
    expect(counter.count()).toBe(3);
  });

  it('makes its function again once the plan is old, so grown tables get planned for their size', async () => {
    const counter = countingDb<Database>(t.db);
    const query = compileRead(counter.db, sql<{ three: number }>`select ${2}::int + 1 as three`);
    await cachedPlanRows(counter.db, query);
    counter.reset();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + PLAN_MAX_AGE_MS + 1000);
    try {
      expect(await cachedPlanRows(counter.db, query)).toEqual([{ three: 3 }]);
      expect(counter.count()).toBe(backend === 'pglite' ? 2 : 1);
      counter.reset();
      expect(await cachedPlanRows(counter.db, query)).toEqual([{ three: 3 }]);
      expect(counter.count()).toBe(1);
    } finally {
      clock.mockRestore();
    }
  });

  it('runs the statement itself inside a transaction, so a rollback cannot take a function away', async () => {
    const query = compileRead(t.db, sql<{ two: number }>`select ${40}::int + 2 as two`);
    await t.db
      .transaction()
      .execute(async (trx) => {
        expect(await cachedPlanRows<Database, { two: number }>(trx, query)).toEqual([{ two: 42 }]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await cachedPlanRows(t.db, query)).toEqual([{ two: 42 }]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_proc where proname like 'liaison_read_%'
         and pronamespace = pg_my_temp_schema()`.execute(t.db);
    expect(rows[0]?.n).toBe(backend === 'pglite' ? 4 : 0);
  });

  it('keeps the plan on PostgreSQL too: a prepared statement per connection, planned once for any values', async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const generic = await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 8; i++) {
        const query = compileRead(
          t.db,
          sql<{
            id: string;
          }>`select v.id from (values ('a'), ('b')) v(id) where v.id = any(${[`x${i}`, 'a']}::text[])`,
        );
        expect(await cachedPlanRows<Database, { id: string }>(trx, query)).toEqual([{ id: 'a' }]);
      }
      const { rows } = await sql<{ n: number }>`
        select coalesce(sum(generic_plans), 0)::int as n from pg_prepared_statements
         where statement like '%(values (''a''), (''b'')) v(id)%'`.execute(trx);
      return rows[0]?.n ?? 0;
    });
    // PGlite keeps its plans in functions, outside transactions (above).
    expect(generic > 0).toBe(backend === 'postgres');
  });

  it('runs kept reads with one generic plan whatever PostgreSQL would choose, and nothing else', async () => {
    const mode = compileRead(
      t.db,
      sql<{ mode: string }>`select current_setting(${'plan_cache_mode'}) as mode`,
    );
    expect(await cachedPlanRows(t.db, mode)).toEqual([{ mode: 'force_generic_plan' }]);
    // Any other statement, and a kept read inside a transaction, is planned for its values.
    const plain = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(
      t.db,
    );
    expect(plain.rows).toEqual([{ mode: 'auto' }]);
    const inside = await t.db
      .transaction()
      .execute((trx) => cachedPlanRows<Database, { mode: string }>(trx, mode));
    expect(inside).toEqual([{ mode: 'auto' }]);
    if (backend !== 'postgres') return;
    const cost = compileRead(
      t.db,
      sql<{ cost: string }>`select current_setting(${'random_page_cost'}) as cost`,
    );
    expect(await cachedPlanRows(t.db, cost)).toEqual([{ cost: '1.1' }]);
    // A read whose generic plan PostgreSQL's estimate would refuse (an array of any length against a big table's
    // index): planned once, then every run reuses it. One connection serves these reads one after the other.
    const read = (ids: string[]) =>
      compileRead(
        t.db,
        sql<{
          n: number;
        }>`select count(*)::int as n from generate_series(1, 100000) g(i) where g.i::text = any(${ids}::text[])`,
      );
    for (let i = 0; i < 8; i++)
      expect(await cachedPlanRows(t.db, read([`${i + 1}`, 'x']))).toEqual([{ n: 1 }]);
    const plans = compileRead(
      t.db,
      sql<{ generic: number; custom: number }>`
        select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
         where statement like ${'%generate_series(1, 100000)%'} and statement not like ${'%pg_prepared_statements%'}`,
    );
    expect(await cachedPlanRows(t.db, plans)).toEqual([{ generic: 8, custom: 0 }]);
  });

  it('runs a read with parameters it cannot declare (dates) as a plain statement', async () => {
    const query = compileRead(
      t.db,
      sql<{ d: string }>`select to_char(${new Date('2026-03-01T00:00:00Z')}::timestamptz, 'YYYY') as d`,
    );
    expect(await cachedPlanRows(t.db, query)).toEqual([{ d: '2026' }]);
  });
});
