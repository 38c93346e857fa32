/**
 * A Graph event (https://learn.microsoft.com/en-us/graph/api/resources/event) as the core's CalendarEvent. Start and
 * end come in UTC (`Prefer: outlook.timezone="UTC"`, Graph's default too); an all-day event's dates are turned into
 * midnight to midnight in its own zone (originalStartTimeZone when Intl knows it, else UTC), as section 2 of
 * event-rules.md asks. Undefined for a series master (calendarView lists its occurrences instead).
 */
import type { CalendarAttendee, CalendarEvent } from '../../../src';
import { dateIn, knownZone, midnightIn, utcSeconds } from '../calendar-time';
import { htmlToText } from '../html-to-text';

interface GraphEmail {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

export interface GraphEvent {
  id: string;
  '@removed'?: { reason?: string };
  iCalUId?: string | null;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster' | null;
  seriesMasterId?: string | null;
  originalStart?: string | null;
  originalStartTimeZone?: string | null;
  subject?: string | null;
  body?: { contentType?: 'text' | 'html' | null; content?: string | null } | null;
  start?: { dateTime?: string | null; timeZone?: string | null } | null;
  end?: { dateTime?: string | null; timeZone?: string | null } | null;
  isAllDay?: boolean | null;
  isCancelled?: boolean | null;
  location?: { displayName?: string | null } | null;
  organizer?: GraphEmail | null;
  attendees?:
    | (GraphEmail & {
        type?: 'required' | 'optional' | 'resource' | null;
        status?: { response?: string | null } | null;
      })[]
    | null;
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential' | null;
  onlineMeeting?: { joinUrl?: string | null } | null;
  onlineMeetingUrl?: string | null;
  lastModifiedDateTime?: string | null;
}

const RESPONSES: Record<string, CalendarAttendee['response']> = {
  accepted: 'accepted',
  organizer: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
};

/** Graph's dateTime (no offset, in `timeZone`; UTC as asked) as an ISO instant. */
function instant(
  value: { dateTime?: string | null; timeZone?: string | null } | null | undefined,
): string | undefined {
  const text = value?.dateTime;
  if (!text) return undefined;
  const zone = (value.timeZone ?? 'UTC').toUpperCase();
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(text.slice(10))) return utcSeconds(text);
  return zone === 'UTC' ? utcSeconds(`${text}Z`) : undefined;
}

/** An all-day event's date in its own zone: the date part when Graph gave it in that zone, else the UTC instant's date there. */
function allDayDate(value: GraphEvent['start'], zone: string | undefined): string | undefined {
  const text = value?.dateTime;
  if (!text) return undefined;
  if ((value.timeZone ?? 'UTC').toUpperCase() !== 'UTC' || !zone) return text.slice(0, 10);
  const at = instant(value);
  return at === undefined ? undefined : dateIn(Date.parse(at), zone);
}

function address(e: GraphEmail | null | undefined): { address: string; name?: string } | undefined {
  const a = e?.emailAddress?.address?.trim();
  if (!a) return undefined;
  const name = e?.emailAddress?.name?.trim();
  return name ? { address: a, name } : { address: a };
}

export function graphToCalendarEvent(item: GraphEvent): CalendarEvent | undefined {
  if (item.type === 'seriesMaster') return undefined;
  const allDay = item.isAllDay === true;
  const zone = knownZone(item.originalStartTimeZone ?? undefined);
  let start: string | undefined;
  let end: string | undefined;
  if (allDay) {
    const from = allDayDate(item.start, zone);
    const to = allDayDate(item.end, zone);
    start = from && midnightIn(from, zone);
    end = to && midnightIn(to, zone);
  } else {
    start = instant(item.start);
    end = instant(item.end);
  }
  const organizer = address(item.organizer);
  const attendees: CalendarAttendee[] = [];
  for (const a of item.attendees ?? []) {
    const who = address(a);
    if (!who) continue;
    attendees.push({
      ...who,
      type: a.type === 'optional' || a.type === 'resource' ? a.type : 'required',
      response: RESPONSES[a.status?.response ?? ''] ?? 'none',
    });
  }
  const occurrence = item.type === 'occurrence' || item.type === 'exception';
  const recurrenceId = occurrence
    ? (utcSeconds(item.originalStart ?? undefined) ?? (allDay ? undefined : start))
    : undefined;
  const body = item.body?.content ?? undefined;
  const description = body && (item.body?.contentType === 'html' ? htmlToText(body) : body.trim());
  const location = item.location?.displayName?.trim();
  const joinUrl = item.onlineMeeting?.joinUrl ?? item.onlineMeetingUrl ?? undefined;
  // Fields the core validates are passed as found (an empty uid or a missing start gives invalid_event there).
  return {
    uid: item.iCalUId ?? '',
    ...(recurrenceId ? { recurrenceId } : {}),
    sequence: 0,
    calendar: 'primary',
    organizer: organizer ?? { address: '' },
    attendees,
    subject: item.subject ?? '',
    start: start ?? '',
    end: end ?? '',
    allDay,
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(joinUrl ? { onlineMeetingUrl: joinUrl } : {}),
    status: item.isCancelled ? 'cancelled' : 'confirmed',
    sensitivity: item.sensitivity ?? 'normal',
    updatedAt: utcSeconds(item.lastModifiedDateTime ?? undefined) ?? item.lastModifiedDateTime ?? '',
  };
}
