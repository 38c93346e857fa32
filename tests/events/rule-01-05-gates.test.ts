/** Rules 1 to 5: the primary calendar, the user's own events, private ones, declined ones, and the window. */
import { event, eventContext, invitation, optional, ref, required, room, USER, USER_ALIAS } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

const ctx = eventContext();
const john = [ref.contact('c1')];

describe('rule 1: excluded_calendar', () => {
  test('rule 1: only the primary calendar is read', () => {
    expectWrite(decide(event({ calendar: 'primary' }), ctx), 'save', 'meeting', { who: john });
    const d = decide(event({ calendar: 'other' }), ctx);
    expectSkip(d, 'excluded_calendar');
    expect(traceText(d)).toContain('Liaison only reads your primary calendar');
  });
});

describe('rule 2: not_users_event', () => {
  test('rule 2: neither organizer nor attendee: skipped', () => {
    const e = event({
      organizer: 'john@acme.com',
      attendees: [required('john@acme.com'), required('mary@beta.io')],
    });
    expectSkip(decide(e, ctx), 'not_users_event');
  });

  test('rule 2: any of the user addresses counts, compared case-insensitively', () => {
    const e = invitation({
      attendees: [required('john@acme.com'), required(` ${USER_ALIAS.toUpperCase()} `)],
    });
    const d = decide(e, ctx);
    expectWrite(d, 'save', 'meeting', { who: john });
    expect(traceText(d)).toContain(`You are invited as ${USER_ALIAS}.`);
  });

  test('rule 2: the organizer needs no attendee entry of their own', () => {
    expectWrite(decide(event({ attendees: [required('john@acme.com')] }), ctx), 'save', 'meeting', {
      who: john,
    });
  });
});

describe('rule 3: private', () => {
  test.each(['personal', 'private', 'confidential'] as const)(
    'rule 3: sensitivity %s never syncs, whatever the settings',
    (sensitivity) => {
      const d = decide(event({ sensitivity }), ctx);
      expectSkip(d, 'private');
      expect(traceText(d)).toContain(`it is marked ${sensitivity}`);
      expectSkip(decide(event({ sensitivity, attendees: [required(USER)] }), ctx), 'private');
    },
  );

  test('rule 3: a private event already saved is left as it is (rule 3 comes before rule 6)', () => {
    const saved = eventContext({
      savedEvents: [{ key: 'evt-1@ourco.com', fingerprint: 'x', sequence: 0, cancelled: false }],
    });
    expectSkip(decide(event({ sensitivity: 'private', sequence: 3 }), saved), 'private');
  });
});

describe('rule 4: declined', () => {
  test('rule 4: the user declined: nothing of it is shared', () => {
    const d = decide(invitation({ attendees: [required('john@acme.com'), required(USER, 'declined')] }), ctx);
    expectSkip(d, 'declined');
    expect(traceText(d)).toContain('you declined it');
  });

  test.each(['accepted', 'tentative', 'none'] as const)(
    'rule 4: a response %s is not declining',
    (response) => {
      const e = invitation({ attendees: [required('john@acme.com'), required(USER, response)] });
      expectWrite(decide(e, ctx), 'save', 'meeting', { who: john });
    },
  );

  test('rule 4: the organizer takes part even with a declined entry of their own', () => {
    const e = event({ attendees: [required(USER, 'declined'), required('john@acme.com')] });
    expectWrite(decide(e, ctx), 'save', 'meeting', { who: john });
  });

  test("rule 4: the user's response is that of their first entry in participant order (required before optional)", () => {
    const declinedFirst = invitation({
      attendees: [optional(USER, 'accepted'), required('john@acme.com'), required(USER_ALIAS, 'declined')],
    });
    expectSkip(decide(declinedFirst, ctx), 'declined');
    const acceptedFirst = invitation({
      attendees: [optional(USER_ALIAS, 'declined'), required(USER, 'accepted'), required('john@acme.com')],
    });
    expectWrite(decide(acceptedFirst, ctx), 'save', 'meeting', { who: john });
  });

  test('rule 4: a declined event already saved is left as it is (rule 4 comes before rule 6)', () => {
    const saved = eventContext({
      savedEvents: [{ key: 'evt-1@ourco.com', fingerprint: 'x', sequence: 0, cancelled: false }],
    });
    const e = invitation({
      attendees: [required('john@acme.com'), required(USER, 'declined')],
      subject: 'Changed',
    });
    expectSkip(decide(e, saved), 'declined');
  });

  test('rule 4: the user as a room only (a resource entry) still gives the response', () => {
    const e = invitation({ attendees: [required('john@acme.com'), { ...room(USER), response: 'declined' }] });
    expectSkip(decide(e, ctx), 'declined');
  });
});

