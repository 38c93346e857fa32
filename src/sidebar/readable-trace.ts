import type { AutoshareDecision, RecordRef } from '../types';

// The rulebook's trace names records by id ("contact 003JANE"): exact, and what the decision log keeps. A rep
// reads names, so the sidebars show the same sentences with each known record's name in place of its id.

export function readableTrace(
  decision: Pick<AutoshareDecision, 'trace'>,
  refs: readonly RecordRef[],
  nameOf: (kind: string, id: string) => string,
): string[] {
  const replacements = new Map<string, string>();
  for (const ref of refs) {
    const name = nameOf(ref.kind, ref.id);
    if (name && name !== `${ref.kind} ${ref.id}`)
      replacements.set(`${ref.kind} ${ref.id}`, `${ref.kind} ${name}`);
  }
  if (replacements.size === 0) return [...decision.trace];
  // Longest first, so "account acc-1" never replaces part of "account acc-10".
  const keys = [...replacements.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(${keys.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  return decision.trace.map((line) => line.replace(pattern, (found) => replacements.get(found) ?? found));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
