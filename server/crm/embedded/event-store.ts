// Events in the embedded CRM (event-rules.md): saving, updating and cancelling many at once by key, and finding
// them by key. Each call is a few statements per batch (the rows go in as one JSON parameter), never one per event.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordKey, type RecordRef } from '../../../src';
import type { Database } from '../../db/database-types';
import { jsonRecordset } from '../../db/json-recordset';
import type {
  ChangeEventResult,
  CrmEventCancel,
  CrmEventUpdate,
  CrmSavedEvent,
  NewCrmEvent,
  SaveEventResult,
} from '../crm-adapter';
import { cancelledSubject, eventError, type EventContent } from '../event-checks';
import { dedupe, missingRecords } from './activity-store';
import { textArray, unique } from './sql-helpers';

const EVENT_COLUMNS =
  'id text, event_key text, subject text, body text, start_at timestamptz, end_at timestamptz, all_day boolean, ' +
  'location text, show_as text, owner_id text, fingerprint text, sequence int, origin text';
const UPDATE_COLUMNS =
  'event_key text, id text, subject text, body text, start_at timestamptz, end_at timestamptz, all_day boolean, ' +
  'location text, show_as text, fingerprint text, sequence int, owner_id text';
const CANCEL_COLUMNS = 'event_key text, id text, subject text, fingerprint text, sequence int';
const LINK_COLUMNS = 'event_key text, role text, kind text, record_id text, position int';
const INVITEE_COLUMNS = 'event_key text, crm_user_id text, position int';

const refsOf = (item: EventContent): RecordRef[] => [...item.who, ...(item.what ? [item.what] : [])];

/** Link and invitee rows of these events (by key); `ownerId` is never its own invitee. */
function linkRows(items: { key: string; item: EventContent; ownerId?: string | undefined }[]) {
  const links = items.flatMap(({ key, item }) => [
    ...dedupe(item.who).map((ref, position) => ({
      event_key: key,
      role: 'who',
      kind: ref.kind,
      record_id: ref.id,
      position,
    })),
    ...(item.what
      ? [{ event_key: key, role: 'what', kind: item.what.kind, record_id: item.what.id, position: 0 }]
      : []),
  ]);
  const invitees = items.flatMap(({ key, item, ownerId }) =>
    unique(item.invitees.filter((u) => u !== '' && u !== ownerId)).map((crm_user_id, position) => ({
      event_key: key,
      crm_user_id,
      position,
    })),
  );
  return { links, invitees };
}

/**
 * Adds links and invitees to events by key: people and invitees they lack (after the ones they have), the related
 * record only where there is none. Existing rows stay as they are.
 */
async function addLinks(db: Kysely<Database>, rows: ReturnType<typeof linkRows>): Promise<void> {
  if (rows.links.length > 0) {
    await sql`
      insert into crm_event_links (event_id, role, kind, record_id, position)
      select e.id, t.role, t.kind, t.record_id,
             case when t.role = 'what' then 0
                  else t.position + 1 + coalesce((select max(x.position) from crm_event_links x
                                                   where x.event_id = e.id and x.role = 'who'), -1) end
        from ${jsonRecordset(rows.links, 't', LINK_COLUMNS)}
        join crm_events e on e.event_key = t.event_key
       where t.role = 'who'
          or not exists (select 1 from crm_event_links w where w.event_id = e.id and w.role = 'what')
      on conflict (event_id, kind, record_id) do nothing`.execute(db);
  }
  if (rows.invitees.length > 0) {
    await sql`
      insert into crm_event_invitees (event_id, crm_user_id, position)
      select e.id, t.crm_user_id,
             t.position + 1 + coalesce((select max(x.position) from crm_event_invitees x where x.event_id = e.id), -1)
        from ${jsonRecordset(rows.invitees, 't', INVITEE_COLUMNS)}
        join crm_events e on e.event_key = t.event_key
       where e.owner_id is distinct from t.crm_user_id
      on conflict (event_id, crm_user_id) do nothing`.execute(db);
  }
}

