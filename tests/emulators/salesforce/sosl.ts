/**
 * Enough SOSL for a sidebar search: `FIND {term} [IN EMAIL|NAME|ALL FIELDS]
 * [RETURNING Obj(fields [WHERE …] [ORDER BY …] [LIMIT n]), …] [LIMIT n]`.
 * Reserved characters must be escaped with a backslash, as the SOSL reference requires; an
 * unescaped one is refused (MALFORMED_SEARCH) so a missing escape cannot pass unnoticed.
 */
import { malformedSearch, unsupported } from './errors';
import { parseSoql, runParsed } from './soql';
import type { SObjectDef } from './schema';
import type { SfRecord, Store } from './store';

const RESERVED = new Set([...'?&|!{}[]()^~*:\\"\'+-']);
const DEFAULT_TYPES = ['Account', 'Contact', 'Lead', 'Opportunity', 'User'];

type Piece = { lit: string } | { wild: '*' | '?' };
interface Term {
  pieces: Piece[];
  negate: boolean;
}

export interface SoslOptions {
  store: Store;
  nowMs: number;
  version: string;
}

export function runSosl(sosl: string, opts: SoslOptions): { searchRecords: Record<string, unknown>[] } {
  const head = /^\s*FIND\s*\{/i.exec(sosl);
  if (!head) throw malformedSearch('Search query must start with FIND {…}');
  const { raw, end } = readBraces(sosl, head[0].length);
  const groups = parseTerms(raw);
  let rest = sosl.slice(end).trim();

  let scope = 'ALL';
  const inClause = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\b/i.exec(rest);
  if (inClause) {
    scope = (inClause[1] ?? 'ALL').toUpperCase();
    rest = rest.slice(inClause[0].length).trim();
  }
  let overallLimit = 2000;
  const limit = /\bLIMIT\s+(\d+)\s*$/i.exec(rest);
  const returning = /^RETURNING\b/i.exec(rest);
  let specs: { type: string; inner?: string }[] = DEFAULT_TYPES.map((type) => ({ type }));
  if (returning) {
    const parsed = readReturning(rest.slice(returning[0].length));
    specs = parsed.specs;
    rest = parsed.rest.trim();
  }
  if (limit && /^LIMIT\s+\d+$/i.test(rest)) {
    overallLimit = Number(limit[1]);
    rest = '';
  }
  if (rest) throw malformedSearch(`unexpected token: ${rest.split(/\s+/)[0]}`);

  const out: Record<string, unknown>[] = [];
  for (const spec of specs) {
    const def = opts.store.def(spec.type);
    const inner = spec.inner?.trim() || 'Id';
    const m = /\b(WHERE|ORDER\s+BY|LIMIT|OFFSET)\b/i.exec(inner);
    const fields = m ? inner.slice(0, m.index) : inner;
    const tail = m ? inner.slice(m.index) : '';
    const q = parseSoql(`SELECT ${fields} FROM ${def.name} ${tail}`);
    const searchable = searchFields(def, scope);
    // Without ORDER BY, results come by relevance, and LIMIT/OFFSET keep the most relevant: rank first, then cut.
    const byRelevance = q.orderBy === undefined;
    const { limit, offset } = q;
    if (byRelevance) {
      delete q.limit;
      delete q.offset;
    }
    const scores = new Map<string, number>();
    const res = runParsed(q, {
      store: opts.store,
      includeDeleted: false,
      nowMs: opts.nowMs,
      version: opts.version,
      extraFilter: (r) => {
        const ok = matches(r, searchable, groups);
        if (ok && byRelevance) scores.set(String(r.Id), relevance(r, def, searchable, groups));
        return ok;
      },
    });
    if (!byRelevance) {
      out.push(...res.records);
      continue;
    }
    const ranked = res.records
      .map((rec, i) => ({ rec, i, score: scores.get(idOf(rec)) ?? 0 }))
      // Ties: the newest record first (never the store's order, which a test could come to rely on).
      .sort((a, b) => b.score - a.score || b.i - a.i)
      .map((x) => x.rec);
    const from = offset ?? 0;
    out.push(...ranked.slice(from, limit === undefined ? undefined : from + limit));
  }
  return { searchRecords: out.slice(0, overallLimit) };
}

/** Reads up to the first unescaped `}`; the raw text keeps its escapes. */
function readBraces(s: string, start: number): { raw: string; end: number } {
  for (let i = start; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '\\') i++;
    else if (c === '}') return { raw: s.slice(start, i), end: i + 1 };
  }
  throw malformedSearch("missing '}' after the search term");
}

