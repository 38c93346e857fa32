import { normalizeAddress } from '../addresses/normalize';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { CalendarEvent } from './event-types';
import { stableHash } from './stable-hash';

// What makes a saved CRM event out of date (event-rules.md section 1): subject, start and end as instants, allDay,
// location (absent = ''), status, the organizer's address and the set of normalised attendee addresses, rooms
// included. Order and responses do not count. Hashed, so the ledger that keeps it never holds a subject.

/** The fields that count, read; the rules pass those of an event they have already read (read-event.ts). */
export interface FingerprintParts {
  subject: unknown;
  /** Instants when the value names one (so time zones do not count), else the value as given. */
  start: unknown;
  end: unknown;
  allDay: unknown;
  location: unknown;
  status: unknown;
  organizer: string; // normalised
  attendees: string[]; // normalised, each once, sorted
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** An unsigned 32-bit number in hex, written by hand: Number#toString(16) of a timestamp costs more than a hash. */
function hex32(n: number): string {
  return (
    (HEX[n >>> 24] as string) +
    (HEX[(n >>> 16) & 255] as string) +
    (HEX[(n >>> 8) & 255] as string) +
    (HEX[n & 255] as string)
  );
}

/** Each value typed and length-prefixed, so two different lists of parts never read the same. */
function part(value: unknown): string {
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (typeof value === 'number') {
    // Instants are whole milliseconds, positive or not; anything else is written as JavaScript writes it.
    if (Number.isSafeInteger(value) && value >= 0)
      return `n${hex32(Math.floor(value / 4294967296) >>> 0)}${hex32(value >>> 0)};`;
    return `f${String(value)};`;
  }
  if (typeof value === 'boolean') return value ? 'b1;' : 'b0;';
  return 'u;';
}

export function fingerprintOf(p: FingerprintParts): string {
  let canonical =
    part(p.subject) +
    part(p.start) +
    part(p.end) +
    part(p.allDay) +
    part(p.location) +
    part(p.status) +
    part(p.organizer);
  for (const a of p.attendees) canonical += part(a);
  return `v1:${stableHash(canonical)}`;
}

/** Each address once, sorted (code unit order, as a set has none). Lists are short: sorted by insertion. */
export function addressSet(addresses: readonly string[]): string[] {
  const sorted: string[] = [];
  for (const a of addresses) {
    let at = sorted.length;
    while (at > 0 && (sorted[at - 1] as string) > a) at--;
    if (at > 0 && sorted[at - 1] === a) continue;
    sorted.splice(at, 0, a);
  }
  return sorted;
}

const instant = (value: unknown): unknown => parseIsoDateTime(value) ?? value;

/** Opaque; the same for two copies of one event exactly when the fields above agree. Never throws. */
export function eventFingerprint(event: CalendarEvent): string {
  const e: Partial<Record<keyof CalendarEvent, unknown>> =
    typeof event === 'object' && event !== null ? event : {};
  const attendees: string[] = [];
  if (Array.isArray(e.attendees)) {
    for (const a of e.attendees as unknown[]) {
      if (typeof a !== 'object' || a === null) continue;
      const address = normalizeAddress((a as { address?: unknown }).address);
      if (address !== '') attendees.push(address);
    }
  }
  return fingerprintOf({
    subject: e.subject,
    start: instant(e.start),
    end: instant(e.end),
    allDay: e.allDay,
    location: e.location === undefined ? '' : e.location,
    status: e.status,
    organizer:
      typeof e.organizer === 'object' && e.organizer !== null
        ? normalizeAddress((e.organizer as { address?: unknown }).address)
        : '',
    attendees: addressSet(attendees),
  });
}
