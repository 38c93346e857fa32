import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from './database-types';
import { findUsersByIds, type User } from './users-repo';

// Every bearer request looks its user up by id. Under load many requests arrive in one turn of the event loop:
// their lookups go as one statement (`findUsersByIds`), sent once the turn's I/O is handled (setImmediate), instead
// of a round trip each. Nothing is remembered between batches (cache off): a removed user or a changed role shows
// on the very next request, as before.

const LOADERS = new WeakMap<Kysely<Database>, DataLoader<string, User | undefined>>();

/** The user with this id, if any, read along with the other lookups of the same event-loop turn. */
export function findUserByIdBatched(db: Kysely<Database>, id: string): Promise<User | undefined> {
  let loader = LOADERS.get(db);
  if (!loader) {
    loader = new DataLoader<string, User | undefined>(
      async (ids) => {
        const users = await findUsersByIds(db, [...ids]);
        return ids.map((id) => users.get(id));
      },
      { cache: false, batchScheduleFn: (send) => setImmediate(send) },
    );
    LOADERS.set(db, loader);
  }
  return loader.load(id);
}
