/** SOQL literals: string escapes, LIKE patterns and date literals, read as Salesforce documents them. */
import { malformedQuery, unsupported } from './errors';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * Salesforce takes any character but an unescaped quote or backslash inside a string literal
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm).
 * The parser the emulator borrows (soql-parser-js) matches literals with a JavaScript `.`, which stops at
 * U+2028 and U+2029: a name holding one failed as MALFORMED_QUERY. Inside literals they become the
 * documented `\uXXXX` escape before parsing, so the value read back is the same character.
 */
export function protectLineSeparators(soql: string): string {
  if (!/[\u2028\u2029]/.test(soql)) return soql;
  let out = '';
  let inLiteral = false;
  for (let i = 0; i < soql.length; i++) {
    const c = soql.charAt(i);
    if (inLiteral && c === '\\') {
      out += c + soql.charAt(++i);
      continue;
    }
    if (c === "'") inLiteral = !inLiteral;
    out += inLiteral && (c === '\u2028' || c === '\u2029') ? `\\u${c.charCodeAt(0).toString(16)}` : c;
  }
  return out;
}

/**
 * Reads a quoted SOQL string literal. With `like`, `\%` and `\_` become the markers `\u0000%` and
 * `\u0000_` so the LIKE matcher can tell them from wildcards; elsewhere they are an illegal sequence.
 */
export function unescapeString(raw: string, like = false): string {
  if (raw.length < 2 || !raw.startsWith("'") || !raw.endsWith("'"))
    throw malformedQuery(`Invalid string literal ${raw}`);
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body.charAt(++i);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) out += simple;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (like && (next === '%' || next === '_')) out += `\u0000${next}`;
    else
      throw malformedQuery(
        `Invalid string literal '${body}'. Illegal character sequence '\\${next}' in string literal.`,
      );
  }
  return out;
}

/** A LIKE pattern as a case-insensitive regular expression: `%` any run, `_` one character. */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\u0000') {
      re += escapeRegExp(pattern.charAt(++i));
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 'iu');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const DAY = 86_400_000;

/** A date literal (`TODAY`, `LAST_N_DAYS:30`…) as a half-open range of epoch milliseconds, in UTC. */
export function dateLiteralRange(literal: string, n: number | undefined, nowMs: number): [number, number] {
  const today = Math.floor(nowMs / DAY) * DAY;
  const k = n ?? 0;
  switch (literal.toUpperCase()) {
    case 'TODAY':
      return [today, today + DAY];
    case 'YESTERDAY':
      return [today - DAY, today];
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY];
    case 'LAST_N_DAYS':
      return [today - k * DAY, today + DAY];
    case 'NEXT_N_DAYS':
      return [today + DAY, today + (k + 1) * DAY];
    case 'N_DAYS_AGO':
      return [today - k * DAY, today - (k - 1) * DAY];
    default:
      throw unsupported(`the date literal ${literal}`);
  }
}
