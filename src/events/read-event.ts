import { isPlainAddrSpec } from '../addresses/addr-spec';
import { quote } from '../rules/trace-text';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { CalendarAttendee, CalendarEvent } from './event-types';
import type { EventParticipant } from './event-participants';

// Rule 0 and the event's normalised view. Input may be anything (the core never throws): every field is checked
// against the contract's type before use, and each problem names its field (`attendees[2].address`, `end`).
// This runs for every event of every sync: each address is read once, field names are only built for a problem,
// and section 2's participants are built in the same pass (event-participants.ts builds them, leniently, for the
// content).

export interface ReadEvent {
  calendar: CalendarEvent['calendar'];
  /** The organizer's normalised address. */
  organizer: string;
  /** Section 2's participants, resources left out. */
  participants: EventParticipant[];
  /** Every attendee entry, resources included, normalised; for rule 2 and the user's response. */
  attendees: AttendeeEntry[];
  startMs: number;
  endMs: number;
  sequence: number;
  status: CalendarEvent['status'];
  sensitivity: CalendarEvent['sensitivity'];
  subject: string;
  allDay: boolean;
  location: string | undefined;
}

/** One attendee entry, read; the participants among them are the same objects (one allocation per entry). */
export interface AttendeeEntry {
  address: string; // normalised
  given: string;
  role: CalendarAttendee['type'];
  response: CalendarAttendee['response'];
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

/** `organizer`, or `attendees[i]` for i >= 0: built only for a problem. */
const entryName = (i: number): string => (i < 0 ? 'organizer' : `attendees[${i}]`);

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

  /** The address of the organizer (i < 0) or of attendee i, trimmed as given; undefined with the problem noted. */
  address(value: unknown, i: number): string | undefined {
    if (!isObject(value)) {
      this.problems.push(
        value === undefined ? `${entryName(i)} is missing` : `${entryName(i)} is not an email address`,
      );
      return undefined;
    }
    const raw = value.address;
    const given = typeof raw === 'string' ? raw.trim() : '';
    if (given === '') {
      const why = raw === undefined ? 'missing' : typeof raw === 'string' ? 'empty' : 'not text';
      this.problems.push(`${entryName(i)}.address is ${why}`);
      return undefined;
    }
    if (!isPlainAddrSpec(given)) {
      this.problems.push(`${entryName(i)}.address ${quote(raw as string)} is not a valid email address`);
      return undefined;
    }
    if (value.name !== undefined && typeof value.name !== 'string')
      this.problems.push(`${entryName(i)}.name is not text`);
    return given;
  }
}

/** Participants are few; past this many, duplicates are found with a set rather than by scanning. */
const SCAN_LIMIT = 16;

/** Each address once, with its first entry (the list is already in participant order). */
function onceEach(participants: EventParticipant[]): EventParticipant[] {
  const n = participants.length;
  if (n > SCAN_LIMIT) {
    const seen = new Set<string>();
    return participants.filter((p) => !seen.has(p.address) && seen.add(p.address) !== undefined);
  }
  let result: EventParticipant[] | undefined;
  for (let i = 0; i < n; i++) {
    const p = participants[i] as EventParticipant;
    let twice = false;
    for (let k = 0; k < i && !twice; k++) twice = (participants[k] as EventParticipant).address === p.address;
    if (twice) result ??= participants.slice(0, i);
    else if (result) result.push(p);
  }
  return result ?? participants;
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
  const organizerGiven = c.address(e.organizer, -1);
  const organizer = organizerGiven?.toLowerCase();

  // Section 2's order: the organizer, then required attendees, then optional ones; each address once, below.
  const participants: EventParticipant[] = [];
  let optional: EventParticipant[] | undefined;
  if (organizer !== undefined && organizerGiven !== undefined)
    participants.push({ address: organizer, given: organizerGiven, role: 'organizer', response: 'accepted' });
  const attendees: ReadEvent['attendees'] = [];
  if (!Array.isArray(e.attendees)) {
    c.problems.push(e.attendees === undefined ? 'attendees is missing' : 'attendees is not a list');
  } else {
    const list = e.attendees as unknown[];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const given = c.address(a, i);
      if (!isObject(a)) continue;
      const type = oneOf(a.type, TYPES) ? a.type : c.enumField(a.type, `attendees[${i}].type`, TYPES);
      const response = oneOf(a.response, RESPONSES)
        ? a.response
        : c.enumField(a.response, `attendees[${i}].response`, RESPONSES);
      if (given === undefined || type === undefined || response === undefined) continue;
      const entry: AttendeeEntry = { address: given.toLowerCase(), given, role: type, response };
      attendees.push(entry);
      if (type === 'resource') continue;
      // Not a resource, so its role is a participant's.
      if (type === 'required') participants.push(entry as EventParticipant);
      else (optional ??= []).push(entry as EventParticipant);
    }
  }

  const subject = e.subject;
  c.text(subject, 'subject', false);
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
    typeof sequence !== 'number' ||
    typeof subject !== 'string'
  )
    return { ok: false, problems: c.problems };
  if (optional) for (const p of optional) participants.push(p);
  return {
    ok: true,
    event: {
      calendar,
      organizer,
      participants: onceEach(participants),
      attendees,
      startMs,
      endMs,
      sequence,
      status,
      sensitivity,
      subject,
      allDay: e.allDay === true,
      location: typeof e.location === 'string' ? e.location : undefined,
    },
  };
}
