/**
 * sObject Collections (`/composite/sobjects`): up to 200 records per request, one SaveResult per
 * record in order, `allOrNone` rolling every change back when one record fails.
 */
import { createRecord, deleteRecord, updateRecord, upsertRecord } from './dml';
import { SalesforceError, type RecordError } from './errors';
import { recordError } from './faults';
import type { Store } from './store';

export const MAX_COLLECTION = 200;

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

export type CollectionOp = 'create' | 'update' | 'upsert' | 'delete';

export interface CollectionRequest {
  op: CollectionOp;
  allOrNone: boolean;
  /** Records for create/update/upsert; ids for delete. */
  items: unknown[];
  /** upsert: the object type and external-id field from the URL. */
  type?: string;
  extField?: string;
  userId: string;
  /** Injected per-record failures: record index → status code. */
  injected?: Map<number, string>;
}

const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

export function checkCollectionSize(items: unknown): unknown[] {
  if (!Array.isArray(items)) throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'records must be an array');
  if (items.length > MAX_COLLECTION) {
    throw new SalesforceError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
    );
  }
  return items;
}

export function runCollection(store: Store, req: CollectionRequest): SaveResult[] {
  const snap = req.allOrNone ? store.snapshot() : undefined;
  const results = req.items.map((item, i): SaveResult => {
    const knownId = req.op === 'delete' ? String(item) : req.op === 'update' ? recordId(item) : undefined;
    try {
      const injected = req.injected?.get(i);
      if (injected)
        return { ...(knownId ? { id: knownId } : {}), success: false, errors: [recordError(injected)] };
      return applyOne(store, req, item);
    } catch (e) {
      if (!(e instanceof SalesforceError)) throw e;
      return { ...(knownId ? { id: knownId } : {}), success: false, errors: [e.toRecordError()] };
    }
  });
  if (snap && results.some((r) => !r.success)) {
    store.restore(snap);
    return results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r));
  }
  return results;
}

function recordId(item: unknown): string | undefined {
  const r = item as Record<string, unknown> | null;
  const id = r?.id ?? r?.Id;
  return typeof id === 'string' ? id : undefined;
}

function applyOne(store: Store, req: CollectionRequest, item: unknown): SaveResult {
  if (req.op === 'delete') {
    deleteRecord(store, store.typeOfId(String(item)) ?? 'unknown', String(item));
    return { id: String(item), success: true, errors: [] };
  }
  if (!item || typeof item !== 'object')
    throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'record must be an object');
  const { attributes, id, Id, ...fields } = item as Record<string, unknown>;
  const type = (attributes as { type?: unknown } | undefined)?.type ?? req.type;
  if (typeof type !== 'string') {
    throw new SalesforceError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  }
  switch (req.op) {
    case 'create': {
      if (id !== undefined || Id !== undefined) {
        throw new SalesforceError(
          400,
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          'cannot specify Id in an insert call',
          ['Id'],
        );
      }
      const rec = createRecord(store, type, fields, req.userId);
      return { id: rec.Id as string, success: true, errors: [] };
    }
    case 'update': {
      const target = typeof id === 'string' ? id : typeof Id === 'string' ? Id : undefined;
      if (!target)
        throw new SalesforceError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
      const rec = updateRecord(store, type, target, fields);
      return { id: rec.Id as string, success: true, errors: [] };
    }
    default: {
      const extField = req.extField ?? '';
      const key = Object.keys(fields).find((k) => k.toLowerCase() === extField.toLowerCase());
      const { rec, created } = upsertRecord(
        store,
        type,
        extField,
        key ? fields[key] : undefined,
        fields,
        req.userId,
      );
      return { id: rec.Id as string, success: true, errors: [], created };
    }
  }
}
