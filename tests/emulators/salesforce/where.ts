/**
 * SOQL WHERE evaluation. The parser gives a flat chain with parenthesis counts; it is turned back
 * into tokens and parsed again with SOQL's rule that AND and OR never mix without parentheses.
 */
import type { Condition, Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { invalidField, malformedQuery, SalesforceError, unsupported } from './errors';
import { normaliseId } from './ids';
import { dateLiteralRange, likeToRegExp, unescapeString } from './literals';
import { readPath, resolvePath, type ResolvedPath } from './paths';
import type { SObjectDef } from './schema';
import type { SfRecord, SfValue, Store } from './store';

export type Predicate = (rec: SfRecord) => boolean;

export interface WhereContext {
  store: Store;
  nowMs: number;
  /** Runs a semi-join subquery and returns the values of its one selected field. */
  subquery: (q: Query) => SfValue[];
}

type Token = { t: '(' | ')' | 'NOT' | 'AND' | 'OR' } | { t: 'COND'; c: Condition | ValueQueryCondition };

function flatten(node: WhereClause | undefined, out: Token[]): Token[] {
  if (!node) return out;
  const left = node.left as
    (Partial<Condition> & { openParen?: number; closeParen?: number; field?: string }) | null;
  const isCondition = !!left && ('field' in left || 'fn' in left);
  for (let i = 0; i < (left?.openParen ?? 0); i++) out.push({ t: '(' });
  if (!isCondition) {
    if ('operator' in node && node.operator === 'NOT') out.push({ t: 'NOT' });
  } else {
    out.push({ t: 'COND', c: left as Condition });
    for (let i = 0; i < (left?.closeParen ?? 0); i++) out.push({ t: ')' });
    if ('operator' in node && node.operator) out.push({ t: node.operator });
  }
  return 'right' in node ? flatten(node.right, out) : out;
}

export function compileWhere(ctx: WhereContext, def: SObjectDef, where: WhereClause | undefined): Predicate {
  if (!where) return () => true;
  const tokens = flatten(where, []);
  let pos = 0;
  const peek = () => tokens[pos]?.t;

  const expr = (): Predicate => {
    const parts = [term()];
    let op: string | undefined;
    while (peek() === 'AND' || peek() === 'OR') {
      const next = peek();
      if (op && op !== next) throw malformedQuery(`unexpected token: '${next}'`);
      op = next;
      pos++;
      parts.push(term());
    }
    if (op === 'OR') return (r) => parts.some((p) => p(r));
    return (r) => parts.every((p) => p(r));
  };
  const term = (): Predicate => {
    const tok = tokens[pos++];
    if (!tok) throw malformedQuery('unexpected end of WHERE clause');
    if (tok.t === 'NOT') {
      const inner = term();
      return (r) => !inner(r);
    }
    if (tok.t === '(') {
      const inner = expr();
      if (tokens[pos++]?.t !== ')') throw malformedQuery("missing ')' in WHERE clause");
      return inner;
    }
    if (tok.t === 'COND') return compileCondition(ctx, def, tok.c);
    throw malformedQuery(`unexpected token: '${tok.t}'`);
  };

  const pred = expr();
  if (pos !== tokens.length) throw malformedQuery(`unexpected token: '${tokens[pos]?.t}'`);
  return pred;
}

type Operand =
  | { kind: 'null' }
  | { kind: 'str'; v: string }
  | { kind: 'num'; v: number }
  | { kind: 'bool'; v: boolean }
  | { kind: 'range'; lo: number; hi: number };

const STRINGY = new Set(['string', 'email', 'phone', 'textarea', 'picklist']);

function compileCondition(ctx: WhereContext, def: SObjectDef, c: Condition | ValueQueryCondition): Predicate {
  if (!('field' in c)) throw unsupported('functions in WHERE');
  const path = resolvePath(ctx.store, def, c.field);
  if (!path.filterable) throw invalidField(`field '${path.field}' can not be filtered in query call`);
  const op = c.operator;
  if (op === 'INCLUDES' || op === 'EXCLUDES') throw unsupported(`${op} on multi-select picklists`);

  if ('valueQuery' in c) {
    if (op !== 'IN' && op !== 'NOT IN') throw malformedQuery('a semi-join subquery needs IN or NOT IN');
    const values = new Set(ctx.subquery(c.valueQuery).map((v) => keyOf(path, v)));
    return (r) => values.has(keyOf(path, readPath(ctx.store, r, path))) === (op === 'IN');
  }

  const raw = Array.isArray(c.value) ? c.value : [c.value];
  const types = Array.isArray(c.literalType) ? c.literalType : raw.map(() => c.literalType);
  const nVars = 'dateLiteralVariable' in c ? c.dateLiteralVariable : undefined;
  const operands = raw.map((v, i) =>
    toOperand(ctx, path, v, String(types[i] ?? ''), Array.isArray(nVars) ? nVars[i] : nVars, op === 'LIKE'),
  );
  const list = op === 'IN' || op === 'NOT IN';
  if (list !== Array.isArray(c.value)) throw malformedQuery(`unexpected token near ${op}`);

  if (op === 'LIKE') {
    const first = operands[0];
    if (!STRINGY.has(path.type) || first?.kind !== 'str') {
      throw invalidField(`invalid operator on field '${path.field}': LIKE needs a text field and a string`);
    }
    const re = likeToRegExp(first.v);
    return (r) => {
      const v = readPath(ctx.store, r, path);
      return typeof v === 'string' && re.test(v);
    };
  }
  const eq = (v: SfValue, o: Operand) => compare(path, v, o, '=');
  if (op === 'IN') return (r) => operands.some((o) => eq(readPath(ctx.store, r, path), o));
  if (op === 'NOT IN') return (r) => !operands.some((o) => eq(readPath(ctx.store, r, path), o));
  const only = operands[0] as Operand;
  if (op === '!=') return (r) => !eq(readPath(ctx.store, r, path), only);
  return (r) => compare(path, readPath(ctx.store, r, path), only, op);
}

/** A literal read for the field's type, refused when Salesforce would refuse it. */
function toOperand(
  ctx: WhereContext,
  path: ResolvedPath,
  raw: string,
  literalType: string,
  n: number | undefined,
  like: boolean,
): Operand {
  if (literalType === 'NULL') return { kind: 'null' };
  const mismatch = (expected: string, quoted: boolean) =>
    invalidField(
      `value of filter criterion for field '${path.field}' must be of type ${expected} and should${quoted ? '' : ' not'} be enclosed in quotes`,
    );
  switch (path.type) {
    case 'id':
    case 'reference': {
      if (literalType !== 'STRING') throw mismatch('id', true);
      const s = unescapeString(raw);
      const id = normaliseId(s);
      if (!id) throw new SalesforceError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${s}`);
      return { kind: 'str', v: id };
    }
    case 'boolean':
      if (literalType !== 'BOOLEAN') throw mismatch('boolean', false);
      return { kind: 'bool', v: raw.toUpperCase() === 'TRUE' };
    case 'int':
    case 'currency':
      if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw mismatch('double', false);
      return { kind: 'num', v: Number(raw) };
    case 'date':
    case 'datetime': {
      if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
        const [lo, hi] = dateLiteralRange(raw.split(':')[0] ?? raw, n, ctx.nowMs);
        return { kind: 'range', lo, hi };
      }
      const want = path.type === 'date' ? 'DATE' : 'DATETIME';
      if (literalType !== want) throw mismatch(path.type === 'date' ? 'date' : 'dateTime', false);
      const ms = Date.parse(path.type === 'date' ? `${raw}T00:00:00Z` : raw);
      if (Number.isNaN(ms)) throw malformedQuery(`invalid ${path.type} literal ${raw}`);
      return path.type === 'date' ? { kind: 'range', lo: ms, hi: ms + 86_400_000 } : { kind: 'num', v: ms };
    }
    default:
      if (literalType !== 'STRING') throw mismatch('string', true);
      return { kind: 'str', v: unescapeString(raw, like) };
  }
}

/** Text compares case-insensitively, ids exactly, dates as instants (a date is its whole UTC day). */
function compare(path: ResolvedPath, v: SfValue, o: Operand, op: string): boolean {
  if (o.kind === 'null') return op === '=' ? v === null : false;
  if (v === null) return false;
  if (o.kind === 'range') {
    const ms = path.type === 'date' ? Date.parse(`${String(v)}T00:00:00Z`) : Date.parse(String(v));
    switch (op) {
      case '=':
        return ms >= o.lo && ms < o.hi;
      case '<':
        return ms < o.lo;
      case '<=':
        return ms < o.hi;
      case '>':
        return ms >= o.hi;
      case '>=':
        return ms >= o.lo;
      default:
        return false;
    }
  }
  let a: string | number | boolean;
  let b: string | number | boolean;
  if (o.kind === 'str') {
    const exact = path.type === 'id' || path.type === 'reference';
    a = exact ? String(v) : String(v).toLowerCase();
    b = exact ? o.v : o.v.toLowerCase();
  } else if (path.type === 'datetime') {
    a = Date.parse(String(v));
    b = o.v;
  } else {
    a = v;
    b = o.v;
  }
  switch (op) {
    case '=':
      return a === b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}

function keyOf(path: ResolvedPath, v: SfValue): string {
  if (v === null) return '\u0000null';
  return path.type === 'id' || path.type === 'reference' ? String(v) : String(v).toLowerCase();
}
