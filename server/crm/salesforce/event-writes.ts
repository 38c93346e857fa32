// Events in Salesforce (event-rules.md), in sObject Collections of 200: saved once per key through Event's key field
// (DUPLICATE_VALUE resolves to the existing event, as Task's Message-ID does), updated and cancelled by key (or by
// the id Liaison's ledger kept), found by key. Without the key field (event-fields.ts) events are written without
// it and found by nothing: the engine's ledger keeps each meeting to one event and gives the ids.
import type {
  ChangeEventResult,
  CrmEventCancel,
  CrmEventUpdate,
  CrmSavedEvent,
  NewCrmEvent,
  SaveEventResult,
} from '../crm-adapter';
import { cancelledSubject, eventError } from '../event-checks';
import { clip } from './activity-records';
import { EventFields, formatEventState, parseEventState, type EventFieldState } from './event-fields';
import { eventRecord, eventRelations, eventUpdateFields, type ExistingRelations } from './event-records';
import { createReliably, type CreateOutcome } from './reliable-create';
import type { SalesforceClient } from './salesforce-client';
import { SalesforceConsentRevokedError, SalesforceRequestError } from './salesforce-errors';
import { soqlList } from './soql-literals';
import { text, unique, type SfRow } from './sf-values';

export interface EventWriteContext {
  client: SalesforceClient;
  fields: EventFields;
}

const lower = (s: string) => s.toLowerCase();

/** Events by key (compared case-insensitively, as the unique field is): Id, OwnerId, Subject and the state. */
async function eventsByKeys(
  ctx: EventWriteContext,
  f: EventFieldState,
  keys: string[],
): Promise<Map<string, SfRow>> {
  const found = new Map<string, SfRow>();
  const wanted = unique(keys.filter(Boolean));
  if (!f.key || wanted.length === 0) return found;
  const select = unique(['Id', 'OwnerId', 'Subject', f.key, ...(f.state ? [f.state] : [])]).join(', ');
  const rows = await ctx.client.queryChunked<SfRow, string>(
    wanted,
    (chunk) => `SELECT ${select} FROM Event WHERE ${f.key} IN ${soqlList(chunk)} ORDER BY CreatedDate, Id`,
  );
  for (const row of rows) {
    const key = text(row, f.key);
    if (key && !found.has(lower(key))) found.set(lower(key), row);
  }
  return found;
}

export async function saveEvents(ctx: EventWriteContext, items: NewCrmEvent[]): Promise<SaveEventResult[]> {
  const results: (SaveEventResult | undefined)[] = items.map((item) => {
    const error = eventError(item);
    return error ? { key: String(item?.key ?? ''), ok: false, error } : undefined;
  });
  // One write per key: repeats inside the batch get the first one's answer.
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    if (!results[i] && !firstIndex.has(lower(item.key))) firstIndex.set(lower(item.key), i);
  });
  const toWrite = [...firstIndex.values()];
  if (toWrite.length === 0) return results.map((r) => r!);
  const f = await ctx.fields.state();
  const records = toWrite.map((i) => eventRecord(items[i]!, f.key, f.state));
  const lookup = async (indexes: number[]) => {
    const found = await eventsByKeys(
      ctx,
      f,
      indexes.map((j) => items[toWrite[j]!]!.key),
    );
    const out = new Map<number, string>();
    for (const j of indexes) {
      const row = found.get(lower(items[toWrite[j]!]!.key));
      if (row) out.set(j, String(row.Id));
    }
    return out;
  };
  const outcomes = await createReliably(ctx.client, 'Event', records, {
    lookup,
    onDuplicate: f.key ? 'lookup' : 'fail',
  });
  const relationErrors = await writeRelations(
    ctx,
    outcomes.flatMap((o, j) => (o.status === 'created' ? [{ index: toWrite[j]!, id: o.id }] : [])),
    (index) => eventRelations(items[index]!, idOf(outcomes[toWrite.indexOf(index)]!)),
  );
  outcomes.forEach((o, j) => {
    const i = toWrite[j]!;
    const key = items[i]!.key;
    if (o.status === 'failed') results[i] = { key, ok: false, error: `${o.code}: ${o.message}` };
    else if (relationErrors.has(i))
      results[i] = {
        key,
        ok: false,
        error: `saved as ${o.id} but not linked to everyone: ${relationErrors.get(i)}`,
      };
    else results[i] = { key, ok: true, id: o.id, created: o.status === 'created' };
  });
  return items.map((item, i) => {
    const own = results[i];
    if (own) return own;
    const first = results[firstIndex.get(lower(item.key))!];
    if (!first) return { key: item.key, ok: false, error: 'NOT_SAVED' };
    return first.ok ? { key: item.key, ok: true, id: first.id, created: false } : { ...first, key: item.key };
  });
}

const idOf = (o: CreateOutcome) => (o.status === 'failed' ? '' : o.id);

