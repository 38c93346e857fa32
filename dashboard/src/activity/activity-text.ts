import type { ActivityEntry } from '../api/types';
import { recordLabel, SHARING_LEVEL_LABELS } from '../ui/format';
import { reasonLabel } from './reason-text';

// One Activity row in words: what happened to the email and, for a save, where it went and how much of it.

export function outcomeText(entry: ActivityEntry, names: Record<string, string> = {}): string {
  const { decision } = entry;
  if (decision.action === 'skip') return `Skipped: ${reasonLabel(decision.reason)}`;
  const links = [
    ...decision.who.map((ref) => recordLabel(ref, names)),
    ...decision.create.map((c) => `a new contact for ${c.address}`),
    ...(decision.what ? [recordLabel(decision.what, names)] : []),
  ];
  const level = SHARING_LEVEL_LABELS[decision.content] ?? decision.content;
  return `Saved (${reasonLabel(decision.reason)}) to ${links.length > 0 ? links.join(', ') : 'the CRM'}, with ${level}`;
}

export function participantsText(entry: ActivityEntry): string {
  const others = [...entry.to, ...entry.cc];
  const shown = others.slice(0, 2).join(', ');
  return `${entry.from} → ${shown}${others.length > 2 ? ` and ${others.length - 2} more` : ''}`;
}

/** The Activity query string: reason filter, search text, how many rows. */
export function activityPath(reason: string, q: string, limit: number): string {
  const query = new URLSearchParams();
  if (reason) query.set('reason', reason);
  if (q.trim()) query.set('q', q.trim());
  query.set('limit', String(limit));
  return `/api/activity?${query.toString()}`;
}
