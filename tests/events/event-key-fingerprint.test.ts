/** Section 1: eventKey and eventFingerprint, pure and never throwing. */
import { eventFingerprint, eventKey } from '../../src';
import type { CalendarEvent } from '../../src';
import { event, optional, required, room, USER } from './builders';

describe('section 1: eventKey', () => {
  test('section 1 (eventKey): the uid trimmed, case kept', () => {
    expect(eventKey(event({ uid: '  040000008200E00074C5B7101A82E0080000000@Outlook  ' }))).toBe(
      '040000008200E00074C5B7101A82E0080000000@Outlook',
    );
  });

  test('section 1 (eventKey): an occurrence adds | and its recurrenceId in UTC YYYY-MM-DDTHH:MM:SSZ', () => {
    expect(eventKey(event({ uid: 'u1', recurrenceId: '2026-03-02T10:00:00Z' }))).toBe(
      'u1|2026-03-02T10:00:00Z',
    );
    expect(eventKey(event({ uid: 'u1', recurrenceId: '2026-03-02T11:00+01:00' }))).toBe(
      'u1|2026-03-02T10:00:00Z',
    );
    expect(eventKey(event({ uid: 'u1', recurrenceId: '2026-03-02T05:30:15.750-04:30' }))).toBe(
      'u1|2026-03-02T10:00:15Z',
    );
    expect(eventKey(event({ uid: 'u1', recurrenceId: '2026-01-01T00:30:00+01:00' }))).toBe(
      'u1|2025-12-31T23:30:00Z',
    );
  });

  test('section 1 (eventKey): a malformed recurrenceId is appended trimmed, as given', () => {
    expect(eventKey(event({ uid: 'u1', recurrenceId: '  20260302T100000Z ' }))).toBe('u1|20260302T100000Z');
    expect(eventKey(event({ uid: 'u1', recurrenceId: '' }))).toBe('u1|');
  });

  test('section 1 (eventKey): never throws; garbage gives what it can', () => {
    for (const garbage of [null, undefined, 3, 'x', [], {}, { uid: 5 }, { uid: 'a', recurrenceId: 7 }])
      expect(typeof eventKey(garbage as unknown as CalendarEvent)).toBe('string');
    expect(eventKey({ uid: ' a ', recurrenceId: 7 } as unknown as CalendarEvent)).toBe('a');
    expect(eventKey(null as unknown as CalendarEvent)).toBe('');
  });
});

describe('section 1: eventFingerprint', () => {
  const base = event({
    attendees: [required(USER), required('john@acme.com'), room('room-1@ourco.com')],
    location: 'Room 1',
  });
  const fp = eventFingerprint(base);

  test('section 1 (eventFingerprint): opaque and stable', () => {
    expect(fp).toMatch(/^v1:[0-9a-f]{32}$/);
    expect(eventFingerprint(structuredClone(base))).toBe(fp);
    expect(fp).not.toContain('Quarterly');
  });

  test.each<[string, Partial<CalendarEvent>]>([
    ['subject', { subject: 'Quarterly review 2' }],
    ['start', { start: '2026-03-02T09:30:00Z' }],
    ['end', { end: '2026-03-02T11:30:00Z' }],
    ['allDay', { allDay: true }],
    ['location', { location: 'Room 2' }],
    ['location (removed)', { location: undefined }],
    ['status', { status: 'tentative' }],
    ['organizer', { organizer: { address: 'john@acme.com' } }],
    ['an attendee added', { attendees: [...base.attendees, optional('mary@beta.io')] }],
    ['an attendee removed', { attendees: base.attendees.slice(0, 2) }],
    ['the room changed', { attendees: [base.attendees[0]!, base.attendees[1]!, room('room-2@ourco.com')] }],
  ])('section 1 (eventFingerprint): changes when %s changes', (_what, change) => {
    expect(eventFingerprint({ ...base, ...change })).not.toBe(fp);
  });

  test.each<[string, Partial<CalendarEvent>]>([
    [
      'the same instants in another zone',
      { start: '2026-03-02T11:00:00+01:00', end: '2026-03-02T12:00:00+01:00' },
    ],
    ['attendee order', { attendees: [...base.attendees].reverse() }],
    [
      'responses and types',
      {
        attendees: base.attendees.map((a) => ({
          ...a,
          response: 'declined' as const,
          type: 'optional' as const,
        })),
      },
    ],
    [
      'address case and padding',
      { attendees: base.attendees.map((a) => ({ ...a, address: ` ${a.address.toUpperCase()} ` })) },
    ],
    ['an attendee listed twice', { attendees: [...base.attendees, required('JOHN@acme.com')] }],
    ["the organizer's case and name", { organizer: { address: USER.toUpperCase(), name: 'Rep' } }],
    [
      'names, description, online link, sequence, updatedAt, uid, calendar, sensitivity',
      {
        description: 'x',
        onlineMeetingUrl: 'https://meet',
        sequence: 9,
        updatedAt: '2026-02-28T00:00:00Z',
        uid: 'other',
        calendar: 'other',
        sensitivity: 'private',
        attendees: base.attendees.map((a) => ({ ...a, name: 'Someone' })),
      },
    ],
  ])('section 1 (eventFingerprint): does not change for %s', (_what, change) => {
    expect(eventFingerprint({ ...base, ...change })).toBe(fp);
  });

  test('section 1 (eventFingerprint): an absent location is the empty one', () => {
    expect(eventFingerprint({ ...base, location: '' })).toBe(
      eventFingerprint({ ...base, location: undefined }),
    );
  });

  test('section 1 (eventFingerprint): never throws on garbage', () => {
    for (const garbage of [
      null,
      1,
      'x',
      [],
      {},
      { attendees: [null, 3, { address: 5 }] },
      { start: 5, organizer: 'x' },
    ])
      expect(eventFingerprint(garbage as unknown as CalendarEvent)).toMatch(/^v1:/);
  });
});
