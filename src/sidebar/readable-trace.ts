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
    if (!text.includes(ref.id)) continue;
    const name = nameOf(ref.kind, ref.id);
    const known = name !== '' && name !== `${ref.kind} ${ref.id}` && !UNNAMED.test(name);
    const words = known ? name : `${/^[aeiou]/.test(ref.kind) ? 'an' : 'a'} ${ref.kind} (name not available)`;
    phrases.set(`${ref.kind} ${ref.id}`, known ? `${ref.kind} ${name}` : words);
    bare.set(ref.id, words);
  }
  if (phrases.size === 0) return [...decision.trace];
  // Longest first, so "account acc-1" never replaces part of "account acc-10"; an id inside an address or a longer
  // id is not one.
  const keys = [...phrases.keys(), ...bare.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w@.-])(${keys.map(escapeRegExp).join('|')})(?![\\w@-]|\\.\\w)`, 'g');
  return decision.trace.map((line) =>
    line.replace(pattern, (found) => phrases.get(found) ?? bare.get(found) ?? found),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
