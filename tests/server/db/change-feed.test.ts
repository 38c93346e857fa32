import { sql } from 'kysely';
import { openChangeFeed, type ChangeFeed } from '../../../server/db/change-feed';
import { openDatabase, type DatabaseHandle } from '../../../server/db/open-database';
import { NOTIFYING_TABLES } from '../../../server/db/notifying-tables';
import { backends, openTestDatabase } from '../../support/db/test-databases';

// The change feed hears every write to the tables a sidebar answer is made of, from this process or another, and
// nothing else; while it cannot hear (its connection dropped) it says so, and it listens again by itself.

/** Waits (bounded) until the feed's version is no longer `from`; returns the new one. */
async function changedFrom(feed: ChangeFeed, from: number | undefined): Promise<number | undefined> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = feed.version();
    if (now !== from && now !== undefined) return now;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the change feed still says ${from} after 10 s`);
}

const contact = (id: string) => sql`insert into crm_contacts (id, first_name, last_name, account_id, owner_id)
  values (${id}, 'Feed', 'Test', null, 'usr-feed')`;

describe.each(backends)('change feed (%s)', (backend) => {
  let database: DatabaseHandle & { dispose(): Promise<void> };
  let feed: ChangeFeed;
  beforeAll(async () => {
    database = await openTestDatabase(backend);
    feed = await openChangeFeed(database);
  }, 60_000);
  afterAll(async () => {
    await feed?.close();
    await database?.dispose();
  });

  test('exactly the tables a sidebar answer is read from carry the trigger (the decision log, sessions… do not)', async () => {
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname = 'liaison_changed' and c.relnamespace = ${database.schema}::regnamespace`.execute(
      database.db,
    );
    expect(rows.map((r) => r.table).sort()).toEqual([...NOTIFYING_TABLES].sort());
  });

  test('a write to a CRM table moves the version', async () => {
    const before = feed.version();
    expect(before).toBeDefined();
    await contact('con-feed-1').execute(database.db);
    expect(await changedFrom(feed, before)).toBe(before! + 1);
  });

  if (backend === 'postgres') {
    test('a write from another process (another connection pool) is heard', async () => {
      const other = await openDatabase({ url: database.url!, schema: database.schema, migrate: false });
      try {
        const before = feed.version();
        await contact('con-feed-4').execute(other.db);
        expect(await changedFrom(feed, before)).toBeGreaterThan(before!);
      } finally {
        await other.close();
      }
    });

    test('a dropped connection makes the feed deaf, then it listens again and counts a change', async () => {
      const before = feed.version();
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${`liaison-changes-${database.schema}`}`.execute(database.db);
      // Deaf at once or soon: until then nothing written is missed, since the connection still listens.
      const deadline = Date.now() + 10_000;
      while (feed.version() !== undefined && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      expect(feed.version()).toBeUndefined();
      const again = await changedFrom(feed, undefined);
      expect(again).toBeGreaterThan(before!);
      // And it hears writes again.
      await contact('con-feed-5').execute(database.db);
      expect(await changedFrom(feed, again)).toBeGreaterThan(again!);
    }, 30_000);
  }
});
