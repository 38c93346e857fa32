// The ledger for a whole sync batch in one statement (the scheduled engine saves hundreds of emails at once).
// Same guarantees as recordSavedEmail: the primary key decides, and the caller learns which rows it won.
import { sql, type Kysely } from 'kysely';
import { normalizeMessageId, type RecordRef } from '../../src';
import type { Database } from './database-types';
import { storableJson, storableKey } from './storable';

export interface LedgerBatchItem {
  messageId: string;
  activityId: string;
  links: RecordRef[];
  savedBy: string;
  /** `manual` for an email saved with the rep's pick (Save when sent); automatic otherwise. */
  mode?: 'manual' | 'automatic';
}

/** Inserts a batch's saves (automatic, or by hand with a pick) (keys made storable: the text[] parameters bypass the JSON path); returns the normalised Message-IDs this call won (the others were saved already). */
export async function recordAutomaticSaves(
  db: Kysely<Database>,
  items: LedgerBatchItem[],
): Promise<Set<string>> {
  const rows = new Map<string, LedgerBatchItem>();
  for (const item of items) {
    const id = storableKey(normalizeMessageId(item.messageId));
    if (id !== '' && !rows.has(id)) rows.set(id, item);
  }
  if (rows.size === 0) return new Set();
  const ids = [...rows.keys()];
  const list = [...rows.values()];
  const { rows: won } = await sql<{ message_id: string }>`
    insert into saved_emails (message_id, activity_id, linked_records, saved_by, mode)
    select m, a, cast(l as jsonb), u, k
      from unnest(${ids}::text[], ${list.map((i) => storableKey(i.activityId))}::text[],
                  ${list.map((i) => storableJson(i.links))}::text[], ${list.map((i) => i.savedBy)}::text[],
                  ${list.map((i) => i.mode ?? 'automatic')}::text[])
        as t(m, a, l, u, k)
    on conflict (message_id) do nothing
    returning message_id`.execute(db);
  return new Set(won.map((r) => r.message_id));
}