/** The first valid item of each key (later repeats get its answer), with the records it names checked. */
async function checkItems<T extends EventContent>(
  db: Kysely<Database>,
  entries: { index: number; item: T }[],
  fail: (index: number, key: string, error: string) => void,
): Promise<{ index: number; item: T }[]> {
  const valid: { index: number; item: T }[] = [];
  entries.forEach(({ item, index }) => {
    const error = eventError(item);
    if (error) fail(index, typeof item?.key === 'string' ? item.key : '', error);
    else valid.push({ index, item });
  });
  const missing = await missingRecords(
    db,
    valid.flatMap((v) => refsOf(v.item)),
  );
  return valid.filter(({ index, item }) => {
    const unknown = refsOf(item).find((r) => missing.has(recordKey(r)));
    if (unknown) fail(index, item.key, `Unknown ${unknown.kind} ${unknown.id}`);
    return !unknown;
  });
}

export async function saveEvents(db: Kysely<Database>, items: NewCrmEvent[]): Promise<SaveEventResult[]> {
  const results: SaveEventResult[] = new Array(items.length);
  const fail = (index: number, key: string, error: string) => (results[index] = { key, ok: false, error });
  items.forEach((item, index) => {
    if (item && item.origin !== 'manual' && item.origin !== 'automatic')
      fail(index, String(item.key), 'Origin must be manual or automatic');
    else if (item && item.showAs !== 'busy' && item.showAs !== 'free')
      fail(index, String(item.key), 'showAs must be busy or free');
  });
  await db.transaction().execute(async (trx) => {
    const valid = await checkItems(
      trx,
      items.flatMap((item, index) => (results[index] ? [] : [{ index, item }])),
      fail,
    );
    const first = new Map<string, { index: number; item: NewCrmEvent; id: string }>();
    for (const v of valid)
      if (!first.has(v.item.key)) first.set(v.item.key, { ...v, id: `evt-${randomUUID()}` });
    const rows = [...first.values()];
    if (rows.length === 0) return;
    const { rows: inserted } = await sql<{ id: string }>`
      insert into crm_events (id, event_key, subject, body, start_at, end_at, all_day, location, show_as, owner_id,
                              fingerprint, sequence, origin)
      select id, event_key, subject, body, start_at, end_at, all_day, location, show_as, owner_id, fingerprint,
             sequence, origin
        from ${jsonRecordset(
          rows.map(({ id, item }) => ({
            id,
            event_key: item.key,
            subject: item.subject,
            body: item.body,
            start_at: item.start,
            end_at: item.end,
            all_day: item.allDay === true,
            location: item.location ?? null,
            show_as: item.showAs,
            owner_id: item.ownerId || null,
            fingerprint: item.fingerprint,
            sequence: item.sequence,
            origin: item.origin,
          })),
          't',
          EVENT_COLUMNS,
        )}
      on conflict (event_key) do nothing
      returning id`.execute(trx);
    const created = new Set(inserted.map((r) => r.id));
    const fresh = rows.filter((r) => created.has(r.id));
    await addLinks(trx, linkRows(fresh.map(({ item }) => ({ key: item.key, item, ownerId: item.ownerId }))));
    // Keys saved before (or by a concurrent writer): answer with the event that exists.
    const existing = await idsByKeys(
      trx,
      rows.filter((r) => !created.has(r.id)).map((r) => r.item.key),
    );
    for (const { index, item } of valid) {
      const mine = first.get(item.key)!;
      const id = created.has(mine.id) ? mine.id : existing.get(item.key);
      results[index] = id
        ? { key: item.key, ok: true, id, created: mine.index === index && created.has(mine.id) }
        : { key: item.key, ok: false, error: 'The event could not be saved' };
    }
  });
  return results;
}

async function idsByKeys(db: Kysely<Database>, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('crm_events')
    .select(['id', 'event_key'])
    .where('event_key', '=', sql<string>`any(${textArray(unique(keys))})`)
    .execute();
  for (const r of rows) found.set(r.event_key, r.id);
  return found;
}

/** Answers per input item from what a by-key statement returned (`changed` rows) and what exists. */
function changeResults(
  items: { key: string; id?: string | undefined }[],
  results: ChangeEventResult[],
  changed: Map<string, string>,
  existing: Map<string, string>,
): ChangeEventResult[] {
  items.forEach((item, index) => {
    if (results[index]) return;
    const id = changed.get(item.key) ?? existing.get(item.key);
    results[index] = id
      ? { key: item.key, ok: true, id, changed: changed.has(item.key) }
      : { key: item.key, ok: false, error: `No CRM event has the key ${item.key}` };
  });
  return results;
}

/** Rows are matched by id when given, else by key. */
const MATCH = sql`(case when t.id is not null then e.id = t.id else e.event_key = t.event_key end)`;

