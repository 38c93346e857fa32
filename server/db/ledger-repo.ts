// The saved-email ledger: one row per normalised Message-ID for the whole organisation, saying
// where the email was saved. Recording is idempotent and safe with concurrent writers: the primary
// key decides, and exactly one caller learns that it won.
import { sql, type Kysely, type Selectable } from 'kysely';
import { normalizeMessageId, type RecordRef } from '../../src';
import type { Database, SavedEmailsTable } from './database-types';
import { jsonb, toIso } from './jsonb';
import { storableKey } from './storable';

export type SaveMode = 'manual' | 'automatic';

export interface LedgerEntry {
  messageId: string;
  activityId: string;
  links: RecordRef[];
  /** User id of who saved it ('' when that user was removed since). */
  savedBy: string;
  savedAt: string;
  mode: SaveMode;
}

export interface NewLedgerEntry {
  messageId: string;
  activityId: string;
  links: RecordRef[];
  savedBy: string;
  mode: SaveMode;
  savedAt?: string | Date;
}

export interface RecordResult {
  /** True when this call inserted the row; false when the Message-ID was already saved. */
  won: boolean;
  /** The row as stored: this call's, or the earlier one that won. */
  entry: LedgerEntry;
}

export async function recordSavedEmail(db: Kysely<Database>, input: NewLedgerEntry): Promise<RecordResult> {
  const messageId = storableKey(normalizeMessageId(input.messageId));
  if (messageId === '') throw new Error('A saved email needs a Message-ID');
  const inserted = await db
    .insertInto('saved_emails')
    .values({
      message_id: messageId,
      activity_id: input.activityId,
      linked_records: jsonb(dedupeRefs(input.links)),
      saved_by: input.savedBy,
      mode: input.mode,
      ...(input.savedAt ? { saved_at: input.savedAt } : {}),
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { won: true, entry: toEntry(inserted) };
  const existing = await db
    .selectFrom('saved_emails')
    .selectAll()
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  return { won: false, entry: toEntry(existing) };
}

/** Ledger rows for some Message-IDs (any form: with or without <>), keyed by normalised Message-ID. */
export async function findSavedEmails(
  db: Kysely<Database>,
  messageIds: string[],
): Promise<Map<string, LedgerEntry>> {
  const ids = normalizeIds(messageIds);
  const result = new Map<string, LedgerEntry>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('saved_emails')
    .selectAll()
    .where('message_id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  for (const row of rows) result.set(row.message_id, toEntry(row));
  return result;
}

/** Which of these Message-IDs are already saved (normalised), for `AutoshareContext.savedMessageIds`. */
export async function savedMessageIdsAmong(db: Kysely<Database>, messageIds: string[]): Promise<string[]> {
  const ids = normalizeIds(messageIds);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('saved_emails')
    .select('message_id')
    .where('message_id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return rows.map((r) => r.message_id).sort();
}

/** Adds links to a saved email (the rep links more records later); returns the updated row. */
export async function addLedgerLinks(
  db: Kysely<Database>,
  messageId: string,
  links: RecordRef[],
): Promise<LedgerEntry | undefined> {
  const id = storableKey(normalizeMessageId(messageId));
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const merged = dedupeRefs([...readRefs(row.linked_records), ...links]);
    const updated = await trx
      .updateTable('saved_emails')
      .set({ linked_records: jsonb(merged) })
      .where('message_id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(updated);
  });
}

/** Which of these CRM activity ids autosharing saved (ledger mode `automatic`). */
export async function automaticActivityIds(
  db: Kysely<Database>,
  activityIds: string[],
): Promise<Set<string>> {
  const ids = [...new Set(activityIds.filter((id) => id !== ''))];
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('saved_emails')
    .select('activity_id')
    .where('activity_id', '=', sql<string>`any(${ids}::text[])`)
    .where('mode', '=', 'automatic')
    .execute();
  return new Set(rows.map((r) => r.activity_id));
}

/** How many emails each user saved, by mode (the admin's per-user counts). */
export async function savedCountsByUser(
  db: Kysely<Database>,
): Promise<Map<string, { manual: number; automatic: number }>> {
  const rows = await db
    .selectFrom('saved_emails')
    .select(['saved_by', 'mode', sql<number>`count(*)::int`.as('count')])
    .where('saved_by', 'is not', null)
    .groupBy(['saved_by', 'mode'])
    .execute();
  const result = new Map<string, { manual: number; automatic: number }>();
  for (const row of rows) {
    const counts = result.get(row.saved_by!) ?? { manual: 0, automatic: 0 };
    counts[row.mode] = Number(row.count);
    result.set(row.saved_by!, counts);
  }
  return result;
}

function normalizeIds(messageIds: string[]): string[] {
  return [...new Set(messageIds.map((id) => storableKey(normalizeMessageId(id))).filter((id) => id !== ''))];
}

function dedupeRefs(refs: RecordRef[]): RecordRef[] {
  const seen = new Set<string>();
  const result: RecordRef[] = [];
  for (const ref of refs) {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ kind: ref.kind, id: ref.id });
  }
  return result;
}

function readRefs(value: unknown): RecordRef[] {
  return Array.isArray(value) ? (value as RecordRef[]) : [];
}

/** A row as stored (or as `row_to_json` gives it, dates as text). */
export function toEntry(
  row: Omit<Selectable<SavedEmailsTable>, 'saved_at'> & { saved_at: Date | string },
): LedgerEntry {
  return {
    messageId: row.message_id,
    activityId: row.activity_id,
    links: readRefs(row.linked_records),
    savedBy: row.saved_by ?? '',
    savedAt: toIso(row.saved_at),
    mode: row.mode,
  };
}