/** EventRelation rows for these events; errors by input index. A relation already there is all that matters. */
async function writeRelations(
  ctx: EventWriteContext,
  events: { index: number; id: string }[],
  rowsOf: (index: number) => Record<string, unknown>[],
): Promise<Map<number, string>> {
  const rows: Record<string, unknown>[] = [];
  const owner: number[] = [];
  for (const { index } of events)
    for (const row of rowsOf(index)) {
      rows.push(row);
      owner.push(index);
    }
  const errors = new Map<number, string>();
  if (rows.length === 0) return errors;
  const res = await createReliably(ctx.client, 'EventRelation', rows, { onDuplicate: 'accept' });
  res.forEach((r, k) => {
    if (r.status === 'failed') errors.set(owner[k]!, `${r.code}: ${r.message}`);
  });
  return errors;
}

const TRANSIENT = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE']);

/** PATCH in collections, per-record transient failures (row locks) sent again; per record: '' or the error. */
async function updateReliably(
  client: SalesforceClient,
  records: ({ Id: string } & Record<string, unknown>)[],
): Promise<string[]> {
  const out: string[] = records.map(() => 'NOT_SAVED: not updated after retries');
  let pending = records.map((_, i) => i);
  for (let round = 1; pending.length && round <= 5; round++) {
    if (round > 1) await client.backoff(round - 1);
    let res;
    try {
      res = await client.updateMany(
        'Event',
        pending.map((i) => records[i]!),
      );
    } catch (e) {
      if (e instanceof SalesforceConsentRevokedError) throw e;
      const err =
        e instanceof SalesforceRequestError ? e : new SalesforceRequestError('UNKNOWN', String(e), false);
      for (const i of pending) out[i] = `${err.code}: ${err.message}`;
      break;
    }
    const retry: number[] = [];
    res.forEach((r, j) => {
      const i = pending[j]!;
      const error = r.errors[0];
      if (r.success) out[i] = '';
      else if (error && TRANSIENT.has(error.statusCode)) {
        out[i] = `${error.statusCode}: ${error.message}`;
        retry.push(i);
      } else out[i] = `${error?.statusCode ?? 'UNKNOWN'}: ${error?.message ?? 'no error given'}`;
    });
    pending = retry;
  }
  return out;
}

interface Target<T> {
  index: number;
  item: T;
  id: string;
  row?: SfRow;
}

/**
 * The Salesforce id of each item (its own, or found by key) and, when `withRows`, the saved event's state; items
 * that cannot be found get their error in `results`.
 */
async function targets<T extends { key: string; id?: string | undefined }>(
  ctx: EventWriteContext,
  f: EventFieldState,
  items: T[],
  results: (ChangeEventResult | undefined)[],
  withRows: boolean,
  repeatOf: Map<number, number>,
): Promise<Target<T>[]> {
  const byKey = await eventsByKeys(
    ctx,
    f,
    items.flatMap((item, i) => (results[i] || item.id ? [] : [item.key])),
  );
  const withId = items.flatMap((item, i) => (!results[i] && item.id ? [item.id] : []));
  const byId = new Map<string, SfRow>();
  if (withRows && f.state && withId.length > 0) {
    const rows = await ctx.client.queryChunked<SfRow, string>(
      unique(withId),
      (chunk) => `SELECT Id, ${f.state} FROM Event WHERE Id IN ${soqlList(chunk)}`,
    );
    for (const row of rows) byId.set(String(row.Id), row);
  }
  const out: Target<T>[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    if (results[index]) return;
    const row = item.id ? byId.get(item.id) : byKey.get(lower(item.key));
    const id = item.id ?? (row ? String(row.Id) : undefined);
    if (!id) {
      results[index] = {
        key: item.key,
        ok: false,
        error: f.key
          ? `No Salesforce event has the key ${item.key}`
          : `Salesforce's Event has no field ${ctx.fields.keyName}: the event's id is needed`,
      };
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      repeatOf.set(index, first); // answered with the first one's answer
      return;
    }
    seen.set(id, index);
    out.push({ index, item, id, ...(row ? { row } : {}) });
  });
  return out;
}

/** Relations of these events, by event id. */
async function relationsOf(ctx: EventWriteContext, ids: string[]): Promise<Map<string, ExistingRelations>> {
  const out = new Map<string, ExistingRelations>();
  for (const id of ids) out.set(id, { people: new Set(), invitees: new Set(), hasWhat: false });
  if (ids.length === 0) return out;
  const rows = await ctx.client.queryChunked<SfRow, string>(
    unique(ids),
    (chunk) =>
      `SELECT EventId, RelationId, IsParent, IsWhat, IsInvitee FROM EventRelation WHERE EventId IN ${soqlList(chunk)}`,
  );
  for (const r of rows) {
    const rel = out.get(String(r.EventId));
    const relationId = text(r, 'RelationId');
    if (!rel || !relationId) continue;
    if (r.IsWhat === true) rel.hasWhat = true;
    if (r.IsParent === true) rel.people.add(relationId);
    if (r.IsInvitee === true) rel.invitees.add(relationId);
  }
  return out;
}

