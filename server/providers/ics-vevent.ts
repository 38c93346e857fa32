import type { CalendarEvent, EmailAddress } from '../../src';
import type { IcalComponent, IcalTime } from './ical-module';
import { ICS_LIMITS } from './ics-bounds';
import { attendeesOf, organizerOf } from './ics-people';
import { isoWithOffset, utcIso, zonedTime, type ZonedTime } from './ics-time';

// One VEVENT (or one occurrence of a series) as the core's CalendarEvent. Times come in from the caller (the
// occurrence's start and end once the series is expanded); everything else is read from the component that
// describes this occurrence: the series' VEVENT, or the override for that RECURRENCE-ID.

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export interface EventTimes {
  start: IcalTime;
  end: IcalTime;
  /** The occurrence's original start; absent for a single event. */
  recurrenceId?: IcalTime;
}

export interface MessageFallbacks {
  /** The message's sender, for a VEVENT without ORGANIZER. */
  from?: EmailAddress;
  /** The message's date (ISO 8601), for a VEVENT without LAST-MODIFIED or DTSTAMP. */
  sentAt?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function text(component: IcalComponent, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The TZID a time property names, for a zone ical.js could not resolve from the file. */
function tzidOf(component: IcalComponent, name: string): string | undefined {
  const tzid = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
}

function timeValue(component: IcalComponent, name: string): IcalTime | undefined {
  const value = component.getFirstPropertyValue(name);
  return value && typeof value === 'object' && 'isDate' in value ? (value as IcalTime) : undefined;
}

function statusOf(component: IcalComponent, method: InvitationMethod): CalendarEvent['status'] {
  if (method === 'CANCEL') return 'cancelled';
  const status = text(component, 'status')?.toUpperCase();
  return status === 'CANCELLED' ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed';
}

function sensitivityOf(component: IcalComponent): CalendarEvent['sensitivity'] {
  const klass = text(component, 'class')?.toUpperCase();
  return klass === 'PRIVATE' ? 'private' : klass === 'CONFIDENTIAL' ? 'confidential' : 'normal';
}

function onlineMeetingUrlOf(component: IcalComponent): string | undefined {
  for (const name of [
    'x-microsoft-skypeteamsmeetingurl',
    'x-google-conference',
    'x-microsoft-onlinemeetingconflink',
  ]) {
    const url = text(component, name);
    if (url) return url;
  }
  return undefined;
}

function updatedAtOf(component: IcalComponent, fallbacks: MessageFallbacks): string | undefined {
  for (const name of ['last-modified', 'dtstamp']) {
    const time = timeValue(component, name);
    const zoned = time && zonedTime(time);
    if (zoned) return utcIso(zoned);
  }
  return fallbacks.sentAt || undefined;
}

/** `2026-12-10T00:00:00Z`, as the other times are written (no milliseconds). */
function utcMidnight(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function midnightUtc(t: ZonedTime): number {
  return Date.UTC(t.year, t.month - 1, t.day);
}

/** Start and end: an all-day event from midnight to the following midnight (exclusive), at UTC. */
function timesOf(
  component: IcalComponent,
  times: EventTimes,
): { start: string; end: string; allDay: boolean } | string {
  const start = zonedTime(times.start, tzidOf(component, 'dtstart'));
  if (!start) return 'DTSTART is not a date or time';
  if (times.start.isDate) {
    const from = midnightUtc(start);
    const endDay = times.end.isDate ? zonedTime(times.end) : undefined;
    const until = endDay && midnightUtc(endDay) > from ? midnightUtc(endDay) : from + DAY_MS;
    return { start: utcMidnight(from), end: utcMidnight(until), allDay: true };
  }
  const end = zonedTime(times.end, tzidOf(component, 'dtend') ?? tzidOf(component, 'dtstart'));
  if (!end) return 'DTEND is not a date or time';
  return { start: isoWithOffset(start), end: isoWithOffset(end), allDay: false };
}

/** The event, or why this VEVENT gives none. */
export function veventToEvent(
  component: IcalComponent,
  uid: string,
  times: EventTimes,
  method: InvitationMethod,
  fallbacks: MessageFallbacks,
): CalendarEvent | string {
  const when = timesOf(component, times);
  if (typeof when === 'string') return when;
  const organizer = organizerOf(component) ?? fallbacks.from;
  if (!organizer) return 'no ORGANIZER and no sender';
  const updatedAt = updatedAtOf(component, fallbacks) ?? when.start;
  const recurrence =
    times.recurrenceId &&
    zonedTime(times.recurrenceId, tzidOf(component, 'recurrence-id') ?? tzidOf(component, 'dtstart'));
  const sequence = Number(component.getFirstPropertyValue('sequence'));
  const event: CalendarEvent = {
    uid,
    ...(recurrence && { recurrenceId: utcIso(recurrence) }),
    sequence: Number.isSafeInteger(sequence) && sequence >= 0 ? sequence : 0,
    calendar: 'primary',
    organizer,
    attendees: attendeesOf(component),
    subject: text(component, 'summary') ?? '',
    ...when,
    status: statusOf(component, method),
    sensitivity: sensitivityOf(component),
    updatedAt,
  };
  const location = text(component, 'location');
  if (location) event.location = location;
  const description = text(component, 'description');
  if (description) event.description = description.slice(0, ICS_LIMITS.maxDescription);
  const url = onlineMeetingUrlOf(component);
  if (url) event.onlineMeetingUrl = url;
  return event;
}
