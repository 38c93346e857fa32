// The picks of "Save when sent" (migration 0018): made by the compose faces, read and used up by the sync.
import type { Kysely, Selectable } from 'kysely';
import type { RecordRef, SavePick, SharingLevel } from '../../src';
import type { Database, SavePicksTable } from './database-types';
import { jsonb, toIso } from './jsonb';

/** A pick to keep: the core's SavePick, with the database's times. */
export type NewSavePick = Omit<SavePick, 'createdAt' | 'expiresAt' | 'usedAt'> & {
  createdAt: Date;
  expiresAt: Date;
};

/**
 * Keeps a pick. A Gmail pick replaces the user's open pick for the same thread: the rep changed their mind while
 * writing, and only the last choice is theirs.
 */
export async function createSavePick(db: Kysely<Database>, pick: NewSavePick): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (pick.threadId !== undefined)
      await trx
        .deleteFrom('save_picks')
        .where('user_id', '=', pick.userId)
        .where('thread_id', '=', pick.threadId)
        .where('used_at', 'is', null)
        .execute();
    await trx
      .insertInto('save_picks')
      .values({
        id: pick.id,
        user_id: pick.userId,
        who: jsonb(pick.who),
        what: pick.what ? jsonb(pick.what) : null,
        level: pick.level ?? null,
        autosave_thread: pick.autosaveThread,
        thread_id: pick.threadId ?? null,
        created_at: pick.createdAt,
        expires_at: pick.expiresAt,
      })
      .execute();
  });
}

/** The picks with these ids, by id (used and expired ones too: the sync says why it cannot use them). */
export async function findSavePicks(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, SavePick>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('save_picks').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, toSavePick(row)]));
}

/** The user's picks not used yet for these threads (Gmail). */
export async function openThreadPicks(
  db: Kysely<Database>,
  userId: string,
  threadIds: readonly string[],
): Promise<SavePick[]> {
  const unique = [...new Set(threadIds.filter((t) => t !== ''))];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('save_picks')
    .selectAll()
    .where('user_id', '=', userId)
    .where('thread_id', 'in', unique)
    .where('used_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toSavePick);
}

/** Marks a pick used; false when it was used already (another run got there first). */
export async function markSavePickUsed(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('save_picks')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toSavePick(row: Selectable<SavePicksTable>): SavePick {
  const pick: SavePick = {
    id: row.id,
    userId: row.user_id,
    who: row.who as RecordRef[],
    autosaveThread: row.autosave_thread,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
  };
  if (row.what) pick.what = row.what as RecordRef;
  if (row.level) pick.level = row.level as SharingLevel;
  if (row.thread_id) pick.threadId = row.thread_id;
  if (row.used_at) pick.usedAt = toIso(row.used_at);
  return pick;
}
