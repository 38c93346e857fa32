// zod's issues as sentences for people: "'not an address' is not an email address.", "The port 70000 is too large:
// at most 65535." — never a schema path such as `body/message/from/address`. The API's error handler and the
// embedded CRM import both speak through this, so a person reads the same words wherever bad input is refused.

/** What a zod issue carries that the sentences read (zod 4's `$ZodIssue`, or fastify's validation error rebuilt). */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  values?: unknown;
  keys?: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'empty',
  undefined: 'missing',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  url: 'a web address',
  uuid: 'an identifier of the expected form',
  datetime: 'a date and time like 2026-03-01T09:00:00Z',
  date: 'a date like 2026-03-01',
  time: 'a time like 09:00',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

/** `internetMessageId` → `internet message id`; `first_name` → `first name`. */
function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** The field a person knows: its own name in words, and which item of a list it is. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  let name = '';
  let item: number | undefined;
  for (const part of path) {
    if (typeof part === 'number') item = part;
    else if (typeof part === 'string') name = words(part);
  }
  if (name === '') return item === undefined ? 'request' : `item ${item + 1}`;
  return item === undefined ? name : `${name} (item ${item + 1})`;
}

/** A value as a person reads it inside a sentence: text in quotes on one line, at most 60 characters. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') {
    const line = value.replace(/[\r\n\t]+/g, ' ');
    return `'${line.length > 60 ? `${line.slice(0, 57)}...` : line}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : 'nothing';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function joinWith(items: string[], last: 'or' | 'and'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** One issue as one sentence; `value` is what was sent at the issue's path (zod leaves `input` out by default). */
export function issueSentence(issue: IssueLike, value: unknown = issue.input): string {
  const label = fieldLabel(issue.path);
  const the = label === 'request' ? 'the request' : `the ${label}`;
  const size = (bound: unknown) => Number(bound);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return sentence(`${the} is missing`);
      const expected = TYPE_WORDS[String(issue.expected)] ?? String(issue.expected);
      return sentence(`${the} must be ${expected}, not ${TYPE_WORDS[kindOf(value)] ?? kindOf(value)}`);
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = size(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string' || typeof value === 'string') {
        if (small && bound === 1) return sentence(`${the} is empty`);
        return sentence(
          `${the} ${quoteValue(value)} is too ${small ? 'short' : 'long'}: at ${small ? 'least' : 'most'} ${plural(bound, 'character', 'characters')}`,
        );
      }
      if (issue.origin === 'array' || issue.origin === 'set' || Array.isArray(value))
        return sentence(
          `${the} ${small ? 'needs at least' : 'takes at most'} ${plural(bound, 'item', 'items')}`,
        );
      return sentence(
        `${the} ${quoteValue(value)} is too ${small ? 'small' : 'large'}: at ${small ? 'least' : 'most'} ${bound}`,
      );
    }
    case 'invalid_format': {
      const format = String(issue.format);
      // A pattern's own words ("a host name or IP address") say best what was expected.
      const own = /^an? /.test(issue.message) ? issue.message : undefined;
      const what = own ?? FORMAT_WORDS[format];
      return sentence(
        what ? `${quoteValue(value)} is not ${what}` : `${quoteValue(value)} is not a valid ${label}`,
      );
    }
    case 'invalid_value': {
      if (value === undefined) return sentence(`${the} is missing`);
      const values = Array.isArray(issue.values) ? issue.values.map(quoteValue) : [];
      return sentence(
        values.length > 0
          ? `${the} ${quoteValue(value)} is not one of ${joinWith(values, 'or')}`
          : `${the} ${quoteValue(value)} is not a value Liaison knows`,
      );
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys.map(quoteValue) : [];
      const where = label === 'request' ? '' : ` in the ${label}`;
      return sentence(
        `${joinWith(keys, 'and')} ${keys.length === 1 ? 'is not a field' : 'are not fields'} Liaison knows${where}`,
      );
    }
    case 'not_multiple_of':
      return sentence(`${the} ${quoteValue(value)} is not a whole multiple of the step it takes`);
    default: {
      // A refinement's own words ("who takes contacts and leads"), or zod's generic "Invalid input".
      const own = issue.message && !/^Invalid( input)?\b/.test(issue.message) ? issue.message : '';
      if (own === '') return sentence(`${the} is not valid`);
      // "is longer than 255 characters" needs its field in front; a whole clause stands alone.
      return sentence(/^(is|must|has|should|needs) /.test(own) ? `${the} ${own}` : own);
    }
  }
}

/** The value at `path` inside what was sent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Every issue as a sentence, the values read from what was sent. */
export function issueSentences(issues: readonly IssueLike[], sent: unknown): string[] {
  return [...new Set(issues.map((issue) => issueSentence(issue, issue.input ?? valueAt(sent, issue.path))))];
}
