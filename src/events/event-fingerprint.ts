import { normalizeAddress } from '../addresses/normalize';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { CalendarEvent } from './event-types';
import { stableHash } from './stable-hash';

// What makes a saved CRM event out of date (event-rules.md section 1): subject, start and end as instants, allDay,
// location (absent = ''), status, the organizer's address and the set of normalised attendee addresses, rooms
// included. Order and responses do not count. Hashed, so the ledger that keeps it never holds a subject.

/** An instant when the value names one (so time zones do not count), else the text as given. */
function instant(value: unknown): number | string | null {
  if (typeof value !== 'string') return null;
  return parseIsoDateTime(value) ?? value;
}

function attendeeAddresses(attendees: unknown): string[] {
  if (!Array.isArray(attendees)) return [];
  const set = new Set<string>();
  for (const a of attendees as unknown[]) {
    if (typeof a !== 'object' || a === null) continue;
    const address = normalizeAddress((a as { address?: unknown }).address);
    if (address !== '') set.add(address);
  }
  return [...set].sort();
}

/** Opaque; the same for two copies of one event exactly when the fields above agree. Never throws. */
export function eventFingerprint(event: CalendarEvent): string {
  const e: Partial<Record<keyof CalendarEvent, unknown>> =
    typeof event === 'object' && event !== null ? event : {};
  const organizer =
    typeof e.organizer === 'object' && e.organizer !== null
      ? normalizeAddress((e.organizer as { address?: unknown }).address)
      : '';
  const canonical = JSON.stringify([
    typeof e.subject === 'string' ? e.subject : null,
    instant(e.start),
    instant(e.end),
    typeof e.allDay === 'boolean' ? e.allDay : null,
    typeof e.location === 'string' ? e.location : '',
    typeof e.status === 'string' ? e.status : null,
    organizer,
    attendeeAddresses(e.attendees),
  ]);
  return `v1:${stableHash(canonical)}`;
}
