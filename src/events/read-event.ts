import { isPlainAddrSpec } from '../addresses/addr-spec';
import { normalizeAddress } from '../addresses/normalize';
import { quote } from '../rules/trace-text';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { CalendarAttendee, CalendarEvent } from './event-types';
import { eventParticipants, type EventParticipant } from './event-participants';

// Rule 0 and the event's normalised view. Input may be anything (the core never throws): every field is checked
// against the contract's type before use, and each problem names its field (`attendees[2].address`, `end`).

export interface ReadEvent {
  calendar: CalendarEvent['calendar'];
  /** The organizer's normalised address. */
  organizer: string;
  /** Section 2's participants, resources left out. */
  participants: EventParticipant[];
  /** Every attendee entry, resources included, normalised; for rule 2 and the user's response. */
  attendees: { address: string; type: CalendarAttendee['type']; response: CalendarAttendee['response'] }[];
  startMs: number;
  endMs: number;
  sequence: number;
  status: CalendarEvent['status'];
  sensitivity: CalendarEvent['sensitivity'];
}

export type ReadEventResult = { ok: true; event: ReadEvent } | { ok: false; problems: string[] };

type Fields = Partial<Record<keyof CalendarEvent, unknown>>;

const CALENDARS = ['primary', 'other'] as const;
const TYPES = ['required', 'optional', 'resource'] as const;
const RESPONSES = ['accepted', 'tentative', 'declined', 'none'] as const;
const STATUSES = ['confirmed', 'tentative', 'cancelled'] as const;
const SENSITIVITIES = ['normal', 'personal', 'private', 'confidential'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function words(allowed: readonly string[]): string {
  return allowed.map((a) => `'${a}'`).join(', ');
}

class Checker {
  problems: string[] = [];

  enumField<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
    if (oneOf(value, allowed)) return value;
    this.problems.push(
      value === undefined
        ? `${field} is missing`
        : `${field} ${typeof value === 'string' ? `${quote(value)} is` : 'is'} not one of ${words(allowed)}`,
    );
    return undefined;
  }

  text(value: unknown, field: string, optional: boolean): void {
    if (typeof value === 'string' || (optional && value === undefined)) return;
    this.problems.push(value === undefined ? `${field} is missing` : `${field} is not text`);
  }

  date(value: unknown, field: string): number | undefined {
    const ms = parseIsoDateTime(value);
    if (ms !== null) return ms;
    this.problems.push(
      typeof value === 'string'
        ? `${field} ${quote(value)} is not a valid date and time with a time zone`
        : value === undefined
          ? `${field} is missing`
          : `${field} is not a date and time`,
    );
    return undefined;
  }

  /** A normalised address, or undefined with the problem noted. */
  address(value: unknown, field: string): string | undefined {
    if (!isObject(value)) {
      this.problems.push(value === undefined ? `${field} is missing` : `${field} is not an email address`);
      return undefined;
    }
    const raw = value.address;
    if (typeof raw !== 'string' || raw.trim() === '') {
      const why = raw === undefined ? 'missing' : typeof raw === 'string' ? 'empty' : 'not text';
      this.problems.push(`${field}.address is ${why}`);
      return undefined;
    }
    if (!isPlainAddrSpec(raw.trim())) {
      this.problems.push(`${field}.address ${quote(raw)} is not a valid email address`);
      return undefined;
    }
    if (value.name !== undefined && typeof value.name !== 'string')
      this.problems.push(`${field}.name is not text`);
    return normalizeAddress(raw);
  }
}

export function readEvent(input: unknown): ReadEventResult {
  if (!isObject(input)) return { ok: false, problems: ['there is no event at all'] };
  const e = input as Fields;
  const c = new Checker();

  if (typeof e.uid !== 'string') c.problems.push(e.uid === undefined ? 'uid is missing' : 'uid is not text');
  else if (e.uid.trim() === '') c.problems.push('uid is empty');
  if (e.recurrenceId !== undefined) c.date(e.recurrenceId, 'recurrenceId');
  const sequence = e.sequence;
  if (typeof sequence !== 'number' || !Number.isFinite(sequence))
    c.problems.push(sequence === undefined ? 'sequence is missing' : 'sequence is not a number');
  const calendar = c.enumField(e.calendar, 'calendar', CALENDARS);
  const organizer = c.address(e.organizer, 'organizer');

  const attendees: ReadEvent['attendees'] = [];
  if (!Array.isArray(e.attendees)) {
    c.problems.push(e.attendees === undefined ? 'attendees is missing' : 'attendees is not a list');
  } else {
    const list = e.attendees as unknown[];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const field = `attendees[${i}]`;
      const address = c.address(a, field);
      if (!isObject(a)) continue;
      const type = c.enumField(a.type, `${field}.type`, TYPES);
      const response = c.enumField(a.response, `${field}.response`, RESPONSES);
      if (address !== undefined && type !== undefined && response !== undefined)
        attendees.push({ address, type, response });
    }
  }

  c.text(e.subject, 'subject', false);
  const startMs = c.date(e.start, 'start');
  const endMs = c.date(e.end, 'end');
  if (startMs !== undefined && endMs !== undefined && endMs < startMs)
    c.problems.push(`end ${quote(String(e.end))} is earlier than start ${quote(String(e.start))}`);
  if (typeof e.allDay !== 'boolean')
    c.problems.push(e.allDay === undefined ? 'allDay is missing' : 'allDay is not true or false');
  c.text(e.location, 'location', true);
  c.text(e.description, 'description', true);
  c.text(e.onlineMeetingUrl, 'onlineMeetingUrl', true);
  const status = c.enumField(e.status, 'status', STATUSES);
  const sensitivity = c.enumField(e.sensitivity, 'sensitivity', SENSITIVITIES);
  c.date(e.updatedAt, 'updatedAt');

  if (
    c.problems.length > 0 ||
    calendar === undefined ||
    organizer === undefined ||
    startMs === undefined ||
    endMs === undefined ||
    status === undefined ||
    sensitivity === undefined ||
    typeof sequence !== 'number'
  )
    return { ok: false, problems: c.problems };
  return {
    ok: true,
    event: {
      calendar,
      organizer,
      participants: eventParticipants(e.organizer, e.attendees),
      attendees,
      startMs,
      endMs,
      sequence,
      status,
      sensitivity,
    },
  };
}
