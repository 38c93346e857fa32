/**
 * A Google Calendar event (https://developers.google.com/calendar/api/v3/reference/events) as the core's
 * CalendarEvent. `start.date` marks an all-day event: midnight to midnight in the event's zone, else the calendar's,
 * else UTC. Undefined for a deleted event that came with little more than its id (the source gives a removal).
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarAttendee, CalendarEvent } from '../../../src';
import { midnightIn, utcSeconds } from '../calendar-time';
import { htmlToText } from '../html-to-text';

export type GoogleEvent = calendar_v3.Schema$Event;

const RESPONSES: Record<string, CalendarAttendee['response']> = {
  accepted: 'accepted',
  tentative: 'tentative',
  declined: 'declined',
};

const SENSITIVITY: Record<string, CalendarEvent['sensitivity']> = {
  private: 'private',
  confidential: 'confidential',
};

function when(
  value: calendar_v3.Schema$EventDateTime | undefined,
  zone: string | undefined,
): string | undefined {
  if (value?.dateTime) return value.dateTime;
  if (value?.date) return midnightIn(value.date, value.timeZone ?? zone);
  return undefined;
}

/** Descriptions written in Google Calendar's editor are HTML; the core wants plain text. */
function plain(text: string): string {
  return /<[a-z][^>]*>|&[a-z]+;/i.test(text) ? htmlToText(text) : text.trim();
}

function person(p: { email?: string | null; displayName?: string | null } | undefined) {
  const address = p?.email?.trim();
  if (!address) return undefined;
  const name = p?.displayName?.trim();
  return name ? { address, name } : { address };
}

/** `calendarZone`: the listing's `timeZone` (the calendar's). */
export function googleToCalendarEvent(item: GoogleEvent, calendarZone?: string): CalendarEvent | undefined {
  if (item.status === 'cancelled' && !item.iCalUID && !item.start) return undefined;
  const zone = item.start?.timeZone ?? calendarZone ?? undefined;
  const allDay = Boolean(item.start?.date) && !item.start?.dateTime;
  const attendees: CalendarAttendee[] = [];
  for (const a of item.attendees ?? []) {
    const who = person(a);
    if (!who) continue;
    attendees.push({
      ...who,
      type: a.resource ? 'resource' : a.optional ? 'optional' : 'required',
      response: RESPONSES[a.responseStatus ?? ''] ?? 'none',
    });
  }
  const original = item.originalStartTime;
  const recurrenceId = original ? utcSeconds(when(original, zone)) : undefined;
  const video = item.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
  const joinUrl = item.hangoutLink ?? video ?? undefined;
  const description = item.description ? plain(item.description) : undefined;
  const location = item.location?.trim();
  const status = item.status === 'cancelled' || item.status === 'tentative' ? item.status : 'confirmed';
  return {
    uid: item.iCalUID ?? '',
    ...(recurrenceId ? { recurrenceId } : {}),
    sequence: typeof item.sequence === 'number' ? item.sequence : 0,
    calendar: 'primary',
    organizer: person(item.organizer ?? undefined) ?? person(item.creator ?? undefined) ?? { address: '' },
    attendees,
    subject: item.summary ?? '',
    start: when(item.start, zone) ?? '',
    end: when(item.end, zone) ?? '',
    allDay,
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(joinUrl ? { onlineMeetingUrl: joinUrl } : {}),
    status,
    sensitivity: SENSITIVITY[item.visibility ?? ''] ?? 'normal',
    updatedAt: item.updated ?? '',
  };
}
