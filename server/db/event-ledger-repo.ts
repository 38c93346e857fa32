// The organisation's ledger of events written to the CRM (migration 0016): one row per event key, whichever
// colleague's calendar brought it, with what rule 6 of shared/spec/event-rules.md compares (fingerprint, sequence,
// cancelled) and who owns it (section 5). Beside it, per mailbox, the provider's own ids of events mapped to their
// keys, since a removal arrives with the id alone. Batches are one statement each, like the email ledger's.
import { sql, type Kysely } from 'kysely';
import type { RecordRef, SavedEvent } from '../../src';
import type { Database } from './database-types';
import { jsonb } from './jsonb';
import { withMailboxes } from './mailboxes-repo';
import { MAX_LINE_CHARS, storableJson, storableKey, storableText } from './storable';

export interface EventLedgerEntry extends SavedEvent {
  crmEventId: string;
  /** As written to the CRM, at its sharing level (null when not known). */
  subject: string | null;
  ownerUserId: string | null;
  mode: 'manual' | 'automatic';
  links: { who: RecordRef[]; what?: RecordRef; invitees: string[] };
  savedAt: string;
  updatedAt: string;
}

export interface EventLedgerWrite {
  key: string;
  crmEventId: string;
  /** As written to the CRM; absent: the one recorded before stays. */
  subject?: string;
  fingerprint: string;
  sequence: number;
  cancelled: boolean;
  ownerUserId: string | null;
  mode: 'manual' | 'automatic';
  links: { who: RecordRef[]; what?: RecordRef; invitees: string[] };
}

interface LedgerRow {
  key: string;
  crm_event_id: string;
  subject: string | null;
  fingerprint: string;
  sequence: number;
  cancelled: boolean;
  owner_user_id: string | null;
  mode: 'manual' | 'automatic';
  linked_records: EventLedgerWrite['links'];
  saved_at: Date | string;
  updated_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The ledger's rows for these keys (absent keys were never written). */
export async function savedEventsByKeys(
  db: Kysely<Database>,
  keys: string[],
): Promise<Map<string, EventLedgerEntry>> {
  const wanted = [...new Set(keys.map(storableKey).filter((k) => k !== ''))];
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<LedgerRow>`
    select key, crm_event_id, subject, fingerprint, sequence, cancelled, owner_user_id, mode, linked_records, saved_at,
           updated_at
      from saved_events where key = any(${wanted}::text[])`.execute(db);
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key,
        crmEventId: r.crm_event_id,
        subject: r.subject,
        fingerprint: r.fingerprint,
        sequence: r.sequence,
        cancelled: r.cancelled,
        ownerUserId: r.owner_user_id,
        mode: r.mode,
        links: r.linked_records,
        savedAt: iso(r.saved_at),
        updatedAt: iso(r.updated_at),
      },
    ]),
  );
}

/**
 * Records what was written, in one statement: a new key is inserted; a key written before takes the new fingerprint,
 * sequence and cancelled state unless the row holds a higher sequence already (a stale copy never overwrites a newer
 * one), keeping its first save time, and its owner unless one is given.
 */
export async function recordEventWrites(db: Kysely<Database>, writes: EventLedgerWrite[]): Promise<void> {
  const byKey = new Map<string, EventLedgerWrite>();
  for (const w of writes) {
    const key = storableKey(w.key);
    if (key !== '') byKey.set(key, w); // the last write of a key in a batch is its newest
  }
  if (byKey.size === 0) return;
  const keys = [...byKey.keys()];
  const list = [...byKey.values()];
  await sql`
    insert into saved_events (key, crm_event_id, subject, fingerprint, sequence, cancelled, owner_user_id, mode,
                              linked_records)
    select k, i, j, f, s, c, o, m, cast(l as jsonb)
      from unnest(${keys}::text[], ${list.map((w) => storableKey(w.crmEventId))}::text[],
                  ${list.map((w) => (w.subject === undefined ? null : storableText(w.subject, MAX_LINE_CHARS)))}::text[],
                  ${list.map((w) => w.fingerprint)}::text[], ${list.map((w) => w.sequence)}::int[],
                  ${list.map((w) => w.cancelled)}::boolean[], ${list.map((w) => w.ownerUserId)}::text[],
                  ${list.map((w) => w.mode)}::text[], ${list.map((w) => storableJson(w.links))}::text[])
        as t(k, i, j, f, s, c, o, m, l)
    on conflict (key) do update set
      crm_event_id = excluded.crm_event_id,
      subject = coalesce(excluded.subject, saved_events.subject),
      fingerprint = excluded.fingerprint,
      sequence = excluded.sequence,
      cancelled = excluded.cancelled,
      owner_user_id = coalesce(excluded.owner_user_id, saved_events.owner_user_id),
      linked_records = excluded.linked_records,
      updated_at = now()
    where excluded.sequence >= saved_events.sequence`.execute(db);
}

/** The keys of a mailbox's events by the provider's own ids (for removals, which carry the id alone). */
export async function keysOfSourceIds(
  db: Kysely<Database>,
  mailboxId: string,
  sourceIds: string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(sourceIds.map(storableKey).filter((k) => k !== ''))];
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<{ source_id: string; key: string }>`
    select source_id, key from event_sources
     where mailbox_id = ${mailboxId} and source_id = any(${wanted}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.source_id, r.key]));
}

/** Remembers which key each of the provider's ids stands for in this mailbox. */
export async function rememberSourceIds(
  db: Kysely<Database>,
  mailboxId: string,
  pairs: { sourceId: string; key: string }[],
): Promise<void> {
  const byId = new Map<string, string>();
  for (const p of pairs) {
    const id = storableKey(p.sourceId);
    const key = storableKey(p.key);
    if (id !== '' && key !== '') byId.set(id, key);
  }
  if (byId.size === 0) return;
  await sql`
    insert into event_sources (mailbox_id, source_id, key)
    select ${mailboxId}, s, k from unnest(${[...byId.keys()]}::text[], ${[...byId.values()]}::text[]) as t(s, k)
    on conflict (mailbox_id, source_id) do update set key = excluded.key`.execute(db);
}

/** Stores where the mailbox's calendar continues from (in the batch's transaction, after what it recorded). */
export async function storeCalendarCursor(
  db: Kysely<Database>,
  mailboxId: string,
  cursor: Record<string, unknown>,
): Promise<void> {
  await withMailboxes(db)
    .updateTable('mailboxes')
    .set({ calendar_cursor: jsonb(cursor) })
    .where('id', '=', mailboxId)
    .execute();
}

/** The calendar's run ended: read (error null) or not, with why in words. */
export async function recordCalendarOutcome(
  db: Kysely<Database>,
  mailboxId: string,
  error: string | null,
  at: Date,
): Promise<void> {
  await withMailboxes(db)
    .updateTable('mailboxes')
    .set(error === null ? { calendar_error: null, calendar_synced_at: at } : { calendar_error: error })
    .where('id', '=', mailboxId)
    .execute();
}
