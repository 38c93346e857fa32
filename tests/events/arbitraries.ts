/**
 * fast-check generators for the event properties. Addresses, CRM records, internal domains and the blacklist come
 * from the email rulebook's small pools, so they collide often; the saved events are built from the generated
 * event itself (same fingerprint, another one, older, cancelled), so rule 6 is reached as often as the others.
 */
import fc from 'fast-check';
import { eventFingerprint, eventKey } from '../../src';
import type { CalendarAttendee, CalendarEvent, EventContext, SavedEvent } from '../../src';
import { arbContext, DOMAINS, LOCALS } from '../rulebook/arbitraries';
import { USER, USER_ALIAS } from '../rulebook/builders';

export { domainOf, norm } from '../rulebook/arbitraries';

const spelled = (a: fc.Arbitrary<string>) =>
  a.chain((x) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(x) },
      { weight: 1, arbitrary: fc.constant(x.toUpperCase()) },
      { weight: 1, arbitrary: fc.constant(` ${x} `) },
    ),
  );
const stranger = spelled(
  fc.tuple(fc.constantFrom(...LOCALS, 'kim'), fc.constantFrom(...DOMAINS)).map(([l, d]) => `${l}@${d}`),
);
const userAddress = spelled(fc.constantFrom(USER, USER_ALIAS));
const anyone = fc.oneof({ weight: 4, arbitrary: stranger }, { weight: 2, arbitrary: userAddress });

const attendee: fc.Arbitrary<CalendarAttendee> = fc.record(
  {
    address: anyone,
    name: fc.constant('Some Name'),
    type: fc.constantFrom<CalendarAttendee['type']>('required', 'required', 'optional', 'resource'),
    response: fc.constantFrom<CalendarAttendee['response']>(
      'accepted',
      'accepted',
      'tentative',
      'none',
      'declined',
    ),
  },
  { requiredKeys: ['address', 'type', 'response'] },
);

const START = [
  '2026-03-02T10:00:00Z',
  '2026-03-02T11:00:00+01:00',
  '2026-02-10T08:00:00-05:00',
  '2026-03-20T10:00:00Z',
  '2026-03-02T10:00:00Z',
  '2026-03-02T11:00:00+01:00',
  '2025-12-31T23:00:00Z', // ends before or after the connection
  '2026-05-01T09:00:00Z', // beyond the horizon
];

/** The usual value nine times in ten, else one of the rare ones. */
const mostly = <T>(usual: T, ...rare: T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });

export const arbEvent: fc.Arbitrary<CalendarEvent> = fc
  .record({
    uid: fc.constantFrom('e1@ourco.com', ' e1@ourco.com ', 'E2@acme.com'),
    recurrenceId: fc.option(fc.constantFrom('2026-03-02T10:00:00Z', '2026-03-02T11:00:00+01:00'), {
      nil: undefined,
      freq: 4,
    }),
    sequence: fc.integer({ min: 0, max: 3 }),
    calendar: mostly<CalendarEvent['calendar']>('primary', 'other'),
    organizerIsUser: fc.boolean(),
    userOrganizer: userAddress,
    strangerOrganizer: stranger,
    // Invitations mostly list the user: an entry of the user's, appended where the generator made one.
    userEntry: fc.option(attendee, { nil: undefined, freq: 4 }),
    attendees: fc.array(attendee, { maxLength: 5 }),
    subject: fc.constantFrom('Review', 'Demo', 'Lunch'),
    start: fc.constantFrom(...START),
    minutes: fc.constantFrom(0, 30, 60, 60 * 24),
    allDay: fc.boolean(),
    location: fc.option(fc.constantFrom('Room 1', '', 'Online'), { nil: undefined }),
    description: fc.option(fc.constant('Agenda'), { nil: undefined }),
    status: mostly<CalendarEvent['status']>('confirmed', 'tentative', 'cancelled'),
    sensitivity: mostly<CalendarEvent['sensitivity']>('normal', 'personal', 'private', 'confidential'),
  })
  .map(
    ({
      organizerIsUser,
      userOrganizer,
      strangerOrganizer,
      userEntry,
      minutes,
      start,
      recurrenceId,
      location,
      description,
      ...e
    }) => {
      const event: CalendarEvent = {
        ...e,
        attendees: userEntry ? [...e.attendees, { ...userEntry, address: USER }] : e.attendees,
        organizer: { address: organizerIsUser ? userOrganizer : strangerOrganizer },
        start,
        end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
        updatedAt: '2026-02-01T00:00:00Z',
      };
      if (recurrenceId !== undefined) event.recurrenceId = recurrenceId;
      if (location !== undefined) event.location = location;
      if (description !== undefined) event.description = description;
      return event;
    },
  );

const CRM_USERS = [
  { address: 'kim@ourco.com', crmUserId: 'crm-kim' },
  { address: 'john@ourco.com', crmUserId: 'crm-john' },
  { address: USER, crmUserId: 'crm-u1' },
  { address: 'mary@acme.com', crmUserId: 'crm-partner' },
];

/** How the generated event stands in savedEvents. */
const savedKind = fc.oneof(
  { weight: 6, arbitrary: fc.constant('none') },
  { weight: 4, arbitrary: fc.constantFrom('same', 'changed', 'newer', 'cancelled', 'other-key') },
);

export const arbEventCase: fc.Arbitrary<{ event: CalendarEvent; ctx: EventContext }> = fc
  .record({
    event: arbEvent,
    base: arbContext,
    saved: savedKind,
    crmUsers: fc.subarray(CRM_USERS),
    autoshareMeetings: fc.constantFrom(true, true, true, false),
    autoshareAppointments: fc.constantFrom(true, true, false),
    horizonDays: fc.constantFrom(30, 30, 7, 90),
  })
  .map(({ event, base, saved, crmUsers, autoshareMeetings, autoshareAppointments, horizonDays }) => {
    const key = eventKey(event);
    const fingerprint = eventFingerprint(event);
    const entry: Record<string, SavedEvent> = {
      same: { key, fingerprint, sequence: event.sequence, cancelled: false },
      changed: { key, fingerprint: 'v1:old', sequence: event.sequence, cancelled: false },
      newer: { key, fingerprint: 'v1:old', sequence: event.sequence + 1, cancelled: false },
      cancelled: { key, fingerprint, sequence: event.sequence, cancelled: true },
      'other-key': { key: `${key}-x`, fingerprint, sequence: 0, cancelled: false },
    };
    const ctx: EventContext = {
      ...base,
      settings: { ...base.settings, autoshareMeetings, autoshareAppointments },
      now: '2026-03-01T00:00:00Z',
      horizonDays,
      savedEvents: saved === 'none' ? [] : [entry[saved] as SavedEvent],
      crmUsers,
    };
    return { event, ctx };
  });