export async function updateEvents(
  db: Kysely<Database>,
  items: CrmEventUpdate[],
): Promise<ChangeEventResult[]> {
  const results: ChangeEventResult[] = new Array(items.length);
  return db.transaction().execute(async (trx) => {
    const valid = await checkItems(
      trx,
      items.map((item, index) => ({ index, item })),
      (index, key, error) => (results[index] = { key, ok: false, error }),
    );
    const byKey = new Map(valid.map((v) => [v.item.key, v.item]));
    const rows = [...byKey.values()];
    if (rows.length === 0) return results;
    // A copy older than the saved one (lower sequence) changes nothing: the newer content stays.
    const { rows: updated } = await sql<{ id: string; event_key: string }>`
      update crm_events e
         set subject = t.subject, body = t.body, start_at = t.start_at, end_at = t.end_at, all_day = t.all_day,
             location = t.location, show_as = t.show_as, fingerprint = t.fingerprint, sequence = t.sequence,
             owner_id = coalesce(t.owner_id, e.owner_id), cancelled = false, updated_at = now()
        from ${jsonRecordset(
          rows.map((item) => ({
            event_key: item.key,
            id: item.id ?? null,
            subject: item.subject,
            body: item.body,
            start_at: item.start,
            end_at: item.end,
            all_day: item.allDay === true,
            location: item.location ?? null,
            show_as: item.showAs === 'free' ? 'free' : 'busy',
            fingerprint: item.fingerprint,
            sequence: item.sequence,
            owner_id: item.ownerId ?? null,
          })),
          't',
          UPDATE_COLUMNS,
        )}
       where ${MATCH} and e.sequence <= t.sequence
      returning e.id, e.event_key`.execute(trx);
    const changed = new Map(updated.map((r) => [r.event_key, r.id]));
    await addLinks(
      trx,
      linkRows(rows.filter((r) => changed.has(r.key)).map((item) => ({ key: item.key, item }))),
    );
    const existing = await idsByKeys(
      trx,
      rows.filter((r) => !changed.has(r.key)).map((r) => r.key),
    );
    return changeResults(items, results, changed, existing);
  });
}

export async function cancelEvents(
  db: Kysely<Database>,
  items: CrmEventCancel[],
): Promise<ChangeEventResult[]> {
  const results: ChangeEventResult[] = new Array(items.length);
  const rows = new Map<string, CrmEventCancel>();
  items.forEach((item, index) => {
    if (!item || typeof item.key !== 'string' || item.key.trim() === '' || typeof item.subject !== 'string')
      results[index] = {
        key: String(item?.key ?? ''),
        ok: false,
        error: 'A cancellation needs the key and subject',
      };
    else if (!rows.has(item.key)) rows.set(item.key, item);
  });
  if (rows.size === 0) return results;
  const { rows: cancelled } = await sql<{ id: string; event_key: string }>`
    update crm_events e
       set subject = t.subject, cancelled = true, fingerprint = coalesce(t.fingerprint, e.fingerprint),
           sequence = greatest(e.sequence, coalesce(t.sequence, e.sequence)), updated_at = now()
      from ${jsonRecordset(
        [...rows.values()].map((item) => ({
          event_key: item.key,
          id: item.id ?? null,
          subject: cancelledSubject(item.subject),
          fingerprint: typeof item.fingerprint === 'string' ? item.fingerprint : null,
          sequence: Number.isInteger(item.sequence) ? item.sequence : null,
        })),
        't',
        CANCEL_COLUMNS,
      )}
     where ${MATCH}
    returning e.id, e.event_key`.execute(db);
  return changeResults(items, results, new Map(cancelled.map((r) => [r.event_key, r.id])), new Map());
}

export async function findEventsByKeys(db: Kysely<Database>, keys: string[]): Promise<CrmSavedEvent[]> {
  const wanted = unique(keys.filter((k) => typeof k === 'string' && k !== ''));
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('crm_events')
    .select(['id', 'event_key', 'fingerprint', 'sequence', 'cancelled', 'owner_id'])
    .where('event_key', '=', sql<string>`any(${textArray(wanted)})`)
    .orderBy('event_key')
    .execute();
  return rows.map((r) => ({
    key: r.event_key,
    id: r.id,
    fingerprint: r.fingerprint,
    sequence: r.sequence,
    cancelled: r.cancelled,
    ...(r.owner_id ? { ownerId: r.owner_id } : {}),
  }));
}
