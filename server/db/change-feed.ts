import type { DatabaseHandle } from './open-database';

// Tells a cache when what it kept may be stale. Writes to the tables a sidebar answer is made of notify
// `liaison_changes` on commit (migration 0014), from any process; this listens on a connection of its own and counts
// them. A cache tags what it keeps with `version()` taken BEFORE it read, and trusts it only while the version is
// the same. While the feed is not listening (before the first LISTEN, after the connection dropped, until it
// listens again) `version()` is undefined: nothing may be trusted, since a change may go unheard.

export interface ChangeFeed {
  /** A number that changes whenever the data may have; undefined while changes could go unheard. */
  version(): number | undefined;
  /** This process changed data (a write request answered): forget at once, without waiting for the notification. */
  bump(): void;
  close(): Promise<void>;
}

const CHANNEL = 'liaison_changes';
const RETRY_MS = { first: 200, max: 10_000 };

class CountingFeed implements ChangeFeed {
  private count = 0;
  listening = false;
  version(): number | undefined {
    return this.listening ? this.count : undefined;
  }
  bump(): void {
    this.count++;
  }
  close: () => Promise<void> = async () => {};
}

/** The feed of the database's schema; call `close()` before closing the database. */
export async function openChangeFeed(database: DatabaseHandle): Promise<ChangeFeed> {
  const feed = new CountingFeed();
  const heard = (payload: string) => {
    if (payload === database.schema) feed.bump();
  };
  if (database.pglite) {
    // One process, one connection: nothing is ever missed while the instance is open.
    const unlisten = await database.pglite.listen(CHANNEL, heard);
    feed.listening = true;
    feed.close = async () => {
      feed.listening = false;
      await unlisten().catch(() => undefined);
    };
    return feed;
  }
  if (!database.url) throw new Error('A change feed needs PGlite or a PostgreSQL connection string.');
  // A server that cannot listen yet still starts: it keeps nothing until the feed listens (retried meanwhile).
  await listenOnPostgres(database.url, database.schema, feed, heard).catch(() => undefined);
  return feed;
}

async function listenOnPostgres(
  url: string,
  schema: string,
  feed: CountingFeed,
  heard: (payload: string) => void,
): Promise<void> {
  // node-postgres is loaded only for PostgreSQL, as in open-database.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  let client: import('pg').Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = RETRY_MS.first;

  const connect = async (): Promise<void> => {
    const next = new Client({
      connectionString: url,
      application_name: `liaison-changes-${schema}`.slice(0, 63),
    });
    client = next;
    const lost = () => {
      if (client !== next) return;
      // Deaf from here on: caches stop trusting what they kept until the feed listens again.
      feed.listening = false;
      feed.bump();
      client = undefined;
      next.removeAllListeners('notification');
      next.end().catch(() => undefined);
      if (!closed) {
        retry = setTimeout(() => void connect().catch(() => undefined), delay);
        retry.unref();
        delay = Math.min(delay * 2, RETRY_MS.max);
      }
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => heard(message.payload ?? ''));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost();
      throw error;
    }
    if (client !== next) return;
    // Whatever changed while nobody listened counts as a change.
    feed.bump();
    feed.listening = true;
    delay = RETRY_MS.first;
  };

  feed.close = async () => {
    closed = true;
    feed.listening = false;
    if (retry) clearTimeout(retry);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
  await connect();
}
