import { normalizeAddress } from '../addresses/normalize';
import type { CalendarAttendee } from './event-types';

// Section 2's participants: the organizer and every attendee that is not a resource, each address once, in the
// order organizer, required attendees, optional attendees; an address listed twice keeps its first entry in that
// order. Rooms and equipment are never participants. Lenient: entries without an address are passed over (rule 0
// has refused them before the rules read this; the content reads whatever it is given).

export type ParticipantRole = 'organizer' | 'required' | 'optional';

export interface EventParticipant {
  address: string; // normalised
  given: string; // as written, trimmed
  role: ParticipantRole;
  /** The organizer takes part in its own event: `accepted`. */
  response: CalendarAttendee['response'];
}

const RESPONSES = new Set<unknown>(['accepted', 'tentative', 'declined', 'none']);

function entry(value: unknown, role: ParticipantRole): EventParticipant | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = (value as { address?: unknown }).address;
  if (typeof raw !== 'string') return undefined;
  const given = raw.trim();
  if (given === '') return undefined;
  const response = (value as { response?: unknown }).response;
  return {
    address: normalizeAddress(given),
    given,
    role,
    response:
      role === 'organizer'
        ? 'accepted'
        : RESPONSES.has(response)
          ? (response as CalendarAttendee['response'])
          : 'none',
  };
}

function add(participants: EventParticipant[], seen: Set<string>, p: EventParticipant | undefined): void {
  if (!p || seen.has(p.address)) return;
  seen.add(p.address);
  participants.push(p);
}

export function eventParticipants(organizer: unknown, attendees: unknown): EventParticipant[] {
  const participants: EventParticipant[] = [];
  const seen = new Set<string>();
  add(participants, seen, entry(organizer, 'organizer'));
  if (!Array.isArray(attendees)) return participants;
  const list = attendees as unknown[];
  for (const role of ['required', 'optional'] as const) {
    for (const a of list) {
      const type = typeof a === 'object' && a !== null ? (a as { type?: unknown }).type : undefined;
      // Anything but a resource or an optional attendee reads as required: the content is given what it is given.
      if (type === 'resource' || (type === 'optional') !== (role === 'optional')) continue;
      add(participants, seen, entry(a, role));
    }
  }
  return participants;
}
