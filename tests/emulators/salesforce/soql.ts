/**
 * SOQL through a real parser (@jetstreamapp/soql-parser-js), evaluated over the in-memory store:
 * fields and parent relationships, WHERE, ORDER BY, LIMIT, OFFSET, COUNT().
 */
import { parseQuery, type FieldType as ParsedField, type Query } from '@jetstreamapp/soql-parser-js';
import { malformedQuery, SalesforceError, unsupported } from './errors';
import { protectLineSeparators } from './literals';
import { readPath, resolvePath, followPath, type ResolvedPath } from './paths';
import type { SObjectDef } from './schema';
import type { SfRecord, SfValue, Store } from './store';
import { compileWhere } from './where';

/** Salesforce's documented default maximum length of a SOQL statement. */
export const MAX_SOQL_LENGTH = 100_000;
/** Salesforce's maximum OFFSET. */
export const MAX_OFFSET = 2000;

export interface SoqlOptions {
  store: Store;
  includeDeleted: boolean;
  nowMs: number;
  version: string;
  maxLength?: number;
  /** An extra filter applied before ORDER BY and LIMIT (SOSL's search match). */
  extraFilter?: (rec: SfRecord) => boolean;
}

export interface SoqlResult {
  totalSize: number;
  records: Record<string, unknown>[];
}

export function parseSoql(soql: string, maxLength = MAX_SOQL_LENGTH): Query {
  if (soql.length > maxLength) {
    throw malformedQuery(`SOQL statements cannot be longer than ${maxLength} characters`);
  }
  try {
    return parseQuery(protectLineSeparators(soql));
  } catch (e) {
    throw malformedQuery(`\n${soql.slice(0, 200)}\n${e instanceof Error ? e.message : String(e)}`);
  }
}

export function runSoql(soql: string, opts: SoqlOptions): SoqlResult {
  return runParsed(parseSoql(soql, opts.maxLength), opts);
}

type Selected = { kind: 'path'; path: ResolvedPath } | { kind: 'count'; field?: ResolvedPath };

export function runParsed(q: Query, opts: SoqlOptions): SoqlResult {
  const { store } = opts;
  if (q.groupBy || q.having || q.withDataCategory || q.for || q.update || q.sObjectAlias || q.usingScope) {
    throw unsupported('GROUP BY, HAVING, WITH DATA CATEGORY, FOR, USING SCOPE or aliases');
  }
  const def = store.def(q.sObject ?? '');
  const selected = (q.fields ?? []).map((f) => selectField(store, def, f));
  const counts = selected.filter((s) => s.kind === 'count');
  if (counts.length && counts.length !== selected.length) {
    throw malformedQuery('Field must be grouped or aggregated when an aggregate function is used');
  }
  if ((q.offset ?? 0) > MAX_OFFSET) {
    throw new SalesforceError(
      400,
      'NUMBER_OUTSIDE_VALID_RANGE',
      `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
    );
  }
  const pred = compileWhere(
    {
      store,
      nowMs: opts.nowMs,
      subquery: (sub) => {
        const res = runParsed(sub, { ...opts, includeDeleted: false, extraFilter: undefined });
        return res.records.map((r) => {
          const key = Object.keys(r).find((k) => k !== 'attributes');
          return (key ? r[key] : null) as SfValue;
        });
      },
    },
    def,
    q.where,
  );
  const extra = opts.extraFilter ?? (() => true);
  let rows = store.all(def.name, { includeDeleted: opts.includeDeleted }).filter((r) => extra(r) && pred(r));
  rows = sortRows(store, def, rows, q);
  rows = rows.slice(q.offset ?? 0, q.limit === undefined ? undefined : (q.offset ?? 0) + q.limit);

  const first = counts[0];
  if (first?.kind === 'count') {
    if (!first.field) return { totalSize: rows.length, records: [] };
    const fieldPath = first.field;
    const n = rows.filter((r) => readPath(store, r, fieldPath) !== null).length;
    return { totalSize: 1, records: [{ attributes: { type: 'AggregateResult' }, expr0: n }] };
  }
  const paths = selected.map((s) => (s as { path: ResolvedPath }).path);
  return {
    totalSize: rows.length,
    records: rows.map((r) => shapeRecord(store, def.name, r, paths, opts.version)),
  };
}

function selectField(store: Store, def: SObjectDef, f: ParsedField): Selected {
  if (f.type === 'Field') return { kind: 'path', path: resolvePath(store, def, f.field) };
  if (f.type === 'FieldRelationship') {
    return { kind: 'path', path: resolvePath(store, def, [...f.relationships, f.field].join('.')) };
  }
  if (f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'COUNT') {
    const param = f.parameters[0];
    if (param === undefined) return { kind: 'count' };
    if (typeof param !== 'string') throw unsupported('nested functions');
    return { kind: 'count', field: resolvePath(store, def, param) };
  }
  throw unsupported(`the SELECT item ${JSON.stringify(f)}`);
}

function sortRows(store: Store, def: SObjectDef, rows: SfRecord[], q: Query): SfRecord[] {
  const clauses = q.orderBy === undefined ? [] : Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy];
  if (!clauses.length) return rows;
  const keys = clauses.map((c) => {
    if (!('field' in c) || !c.field) throw unsupported('ORDER BY a function');
    const desc = c.order === 'DESC';
    // SOQL and SOSL Reference, ORDER BY: "By default, null values are sorted first", whatever the direction.
    const nullsFirst = c.nulls ? c.nulls === 'FIRST' : true;
    return { path: resolvePath(store, def, c.field), desc, nullsFirst };
  });
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const va = readPath(store, a, k.path);
      const vb = readPath(store, b, k.path);
      if (va === vb) continue;
      if (va === null) return k.nullsFirst ? -1 : 1;
      if (vb === null) return k.nullsFirst ? 1 : -1;
      const sa = typeof va === 'string' ? va.toLowerCase() : va;
      const sb = typeof vb === 'string' ? vb.toLowerCase() : vb;
      const c = sa < sb ? -1 : sa > sb ? 1 : 0;
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

export function attributes(type: string, id: unknown, version: string) {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${String(id)}` };
}

/** A query row as the REST API writes it: `attributes`, the fields in SELECT order, parents nested. */
export function shapeRecord(
  store: Store,
  type: string,
  rec: SfRecord,
  paths: ResolvedPath[],
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(type, rec.Id, version) };
  for (const p of paths) {
    if (!p.relationships.length) {
      out[p.field] = rec[p.field] ?? null;
      continue;
    }
    let holder = out;
    for (let i = 0; i < p.relationships.length; i++) {
      const rel = p.relationships[i] ?? '';
      const target = followPath(store, rec, { ...p, hops: p.hops.slice(0, i + 1) });
      if (!target) {
        holder[rel] = null;
        holder = {};
        break;
      }
      const existing = holder[rel];
      if (existing && typeof existing === 'object') holder = existing as Record<string, unknown>;
      else {
        const next = { attributes: attributes(store.typeOfId(String(target.Id)) ?? '', target.Id, version) };
        holder[rel] = next;
        holder = next;
      }
    }
    if (holder !== out) holder[p.field] = readPath(store, rec, p);
  }
  return out;
}