/** Items that named an event an earlier item named get that one's answer. */
function fillRepeats<T extends { key: string }>(
  items: T[],
  results: (ChangeEventResult | undefined)[],
  repeatOf: Map<number, number>,
): ChangeEventResult[] {
  return items.map((item, i) => {
    const own = results[i];
    if (own) return own;
    const first = results[repeatOf.get(i) ?? -1];
    return first ? { ...first, key: item.key } : { key: item.key, ok: false, error: 'NOT_SAVED' };
  });
}

export async function updateEvents(
  ctx: EventWriteContext,
  items: CrmEventUpdate[],
): Promise<ChangeEventResult[]> {
  const results: (ChangeEventResult | undefined)[] = items.map((item) => {
    const error = eventError(item);
    return error ? { key: String(item?.key ?? ''), ok: false, error } : undefined;
  });
  const f = await ctx.fields.state();
  const repeatOf = new Map<number, number>();
  const found = await targets(ctx, f, items, results, true, repeatOf);
  // A copy older than the one written (its state says so) changes nothing.
  const fresh = found.filter((t) => {
    const saved = f.state ? parseEventState(t.row?.[f.state]) : undefined;
    if (saved && saved.sequence > t.item.sequence) {
      results[t.index] = { key: t.item.key, ok: true, id: t.id, changed: false };
      return false;
    }
    return true;
  });
  const relations = await relationsOf(
    ctx,
    fresh.map((t) => t.id),
  );
  const errors = await updateReliably(
    ctx.client,
    fresh.map((t) => ({ Id: t.id, ...eventUpdateFields(t.item, relations.get(t.id)!, f.state) })),
  );
  const written = fresh.filter((t, k) => {
    if (errors[k]) results[t.index] = { key: t.item.key, ok: false, error: errors[k]! };
    return !errors[k];
  });
  const byIndex = new Map(written.map((t) => [t.index, t]));
  const relationErrors = await writeRelations(
    ctx,
    written.map((t) => ({ index: t.index, id: t.id })),
    (index) => {
      const t = byIndex.get(index)!;
      const existing = relations.get(t.id)!;
      return eventRelations(t.item, t.id, existing, existing.people.size === 0);
    },
  );
  for (const t of written)
    results[t.index] = relationErrors.has(t.index)
      ? {
          key: t.item.key,
          ok: false,
          error: `updated but not linked to everyone: ${relationErrors.get(t.index)}`,
        }
      : { key: t.item.key, ok: true, id: t.id, changed: true };
  return fillRepeats(items, results, repeatOf);
}

export async function cancelEvents(
  ctx: EventWriteContext,
  items: CrmEventCancel[],
): Promise<ChangeEventResult[]> {
  const results: (ChangeEventResult | undefined)[] = items.map((item) =>
    !item || typeof item.key !== 'string' || item.key.trim() === '' || typeof item.subject !== 'string'
      ? { key: String(item?.key ?? ''), ok: false, error: 'A cancellation needs the key and subject' }
      : undefined,
  );
  const f = await ctx.fields.state();
  const repeatOf = new Map<number, number>();
  const found = await targets(ctx, f, items, results, false, repeatOf);
  const errors = await updateReliably(
    ctx.client,
    found.map((t) => ({
      Id: t.id,
      Subject: clip(cancelledSubject(t.item.subject), 255),
      ...(f.state && Number.isInteger(t.item.sequence)
        ? { [f.state]: formatEventState(t.item.sequence, t.item.fingerprint) }
        : {}),
    })),
  );
  found.forEach((t, k) => {
    results[t.index] = errors[k]
      ? { key: t.item.key, ok: false, error: errors[k]! }
      : { key: t.item.key, ok: true, id: t.id, changed: true };
  });
  return fillRepeats(items, results, repeatOf);
}

/** Saved events by key; nothing on an org without Event's key field (the ledger is what knows then). */
export async function findEventsByKeys(ctx: EventWriteContext, keys: string[]): Promise<CrmSavedEvent[]> {
  const f = await ctx.fields.state();
  const rows = await eventsByKeys(ctx, f, keys);
  return [...rows.values()].map((row) => {
    const saved = f.state ? parseEventState(row[f.state]) : undefined;
    const owner = text(row, 'OwnerId');
    return {
      key: text(row, f.key!) ?? '',
      id: String(row.Id),
      ...(saved ? { fingerprint: saved.fingerprint, sequence: saved.sequence } : {}),
      cancelled: (text(row, 'Subject') ?? '').startsWith('Cancelled: '),
      ...(owner ? { ownerId: owner } : {}),
    };
  });
}
