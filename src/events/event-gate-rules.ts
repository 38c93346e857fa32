import type { ContextIndex } from '../rules/context-index';
import { pass, skip, type RuleResult } from '../rules/rule-result';
import type { CalendarAttendee } from './event-types';
import type { ReadEvent } from './read-event';

// Rules 1 to 4 of event-rules.md: only the user's primary calendar, only the user's own events, never a private
// one, never one the user declined.

type Result = RuleResult<'excluded_calendar' | 'not_users_event' | 'private' | 'declined'>;

const PRIMARY = pass('It is in your primary calendar, the one Liaison reads.');
const OTHER = skip(
  'excluded_calendar',
  'it is in another calendar (shared, delegated, subscribed, holidays or birthdays); Liaison only reads your primary calendar.',
);

/** Rule 1. */
export function calendarRule(event: ReadEvent): Result {
  return event.calendar === 'primary' ? PRIMARY : OTHER;
}

const ORGANISER = pass('You organise it.');
const NOT_MINE = skip(
  'not_users_event',
  'none of your addresses is the organizer or an attendee of this event.',
);

/** Rule 2. */
export function usersEventRule(event: ReadEvent, index: ContextIndex): Result {
  if (index.own.has(event.organizer)) return ORGANISER;
  for (const a of event.attendees)
    if (index.own.has(a.address)) return pass(`You are invited as ${a.address}.`);
  return NOT_MINE;
}

const NORMAL = pass('It is not marked private.');

/** Rule 3: stricter than the peers on purpose, a private appointment stays private. */
export function privateRule(event: ReadEvent): Result {
  if (event.sensitivity === 'normal') return NORMAL;
  return skip(
    'private',
    `it is marked ${event.sensitivity}, and events marked personal, private or confidential never sync, whatever your settings.`,
  );
}

/**
 * Section 2: `accepted` when the user organises it; else the response of the user's first attendee entry in
 * participant order (required, then optional; a resource entry only when there is no other).
 */
export function usersResponse(event: ReadEvent, index: ContextIndex): CalendarAttendee['response'] {
  if (index.own.has(event.organizer)) return 'accepted';
  for (const p of event.participants) if (index.own.has(p.address)) return p.response;
  for (const a of event.attendees) if (index.own.has(a.address)) return a.response;
  return 'none';
}

const RESPONSE_SENTENCES: Record<CalendarAttendee['response'], Result> = {
  accepted: pass('You accepted it.'),
  tentative: pass('You accepted it tentatively.'),
  none: pass('You have not declined it (you have not answered yet).'),
  declined: skip('declined', 'you declined it, so nothing of it is shared.'),
};
const ORGANISER_TAKES_PART = pass('As its organizer, you take part in it.');

/** Rule 4. */
export function declinedRule(event: ReadEvent, index: ContextIndex): Result {
  if (index.own.has(event.organizer)) return ORGANISER_TAKES_PART;
  return RESPONSE_SENTENCES[usersResponse(event, index)];
}
