import { decideEventAutoshare, eventFingerprint, eventKey } from '../src';
import type { CalendarAttendee, CalendarEvent, EventContext, SavedEvent } from '../src';
import type { Bench, Figure } from './bench-registry';
import { callsPerCpuSecond } from './cpu-rate';
import { context } from './rules-bench';

// Event decisions per second on one core, in the email rules bench's batch context (200 people, 60 accounts, 100
// opportunities, indexed once per context object as a sync batch does), timed in CPU time.

const NOW = '2026-03-01T08:00:00Z';
const DAY_MS = 86_400_000;

const person = (i: number, people: number): string => {
  const n = i % (people * 2);
  return n < people ? `person${n}@company${n % 60}.com` : `new${n}@company${n % 60}.com`;
};

/** A realistic mix: meetings organised and received, colleagues, rooms, appointments, series, cancellations. */
export function calendarEvents(count: number, people: number): CalendarEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const outbound = i % 3 === 0;
    const me: CalendarAttendee = { address: 'sam@ourco.com', type: 'required', response: 'accepted' };
    const a: CalendarAttendee = {
      address: person(i * 7, people),
      name: `Person ${i}`,
      type: 'required',
      response: 'accepted',
    };
    const b: CalendarAttendee = {
      address: person(i * 13 + 5, people),
      type: i % 5 === 0 ? 'optional' : 'required',
      response: i % 11 === 0 ? 'declined' : 'none',
    };
    const room: CalendarAttendee = { address: 'room-2@ourco.com', type: 'resource', response: 'accepted' };
    const kim: CalendarAttendee = { address: 'kim@ourco.com', type: 'required', response: 'tentative' };
    const appointment = i % 10 === 9;
    const attendees = appointment ? [me, room] : i % 4 === 0 ? [me, a, b, kim, room] : [me, a, b];
    const startMs = Date.parse(NOW) + ((i % 23 === 0 ? 45 : i % 20) * DAY_MS + (i % 9) * 3_600_000);
    const event: CalendarEvent = {
      uid: `040000008200E00074C5B7101A82E008-${i}@outlook.com`,
      sequence: i % 3,
      calendar: 'primary',
      organizer:
        outbound || appointment ? { address: 'sam@ourco.com' } : { address: a.address, name: a.name },
      attendees,
      subject: `Meeting ${i}`,
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + 3_600_000).toISOString(),
      allDay: false,
      location: 'Room 2',
      status: i % 13 === 0 ? 'cancelled' : 'confirmed',
      sensitivity: i % 29 === 0 ? 'private' : 'normal',
      updatedAt: '2026-02-27T10:00:00Z',
    };
    if (i % 17 === 0) event.recurrenceId = event.start;
    return event;
  });
}

export function eventContext(batch: CalendarEvent[]): EventContext {
  const base = context(200, 60, 100);
  const savedEvents: SavedEvent[] = [];
  batch.forEach((event, i) => {
    if (i % 7 === 0 || i % 13 === 0)
      savedEvents.push({
        key: eventKey(event),
        fingerprint: eventFingerprint(event),
        sequence: event.sequence,
        cancelled: false,
      });
    else if (i % 11 === 0)
      savedEvents.push({ key: eventKey(event), fingerprint: 'v1:older', sequence: 0, cancelled: false });
  });
  return {
    ...base,
    settings: { ...base.settings, autoshareMeetings: true, autoshareAppointments: true },
    now: NOW,
    horizonDays: 30,
    savedEvents,
    crmUsers: [
      { address: 'kim@ourco.com', crmUserId: '005KIM' },
      { address: 'sam@ourco.com', crmUserId: '005SAM' },
    ],
  };
}

export const eventsBench: Bench = {
  keys: ['events.decisions_per_s'],
  async run(): Promise<Figure[]> {
    const batch = calendarEvents(1000, 200);
    const ctx = eventContext(batch);
    const rate = callsPerCpuSecond((event) => decideEventAutoshare(event, ctx), batch);
    return [
      {
        key: 'events.decisions_per_s',
        value: Math.round(rate),
        unit: 'decisions/s',
        goal: '>= 200000 on one core, per CPU second (200 people, 60 accounts, 100 opportunities)',
      },
    ];
  },
};
