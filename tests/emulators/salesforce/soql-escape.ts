/** SOQL literal escaping as the SOQL reference documents it, used by the tests to talk to the emulator. */

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A quoted string literal for `=`, `IN`… */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c)}'`;
}

/** A quoted LIKE pattern matching `value` literally, with `%` and `_` escaped too. */
export function soqlLikeLiteral(value: string, prefix = '', suffix = ''): string {
  const body = soqlString(value)
    .slice(1, -1)
    .replace(/[%_]/g, (c) => `\\${c}`);
  return `'${prefix}${body}${suffix}'`;
}

const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/** A SOSL search term with every reserved character escaped. */
export function soslTerm(value: string): string {
  return value.replace(SOSL_RESERVED, (c) => `\\${c}`);
}
