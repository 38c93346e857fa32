import type { AutoshareDecision, RecordRef } from '../types';

// The rulebook's trace names records by id ("contact 003JANE", "contacts 003A and 003B"): exact, and what the
// decision log keeps. A rep reads names, so the sidebars show the same sentences with each record's name in place
// of its id; a record the CRM gave no name for reads "a contact (name not available)", never its id.

const UNNAMED = / \(name not available\)$/;

export function readableTrace(
  decision: Pick<AutoshareDecision, 'trace'>,
  refs: readonly RecordRef[],
  nameOf: (kind: string, id: string) => string,
): string[] {
  // "contact 003JANE" → "contact Jane Doe"; a bare id (the second of "contacts 003A and 003B") → "Bob Roe".
  const phrases = new Map<string, string>();
  const bare = new Map<string, string>();
  // Only the records the trace mentions: one small pattern, not one over every record of the email's context.
  const text = decision.trace.join('\n');
  for (const ref of refs) {
    if (ref.id === '' || !text.includes(ref.id)) continue;
    const name = nameOf(ref.kind, ref.id);
    const known = name !== '' && name !== `${ref.kind} ${ref.id}` && !UNNAMED.test(name);
    const words = known ? name : `${/^[aeiou]/.test(ref.kind) ? 'an' : 'a'} ${ref.kind} (name not available)`;
    phrases.set(`${ref.kind} ${ref.id}`, known ? `${ref.kind} ${name}` : words);
    bare.set(ref.id, words);
  }
  if (phrases.size === 0) return [...decision.trace];
  // Longest first, so "account acc-1" never replaces part of "account acc-10"; an id inside an address or a longer
  // id is not one. A scan rather than a pattern built from the ids: a new pattern per request cost the sidebar more
  // than the rest of this function (the engine compiles each one).
  const keys = [...phrases.keys(), ...bare.keys()].sort((a, b) => b.length - a.length);
  return decision.trace.map((line) =>
    replaceKeys(line, keys, (key) => phrases.get(key) ?? bare.get(key) ?? key),
  );
}

/** `\w` as patterns read it: A-Z, a-z, 0-9 and `_` (one UTF-16 unit). */
function isWord(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}
/** Before a key: not a word character, `@`, `.` or `-` (the key would be the end of an address or a longer id). */
const joinsBefore = (c: string | undefined) => isWord(c) || c === '@' || c === '.' || c === '-';
/** After a key: not a word character, `@`, `-`, or a dot followed by a word character (`.com`, `.5`). */
const joinsAfter = (line: string, at: number) => {
  const c = line[at];
  return isWord(c) || c === '@' || c === '-' || (c === '.' && isWord(line[at + 1]));
};

/** The first of `keys` standing alone at `at`, if any. */
function keyAt(line: string, at: number, keys: readonly string[]): string | undefined {
  for (const key of keys) if (line.startsWith(key, at) && !joinsAfter(line, at + key.length)) return key;
  return undefined;
}

/** Each key standing alone in the line (the first of `keys` that fits at a place) replaced, left to right. */
function replaceKeys(line: string, keys: readonly string[], replacement: (key: string) => string): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < line.length; at++) {
    if (joinsBefore(line[at - 1])) continue;
    const key = keyAt(line, at, keys);
    if (key === undefined) continue;
    out += line.slice(from, at) + replacement(key);
    from = at + key.length;
    at = from - 1;
  }
  return from === 0 ? line : out + line.slice(from);
}
