// Blacklists: each user's own list and the corporate list. Entries are stored normalised (an
// address, or a bare domain); the API validates what people type (parseBlacklistInput in src/).
// Changing a list never touches saved activities.
import type { Kysely } from 'kysely';
import { classifyBlacklistEntry } from '../../src';
import type { Database } from './database-types';

function normalizeEntries(entries: string[]): string[] {
  return [...new Set(entries.map((e) => classifyBlacklistEntry(e).value).filter((v) => v !== ''))];
}

export async function listUserBlacklist(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_blacklist')
    .select('entry')
    .where('user_id', '=', userId)
    .orderBy('entry')
    .execute();
  return rows.map((r) => r.entry);
}

/** Adds entries to a user's list; returns those that were new. */
export async function addUserBlacklistEntries(
  db: Kysely<Database>,
  userId: string,
  entries: string[],
): Promise<string[]> {
  const values = normalizeEntries(entries);
  if (values.length === 0) return [];
  const rows = await db
    .insertInto('user_blacklist')
    .values(values.map((entry) => ({ user_id: userId, entry })))
    .onConflict((oc) => oc.columns(['user_id', 'entry']).doNothing())
    .returning('entry')
    .execute();
  return rows.map((r) => r.entry).sort();
}

/** Removes entries from a user's list; returns those that were there. */
export async function removeUserBlacklistEntries(
  db: Kysely<Database>,
  userId: string,
  entries: string[],
): Promise<string[]> {
  const values = normalizeEntries(entries);
  if (values.length === 0) return [];
  const rows = await db
    .deleteFrom('user_blacklist')
    .where('user_id', '=', userId)
    .where('entry', 'in', values)
    .returning('entry')
    .execute();
  return rows.map((r) => r.entry).sort();
}

export async function listCorporateBlacklist(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('corporate_blacklist').select('entry').orderBy('entry').execute();
  return rows.map((r) => r.entry);
}

export async function addCorporateBlacklistEntries(
  db: Kysely<Database>,
  entries: string[],
): Promise<string[]> {
  const values = normalizeEntries(entries);
  if (values.length === 0) return [];
  const rows = await db
    .insertInto('corporate_blacklist')
    .values(values.map((entry) => ({ entry })))
    .onConflict((oc) => oc.column('entry').doNothing())
    .returning('entry')
    .execute();
  return rows.map((r) => r.entry).sort();
}

export async function removeCorporateBlacklistEntries(
  db: Kysely<Database>,
  entries: string[],
): Promise<string[]> {
  const values = normalizeEntries(entries);
  if (values.length === 0) return [];
  const rows = await db
    .deleteFrom('corporate_blacklist')
    .where('entry', 'in', values)
    .returning('entry')
    .execute();
  return rows.map((r) => r.entry).sort();
}

/** The user's list and the corporate list together (what `AutoshareContext.blacklist` wants), in one query. */
export async function effectiveBlacklist(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_blacklist')
    .select('entry')
    .where('user_id', '=', userId)
    .union(db.selectFrom('corporate_blacklist').select('entry'))
    .orderBy('entry')
    .execute();
  return rows.map((r) => r.entry);
}