describe('rule 5: before_connection and beyond_horizon', () => {
  test('rule 5: an event that ended before the connection is not imported', () => {
    const d = decide(event({ start: '2025-12-31T22:00:00Z', end: '2025-12-31T23:59:59Z' }), ctx);
    expectSkip(d, 'before_connection');
    expect(traceText(d)).toContain('Liaison does not import older events');
  });

  test('rule 5: an event that started before the connection but ended after it is decided', () => {
    const e = event({ start: '2025-12-31T23:00:00Z', end: '2026-01-01T00:30:00Z' });
    expectWrite(decide(e, ctx), 'save', 'meeting', { who: john });
  });

  test('rule 5: ending exactly at the connection, or compared by instants across time zones', () => {
    expect(decide(event({ start: '2025-12-31T23:00:00Z', end: '2026-01-01T00:00:00Z' }), ctx).action).toBe(
      'save',
    );
    const before = event({ start: '2025-12-31T23:00:00Z', end: '2026-01-01T00:30:00+01:00' });
    expectSkip(decide(before, ctx), 'before_connection');
  });

  test('rule 5: an unreadable connectedAt imports nothing', () => {
    expectSkip(decide(event(), eventContext({ connectedAt: 'never' })), 'before_connection');
  });

  test('rule 5: an event starting more than horizonDays after now waits', () => {
    const d = decide(event({ start: '2026-03-31T09:00:01Z', end: '2026-03-31T10:00:00Z' }), ctx);
    expectSkip(d, 'beyond_horizon');
    expect(traceText(d)).toContain('it will be decided again when it comes within 30 days');
    const atHorizon = event({ start: '2026-03-31T09:00:00Z', end: '2026-03-31T10:00:00Z' });
    expect(decide(atHorizon, ctx).action).toBe('save');
  });

  test("rule 5: the horizon is the context's, 30 days when it is missing or unusable", () => {
    const e = event({ start: '2026-03-10T09:00:00Z', end: '2026-03-10T10:00:00Z' });
    expectSkip(decide(e, eventContext({ horizonDays: 7 })), 'beyond_horizon');
    expect(decide(e, eventContext({ horizonDays: 10 })).action).toBe('save');
    expect(decide(e, eventContext({ horizonDays: -1 })).action).toBe('save');
    expect(decide(e, eventContext({ horizonDays: 'soon' as never })).action).toBe('save');
    const far = event({ start: '2026-04-10T09:00:00Z', end: '2026-04-10T10:00:00Z' });
    expectSkip(decide(far, eventContext({ horizonDays: undefined as never })), 'beyond_horizon');
  });

  test('rule 5: past events after the connection are saved (no lower bound but the connection)', () => {
    const e = event({ start: '2026-01-15T10:00:00Z', end: '2026-01-15T11:00:00Z' });
    expect(decide(e, ctx).action).toBe('save');
  });

  test('rule 5: without now, a future event cannot be placed and waits; the core reads no clock', () => {
    expectSkip(decide(event(), eventContext({ now: 'now' })), 'beyond_horizon');
  });
});
