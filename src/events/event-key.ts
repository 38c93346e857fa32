import { parseIsoDateTime } from '../time/iso-date-time';
import type { CalendarEvent } from './event-types';

// One meeting is one CRM event for the whole organisation (event-rules.md section 5): every copy of it, in
// every colleague's calendar, has the same key. An occurrence of a series is an event of its own.

/** `YYYY-MM-DDTHH:MM:SSZ` of an ISO 8601 date-time, or undefined when it is not one (or not a 4-digit year in UTC). */
function utcSeconds(value: string): string | undefined {
  const ms = parseIsoDateTime(value);
  if (ms === null) return undefined;
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ for years 0 to 9999
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : undefined;
}

/** True when `value` starts or ends with a character that trim() may remove (most uids do not: no copy made). */
function mayNeedTrim(value: string): boolean {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f;
}

/** The uid trimmed (case kept); for an occurrence, then `|` and its recurrenceId in UTC. Never throws. */
export function eventKey(event: CalendarEvent): string {
  if (typeof event !== 'object' || event === null) return '';
  const raw: unknown = event.uid;
  const uid = typeof raw === 'string' ? (raw !== '' && mayNeedTrim(raw) ? raw.trim() : raw) : '';
  const recurrenceId: unknown = event.recurrenceId;
  if (typeof recurrenceId !== 'string') return uid;
  // A malformed recurrenceId is appended trimmed, as given (rule 0 refuses such an event anyway).
  return `${uid}|${utcSeconds(recurrenceId) ?? recurrenceId.trim()}`;
}
