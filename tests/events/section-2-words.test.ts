/** Section 2: participants, the user's response, duplicates, all-day events, meeting or appointment, direction. */
import {
  appointment,
  contact,
  event,
  eventContext,
  invitation,
  optional,
  ref,
  required,
  room,
  USER,
  USER_ALIAS,
} from './builders';
import { decide, expectSkip, expectWrite } from './expectations';

const people = [
  contact('c1', 'john@acme.com'),
  contact('c2', 'mary@beta.io'),
  contact('c3', 'zoe@gamma.org'),
  contact('c9', 'room-7@acme.com'),
];
const ctx = eventContext({ people });

describe('section 2: participants', () => {
  test('section 2 (participants): organizer, then required, then optional attendees, whatever the list order', () => {
    const e = invitation({
      organizer: 'zoe@gamma.org',
      attendees: [optional('john@acme.com'), required(USER), required('mary@beta.io')],
    });
    expectWrite(decide(e, ctx), 'save', 'meeting', {
      who: [ref.contact('c3'), ref.contact('c2'), ref.contact('c1')],
    });
  });

  test('section 2 (participants): resources are never matched, created or blacklist-checked', () => {
    const e = event({ attendees: [required('john@acme.com'), room('room-7@acme.com')] });
    expectWrite(decide(e, ctx), 'save', 'meeting', { who: [ref.contact('c1')] });
    const created = eventContext({
      people,
      settings: { autoCreateContacts: true },
      accounts: [{ id: 'a7', domains: ['rooms.io'] }],
    });
    const withRoom = event({ attendees: [required('john@acme.com'), room('board@rooms.io')] });
    expectWrite(decide(withRoom, created), 'save', 'meeting', { who: [ref.contact('c1')] });
    const blacklisted = eventContext({
      people,
      blacklist: ['rooms.io'],
      settings: { blacklistPolicy: 'skip-email' },
    });
    expectWrite(decide(withRoom, blacklisted), 'save', 'meeting', { who: [ref.contact('c1')] });
  });

  test('section 2 (duplicates): an address listed twice counts once, with its first entry in participant order', () => {
    // mary declined as an optional attendee but is also a required one (accepted): she is linked.
    const e = event({ attendees: [optional('Mary@Beta.io', 'declined'), required('mary@beta.io')] });
    expectWrite(decide(e, ctx), 'save', 'meeting', { who: [ref.contact('c2')] });
    // john is required twice: the first entry (declined) is his.
    const twice = event({
      attendees: [required('john@acme.com', 'declined'), required('JOHN@acme.com'), required('mary@beta.io')],
    });
    expectWrite(decide(twice, ctx), 'save', 'meeting', { who: [ref.contact('c2')] });
  });

  test('section 2 (duplicates): the organizer listed as an attendee counts once, as the organizer', () => {
    const e = invitation({ attendees: [required('john@acme.com', 'declined'), required(USER)] });
    expectWrite(decide(e, ctx), 'save', 'meeting', { who: [ref.contact('c1')] });
  });
});

describe('section 2: meeting or appointment', () => {
  test('section 2 (appointment): the user alone, perhaps with a room, or with their own aliases', () => {
    expect(decide(appointment(), ctx).kind).toBe('appointment');
    expect(decide(event({ attendees: [] }), ctx).kind).toBe('appointment');
    expect(decide(event({ attendees: [required(USER_ALIAS)] }), ctx).kind).toBe('appointment');
  });

  test('section 2 (meeting): any participant who is not the user, colleagues and declined ones included', () => {
    expect(decide(event({ attendees: [required('kim@ourco.com')] }), ctx).kind).toBe('meeting');
    const declinedOnly = event({ attendees: [required('john@acme.com', 'declined')] });
    const d = decide(declinedOnly, ctx);
    expect(d.kind).toBe('meeting');
    expectSkip(d, 'no_known_participant');
  });
});

describe('section 2: all-day events and direction', () => {
  test("section 2 (all-day): midnight to the following midnight in the calendar's zone is decided by those instants", () => {
    const allDay = event({
      allDay: true,
      start: '2026-03-02T00:00:00+01:00',
      end: '2026-03-03T00:00:00+01:00',
    });
    expectWrite(decide(allDay, ctx), 'save', 'meeting', { who: [ref.contact('c1')] });
    const farAllDay = event({ allDay: true, start: '2026-04-01T00:00:00Z', end: '2026-04-02T00:00:00Z' });
    expectSkip(decide(farAllDay, ctx), 'beyond_horizon');
  });

  test('section 2 (direction): outbound when the user organises it, else inbound', () => {
    const levels = eventContext({ people, settings: { sharing: { inbound: 'metadata', outbound: 'full' } } });
    expect(decide(event(), levels).content).toBe('full');
    expect(decide(event({ organizer: USER_ALIAS.toUpperCase() }), levels).content).toBe('full');
    expect(decide(invitation(), levels).content).toBe('metadata');
  });
});
