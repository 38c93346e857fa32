import { EVENT_SHARING_LEVEL_LABELS } from '../../../src/events/event-reason-labels';
import type { ActivityEntry } from '../api/types';
import { formatDateTime, recordLabel, SHARING_LEVEL_LABELS } from '../ui/format';
import { eventReasonLabel, reasonLabel, type ActivityKind } from './reason-text';

// One Activity row in words: what happened to the email or the calendar event and, for a save, where it went and how
// much of it.

/** Where the email is saved now, by whom, how and when (from the ledger), e.g. "Saved by hand by Sam Seller on …". */
export function savedText(entry: ActivityEntry, names: Record<string, string> = {}): string | undefined {
  const saved = entry.saved;
  if (!saved) return undefined;
  const from = saved.mine ? 'your mailbox' : saved.by ? `${saved.by}'s mailbox` : "a former user's mailbox";
  const how = {
    manual: `by hand by ${saved.mine ? 'you' : (saved.by ?? 'a former user')}`,
    autoshare: `by auto-sharing from ${from}`,
    thread_autosave: `by thread auto-save from ${from}`,
    automatic: `automatically from ${from}`,
  }[saved.how];
  const links = saved.links.map((ref) => recordLabel(ref, names));
  // The content level is known when the row shown is that very save.
  const level =
    entry.decision.action === 'save'
      ? `, with ${SHARING_LEVEL_LABELS[entry.decision.content] ?? entry.decision.content}`
      : '';
  return `Saved ${how} on ${formatDateTime(saved.at)}${links.length > 0 ? `, linked to ${links.join(', ')}` : ''}${level}`;
}

/** What became of a calendar event: saved, updated or marked cancelled in the CRM calendar, or skipped and why. */
export function eventOutcomeText(entry: ActivityEntry, names: Record<string, string> = {}): string {
  const { decision } = entry;
  const level = EVENT_SHARING_LEVEL_LABELS[decision.content] ?? decision.content;
  const links = [
    ...decision.who.map((ref) => recordLabel(ref, names)),
    ...decision.create.map((c) => `a new contact for ${c.address}`),
    ...(decision.what ? [recordLabel(decision.what, names)] : []),
  ];
  const linked = links.length > 0 ? `, linked to ${links.join(', ')}` : '';
  const colleagues = decision.invitees?.length ?? 0;
  const invited =
    colleagues > 0
      ? `; also in the CRM calendar of ${colleagues} ${colleagues === 1 ? 'colleague' : 'colleagues'}`
      : '';
  switch (decision.action) {
    case 'save':
      return `Saved to the CRM calendar${linked}, with ${level}${invited}`;
    case 'update':
      return `Updated in the CRM calendar (it changed after it was saved)${linked}, with ${level}${invited}`;
    case 'cancel':
      return 'Cancelled: marked cancelled in the CRM calendar (never deleted)';
    default:
      return decision.reason === 'cancelled'
        ? 'Cancelled before it was saved: nothing written to the CRM'
        : `Skipped: ${eventReasonLabel(decision.reason)}`;
  }
}

/** The row's badge: Saved, Skipped, or Cancelled for a cancelled meeting. */
export function outcomeBadge(entry: ActivityEntry): 'Saved' | 'Skipped' | 'Cancelled' {
  if (entry.kind === 'event' && entry.decision.reason === 'cancelled') return 'Cancelled';
  return isSaved(entry) ? 'Saved' : 'Skipped';
}

/** "Email", "Meeting" or "Appointment" ("Event" when the log kept no participant to tell). */
export function itemKindText(entry: ActivityEntry): string {
  if (entry.kind !== 'event') return 'Email';
  return entry.eventKind === 'appointment'
    ? 'Appointment'
    : entry.eventKind === 'meeting'
      ? 'Meeting'
      : 'Event';
}

export function outcomeText(entry: ActivityEntry, names: Record<string, string> = {}): string {
  if (entry.kind === 'event') return eventOutcomeText(entry, names);
  const { decision } = entry;
  const saved = savedText(entry, names);
  if (saved) return saved;
  if (decision.action === 'skip') return `Skipped: ${reasonLabel(decision.reason)}`;
  const links = [
    ...decision.who.map((ref) => recordLabel(ref, names)),
    ...decision.create.map((c) => `a new contact for ${c.address}`),
    ...(decision.what ? [recordLabel(decision.what, names)] : []),
  ];
  const level = SHARING_LEVEL_LABELS[decision.content] ?? decision.content;
  return `Saved (${reasonLabel(decision.reason)}) to ${links.length > 0 ? links.join(', ') : 'the CRM'}, with ${level}`;
}

/** The subject line shown for an entry; the log keeps none for an email skipped for Do Not Sync. */
export function subjectText(entry: Pick<ActivityEntry, 'subject' | 'decision'>): string {
  if (entry.subject !== '') return entry.subject;
  return entry.decision.reason === 'blacklisted' ? 'Subject not kept (Do Not Sync)' : '(no subject)';
}

/** Saved in the CRM now (the ledger says so), or by the decision shown (an event's update is a save too). */
export function isSaved(entry: ActivityEntry): boolean {
  return entry.saved !== undefined || entry.decision.action === 'save' || entry.decision.action === 'update';
}

export function participantsText(entry: ActivityEntry): string {
  // An event's log lists the organizer among the attendees too; an appointment has no one else.
  const others =
    entry.kind === 'event' ? entry.to.filter((a) => a !== entry.from) : [...entry.to, ...entry.cc];
  if (entry.kind === 'event' && others.length === 0) return entry.from;
  const shown = others.slice(0, 2).join(', ');
  return `${entry.from} → ${shown}${others.length > 2 ? ` and ${others.length - 2} more` : ''}`;
}

/** When: an email's sending, or an event's start (ahead of its decision, often). */
export function whenText(entry: ActivityEntry): string {
  return entry.kind === 'event' ? `Starts ${formatDateTime(entry.sentAt)}` : formatDateTime(entry.sentAt);
}

/** The Activity query string: kind, reason filter, search text, how many rows, and where the previous page ended. */
export function activityPath(
  kind: ActivityKind,
  reason: string,
  q: string,
  limit: number,
  next?: string,
): string {
  const query = new URLSearchParams();
  query.set('kind', kind);
  if (reason) query.set('reason', reason);
  if (q.trim()) query.set('q', q.trim());
  query.set('limit', String(limit));
  if (next) query.set('next', next);
  return `/api/activity?${query.toString()}`;
}