/** Terms joined by spaces or AND must all match; OR separates alternatives; AND NOT negates. */
function parseTerms(raw: string): Term[][] {
  const groups: Term[][] = [[]];
  let pieces: Piece[] = [];
  let inPhrase = false;
  let negateNext = false;
  const flush = () => {
    if (!pieces.length) return;
    const word = pieces.map((p) => ('lit' in p ? p.lit : '')).join('');
    const current = groups[groups.length - 1] as Term[];
    if (!inPhrase && word.toUpperCase() === 'OR' && pieces.every((p) => 'lit' in p)) groups.push([]);
    else if (!inPhrase && word.toUpperCase() === 'AND' && pieces.every((p) => 'lit' in p)) {
      /* AND is the default */
    } else if (!inPhrase && word.toUpperCase() === 'NOT' && pieces.every((p) => 'lit' in p))
      negateNext = true;
    else {
      current.push({ pieces, negate: negateNext });
      negateNext = false;
    }
    pieces = [];
  };
  const addLit = (c: string) => {
    const last = pieces[pieces.length - 1];
    if (last && 'lit' in last) last.lit += c;
    else pieces.push({ lit: c });
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') {
      const next = raw.charAt(++i);
      if (!next) throw malformedSearch('a search term cannot end with a backslash');
      addLit(next);
    } else if (c === '"') {
      if (inPhrase) {
        flush();
        inPhrase = false;
      } else {
        flush();
        inPhrase = true;
      }
    } else if (c === '*' || c === '?') pieces.push({ wild: c });
    else if (/\s/.test(c) && !inPhrase) flush();
    else if (RESERVED.has(c)) {
      throw malformedSearch(`Reserved character '${c}' in the search term must be escaped with a backslash`);
    } else addLit(c);
  }
  if (inPhrase) throw malformedSearch('unterminated phrase in the search term');
  flush();
  if (groups.some((g) => !g.length)) throw malformedSearch('empty search term');
  for (const g of groups) {
    for (const t of g) {
      const letters = t.pieces
        .map((p) => ('lit' in p ? p.lit : ''))
        .join('')
        .trim();
      if ([...letters].length < 2) throw malformedSearch('search term must be longer than one character');
    }
  }
  return groups;
}

function readReturning(s: string): { specs: { type: string; inner?: string }[]; rest: string } {
  const specs: { type: string; inner?: string }[] = [];
  let i = 0;
  for (;;) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*/.exec(s.slice(i));
    if (!m) throw malformedSearch('RETURNING needs an object name');
    i += m[0].length;
    const spec: { type: string; inner?: string } = { type: m[1] ?? '' };
    if (s.charAt(i) === '(') {
      const start = i + 1;
      let depth = 0;
      let quoted = false;
      for (; i < s.length; i++) {
        const c = s.charAt(i);
        if (quoted) {
          if (c === '\\') i++;
          else if (c === "'") quoted = false;
        } else if (c === "'") quoted = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (depth !== 0) throw malformedSearch("missing ')' in RETURNING");
      spec.inner = s.slice(start, i);
      i++;
    }
    specs.push(spec);
    const comma = /^\s*,/.exec(s.slice(i));
    if (!comma) break;
    i += comma[0].length;
  }
  if (/^\s*WITH\b/i.test(s.slice(i))) throw unsupported('SOSL WITH clauses');
  return { specs, rest: s.slice(i) };
}

function searchFields(def: SObjectDef, scope: string): string[] {
  if (scope === 'EMAIL') return def.fields.filter((f) => f.type === 'email').map((f) => f.name);
  if (scope === 'PHONE') return def.fields.filter((f) => f.type === 'phone').map((f) => f.name);
  if (scope === 'NAME') return def.fields.filter((f) => f.nameField).map((f) => f.name);
  return def.fields
    .filter((f) => ['string', 'email', 'phone', 'textarea', 'picklist'].includes(f.type))
    .map((f) => f.name);
}

function termRegExp(t: Term): RegExp {
  const body = t.pieces
    .map((p) =>
      'lit' in p ? p.lit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : p.wild === '*' ? '\\S*' : '\\S',
    )
    .join('')
    .replace(/ +/g, '\\s+');
  // Matches whole tokens: what the search index would have split on.
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${body}(?:$|[^\\p{L}\\p{N}])`, 'iu');
}

function matches(rec: SfRecord, fields: string[], groups: Term[][]): boolean {
  const values = fields.map((f) => rec[f]).filter((v): v is string => typeof v === 'string');
  return groups.some((g) =>
    g.every((t) => {
      const re = termRegExp(t);
      const hit = values.some((v) => re.test(v));
      return t.negate ? !hit : hit;
    }),
  );
}

/** The record's id, read from `attributes.url` (the projection may leave Id out). */
function idOf(rec: Record<string, unknown>): string {
  const url = (rec.attributes as { url?: string } | undefined)?.url ?? '';
  return url.slice(url.lastIndexOf('/') + 1);
}

/**
 * An approximation of Salesforce's ranking, which the SOSL reference leaves undocumented beyond "relevance": a term
 * found in a name field counts more than elsewhere, and a name equal to the whole search more still.
 */
function relevance(rec: SfRecord, def: SObjectDef, fields: string[], groups: Term[][]): number {
  const names = new Set(def.fields.filter((f) => f.nameField).map((f) => f.name));
  let score = 0;
  for (const t of groups.flat()) {
    if (t.negate) continue;
    const re = termRegExp(t);
    for (const f of fields) {
      const v = rec[f];
      if (typeof v === 'string' && re.test(v)) score += names.has(f) ? 2 : 1;
    }
  }
  const whole = groups[0]
    ?.map((t) => t.pieces.map((p) => ('lit' in p ? p.lit : '')).join(''))
    .join(' ')
    .toLowerCase();
  if (whole && typeof rec.Name === 'string' && rec.Name.toLowerCase() === whole) score += 3;
  return score;
}
