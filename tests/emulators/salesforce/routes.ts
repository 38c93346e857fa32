/**
 * The REST resources under `/services/data/vXX.X/` that jsforce calls, each classified by kind
 * (for counting and faults) before it runs.
 */
import { randomBytes } from 'node:crypto';
import { checkCollectionSize, runCollection, type CollectionOp } from './collections';
import type { RequestKind } from './counts';
import { createRecord, deleteRecord, maxLength, updateRecord, upsertRecord } from './dml';
import { malformedQuery, notFound, SalesforceError } from './errors';
import { resolvePath } from './paths';
import { attributes, runSoql, shapeRecord } from './soql';
import { runSosl } from './sosl';
import type { SfRecord, Store } from './store';

export interface Cursor {
  records: Record<string, unknown>[];
  totalSize: number;
  resource: 'query' | 'queryAll';
}

export interface RouteContext {
  store: Store;
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  version: string;
  userId: string;
  nowMs: number;
  cursors: Map<string, Cursor>;
  maxSoqlLength: number;
  /** Per-record failures injected for a collections request. */
  injected?: Map<number, string>;
  limits: () => Record<string, { Max: number; Remaining: number }>;
}

export interface RouteAnswer {
  status: number;
  body?: unknown;
}

export interface Route {
  kind: RequestKind;
  run: (ctx: RouteContext) => RouteAnswer;
}

const DEFAULT_BATCH = 2000;

/** Finds the resource for a method and a path below the version root (`/query`, `/sobjects/Contact`…). */
export function route(method: string, rest: string): Route | undefined {
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if ((a === 'query' || a === 'queryAll') && parts.length === 1 && method === 'GET') {
    return { kind: a, run: (ctx) => query(ctx, a) };
  }
  if ((a === 'query' || a === 'queryAll') && parts.length === 2 && method === 'GET') {
    return { kind: 'queryMore', run: (ctx) => queryMore(ctx, b ?? '') };
  }
  if (a === 'search' && parts.length === 1 && method === 'GET') return { kind: 'search', run: search };
  if (a === 'limits' && parts.length === 1 && method === 'GET') {
    return { kind: 'limits', run: (ctx) => ({ status: 200, body: ctx.limits() }) };
  }
  if (a === 'sobjects' && b) {
    if (parts.length === 2 && method === 'POST') return { kind: 'create', run: (ctx) => create(ctx, b) };
    if (
      (parts.length === 2 && method === 'GET') ||
      (c === 'describe' && parts.length === 3 && method === 'GET')
    ) {
      return { kind: 'describe', run: (ctx) => describe(ctx, b) };
    }
    if (parts.length === 3 && c) {
      if (method === 'GET') return { kind: 'retrieve', run: (ctx) => retrieve(ctx, b, c) };
      if (method === 'PATCH') return { kind: 'update', run: (ctx) => update(ctx, b, c) };
      if (method === 'DELETE') return { kind: 'delete', run: (ctx) => destroy(ctx, b, c) };
    }
    if (parts.length === 4 && c && d !== undefined && method === 'PATCH') {
      return { kind: 'upsert', run: (ctx) => upsert(ctx, b, c, d) };
    }
  }
  if (a === 'composite' && b === 'sobjects') {
    if (parts.length === 2) {
      const op: CollectionOp | undefined =
        method === 'POST'
          ? 'create'
          : method === 'PATCH'
            ? 'update'
            : method === 'DELETE'
              ? 'delete'
              : undefined;
      if (op) return { kind: 'collections', run: (ctx) => collection(ctx, op) };
    }
    if (parts.length === 3 && c && (method === 'POST' || method === 'GET')) {
      return { kind: 'retrieve', run: (ctx) => retrieveMany(ctx, c) };
    }
    if (parts.length === 4 && c && d && method === 'PATCH') {
      return { kind: 'collections', run: (ctx) => collection(ctx, 'upsert', c, d) };
    }
  }
  return undefined;
}

function query(ctx: RouteContext, resource: 'query' | 'queryAll'): RouteAnswer {
  const soql = ctx.url.searchParams.get('q');
  if (soql === null) throw malformedQuery('A query string has to be specified');
  const res = runSoql(soql, {
    store: ctx.store,
    includeDeleted: resource === 'queryAll',
    nowMs: ctx.nowMs,
    version: ctx.version,
    maxLength: ctx.maxSoqlLength,
  });
  const cursor: Cursor = { records: res.records, totalSize: res.totalSize, resource };
  return {
    status: 200,
    body: page(ctx, cursor, 0, `01g5g${randomBytes(8).toString('hex').slice(0, 10)}AAA`),
  };
}

function queryMore(ctx: RouteContext, locator: string): RouteAnswer {
  const m = /^(.+)-(\d+)$/.exec(locator);
  const cursor = m && ctx.cursors.get(m[1] ?? '');
  if (!m || !cursor) throw new SalesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return { status: 200, body: page(ctx, cursor, Number(m[2]), m[1] ?? '') };
}

