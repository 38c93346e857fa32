import type { SharingLevel } from '../types';
import type { CalendarEvent } from './event-types';
import { eventParticipants } from './event-participants';

// event-rules.md section 4: what a CRM event contains at each sharing level. At `metadata` neither the subject nor
// the description leaves the calendar; rooms and equipment are never listed; a cancelled event keeps its content
// with its subject marked. Never throws on malformed input.

type Fields = Partial<Record<keyof CalendarEvent, unknown>>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `YYYY-MM-DD` of the day before a `YYYY-MM-DD`, or undefined when it is not a date. */
function dayBefore(date: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/**
 * An all-day event's first and last dates as the source gave them: `end` is the following midnight (exclusive),
 * so the last date is the day before it. One date alone for a one-day event.
 */
function allDayDates(start: string, end: string): string {
  const first = start.trim().slice(0, 10);
  const endText = end.trim();
  const endDate = endText.slice(0, 10);
  const atMidnight = /^T00:00(:00(\.0+)?)?(?![\d:])/i.test(endText.slice(10));
  const last = (atMidnight ? dayBefore(endDate) : endDate) ?? endDate;
  return last === '' || last <= first ? first : `${first} – ${last}`;
}

function metadataLines(e: Fields): string[] {
  const participants = eventParticipants(e.organizer, e.attendees);
  const organizer = participants[0]?.role === 'organizer' ? participants[0].given : '';
  const others = participants.filter((p) => p.role !== 'organizer').map((p) => p.given);
  const lines = [`Organizer: ${organizer}`];
  if (others.length > 0) lines.push(`Attendees: ${others.join(', ')}`);
  const start = text(e.start);
  const end = text(e.end);
  lines.push(`When: ${e.allDay === true ? allDayDates(start, end) : `${start} – ${end}`}`);
  return lines;
}

/** The kind when the caller does not say: an appointment exactly when no participant but the organizer is left. */
function kindOf(e: Fields): 'meeting' | 'appointment' {
  return eventParticipants(e.organizer, e.attendees).some((p) => p.role !== 'organizer')
    ? 'meeting'
    : 'appointment';
}

export function shareEventContent(
  event: CalendarEvent,
  level: SharingLevel,
  kind?: 'meeting' | 'appointment',
): { subject: string; body: string } {
  const e: Fields = typeof event === 'object' && event !== null ? event : {};
  const lines = metadataLines(e);
  let subject: string;
  if (level === 'full' || level === 'subject') subject = text(e.subject);
  // `metadata`, and any unknown level: the least is shared.
  else
    subject =
      (kind === 'meeting' || kind === 'appointment' ? kind : kindOf(e)) === 'meeting'
        ? 'Meeting'
        : 'Appointment';
  let body = lines.join('\n');
  if (level === 'full') {
    const location = text(e.location).trim();
    const online = text(e.onlineMeetingUrl).trim();
    if (location !== '') body += `\nLocation: ${location}`;
    if (online !== '') body += `\nOnline meeting: ${online}`;
    const description = text(e.description);
    if (description !== '') body += `\n\n${description}`;
  }
  if (e.status === 'cancelled') subject = `Cancelled: ${subject}`;
  return { subject, body };
}
