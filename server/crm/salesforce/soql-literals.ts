// Every value that goes into SOQL or SOSL text passes through here: Salesforce has no bind variables over
// REST, so escaping is the only thing between a hostile display name and a rewritten query.

const SOQL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  // Line separators in the documented \uXXXX form: a parser written in a language whose `.` stops at them
  // (Java's and JavaScript's do) would otherwise read the literal as unterminated.
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const SOQL_SPECIAL = /[\\'"\n\r\t\b\f\u2028\u2029]/g;

/** A quoted SOQL string literal (for `=`, `IN`), escaped as the SOQL reference lists. */
export function soqlString(value: string): string {
  return `'${value.replace(SOQL_SPECIAL, (c) => SOQL_ESCAPES[c] ?? c)}'`;
}

/** A quoted LIKE pattern that matches `value` literally between the given wildcards (`%` and `_` escaped). */
export function soqlLike(value: string, prefix = '', suffix = ''): string {
  const body = value.replace(SOQL_SPECIAL, (c) => SOQL_ESCAPES[c] ?? c).replace(/[%_]/g, (c) => `\\${c}`);
  return `'${prefix}${body}${suffix}'`;
}

/** `(a, b, c)` for IN. */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

/** Salesforce ids are 15 or 18 case-sensitive alphanumerics; anything else never reaches a query. */
export function isSalesforceId(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}

/** A field or object API name (`Secondary_Email__c`, `ns__Field__c`): configuration is checked, not escaped. */
export function assertApiName(name: string, what: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`${what} "${name}" is not a Salesforce API name`);
  }
  return name;
}

const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/** A SOSL search term with each reserved character escaped by a backslash (no wildcards survive). */
export function soslTerm(value: string): string {
  return value.replace(SOSL_RESERVED, (c) => `\\${c}`);
}