/** One batch; `Sforce-Query-Options: batchSize=N` is honoured within Salesforce's 200..2000. */
function page(ctx: RouteContext, cursor: Cursor, offset: number, cursorId: string) {
  const opt = String(ctx.headers['sforce-query-options'] ?? '');
  const asked = Number(/batchSize\s*=\s*(\d+)/i.exec(opt)?.[1] ?? DEFAULT_BATCH);
  const batch = Math.min(2000, Math.max(200, asked));
  const end = Math.min(cursor.records.length, offset + batch);
  const done = end >= cursor.records.length;
  if (done) ctx.cursors.delete(cursorId);
  else ctx.cursors.set(cursorId, cursor);
  return {
    totalSize: cursor.totalSize,
    done,
    // Always `query` in the link, a QueryAll's too; the locator remembers that deleted rows belong (REST API, QueryAll).
    ...(done ? {} : { nextRecordsUrl: `/services/data/v${ctx.version}/query/${cursorId}-${end}` }),
    records: cursor.records.slice(offset, end),
  };
}

function search(ctx: RouteContext): RouteAnswer {
  const sosl = ctx.url.searchParams.get('q');
  if (sosl === null)
    throw new SalesforceError(400, 'MALFORMED_SEARCH', 'A search string has to be specified');
  return { status: 200, body: runSosl(sosl, { store: ctx.store, nowMs: ctx.nowMs, version: ctx.version }) };
}

function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  return ctx.body as Record<string, unknown>;
}

function create(ctx: RouteContext, type: string): RouteAnswer {
  const rec = createRecord(ctx.store, type, bodyObject(ctx), ctx.userId);
  return { status: 201, body: { id: rec.Id, success: true, errors: [] } };
}

function update(ctx: RouteContext, type: string, id: string): RouteAnswer {
  updateRecord(ctx.store, type, id, bodyObject(ctx));
  return { status: 204 };
}

function destroy(ctx: RouteContext, type: string, id: string): RouteAnswer {
  deleteRecord(ctx.store, type, id);
  return { status: 204 };
}

function upsert(ctx: RouteContext, type: string, field: string, value: string): RouteAnswer {
  const { rec, created } = upsertRecord(ctx.store, type, field, value, bodyObject(ctx), ctx.userId);
  return { status: created ? 201 : 200, body: { id: rec.Id, success: true, errors: [], created } };
}

/** A record with every field, or the ones named in `fields`. */
function present(ctx: RouteContext, type: string, rec: SfRecord, fields: string[] | undefined) {
  const def = ctx.store.def(type);
  const names = fields?.length ? fields : def.fields.map((f) => f.name);
  const paths = names.map((n) => resolvePath(ctx.store, def, n));
  return shapeRecord(ctx.store, def.name, rec, paths, ctx.version);
}

function retrieve(ctx: RouteContext, type: string, id: string): RouteAnswer {
  const rec = ctx.store.get(type, id);
  if (!rec || rec.IsDeleted === true) throw notFound();
  const fields = ctx.url.searchParams.get('fields')?.split(',').filter(Boolean);
  return { status: 200, body: present(ctx, type, rec, fields) };
}

function retrieveMany(ctx: RouteContext, type: string): RouteAnswer {
  const src =
    ctx.method === 'GET'
      ? {
          ids: ctx.url.searchParams.get('ids')?.split(','),
          fields: ctx.url.searchParams.get('fields')?.split(','),
        }
      : (bodyObject(ctx) as { ids?: string[]; fields?: string[] });
  const ids = checkCollectionSize(src.ids ?? []) as string[];
  if (!src.fields?.length) throw new SalesforceError(400, 'MISSING_ARGUMENT', 'fields must be specified');
  return {
    status: 200,
    body: ids.map((id) => {
      const rec = ctx.store.get(type, id);
      return rec && rec.IsDeleted !== true ? present(ctx, type, rec, src.fields) : null;
    }),
  };
}

function collection(ctx: RouteContext, op: CollectionOp, type?: string, extField?: string): RouteAnswer {
  let items: unknown[];
  let allOrNone: boolean;
  if (op === 'delete') {
    items = checkCollectionSize(ctx.url.searchParams.get('ids')?.split(',').filter(Boolean) ?? []);
    allOrNone = ctx.url.searchParams.get('allOrNone') === 'true';
  } else {
    const body = bodyObject(ctx);
    items = checkCollectionSize(body.records);
    allOrNone = body.allOrNone === true;
  }
  if (type) ctx.store.def(type);
  const results = runCollection(ctx.store, {
    op,
    allOrNone,
    items,
    type,
    extField,
    userId: ctx.userId,
    injected: ctx.injected,
  });
  return { status: 200, body: results };
}

function describe(ctx: RouteContext, type: string): RouteAnswer {
  const def = ctx.store.def(type);
  return {
    status: 200,
    body: {
      name: def.name,
      keyPrefix: def.keyPrefix,
      createable: true,
      updateable: true,
      queryable: true,
      searchable: true,
      urls: { sobject: `/services/data/v${ctx.version}/sobjects/${def.name}` },
      fields: def.fields.map((f) => ({
        name: f.name,
        type: f.type,
        nillable: !f.required,
        createable: !f.readonly,
        updateable: !f.readonly,
        filterable: f.filterable !== false,
        externalId: !!f.externalId,
        unique: !!f.unique,
        // Text compares case-insensitively unless a unique field was made case-sensitive (none here).
        caseSensitive: false,
        length: ['string', 'picklist', 'email', 'phone', 'textarea'].includes(f.type) ? maxLength(f) : 0,
        referenceTo: f.referenceTo ?? [],
        relationshipName: f.relationshipName ?? null,
      })),
      attributes: attributes(def.name, '', ctx.version),
    },
  };
}
