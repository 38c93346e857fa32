/** Rule 0: invalid_event. Every field is checked against the contract; the trace names the field; nothing throws. */
import type { CalendarEvent } from '../../src';
import { END, event, eventContext, invitation, required, room, START, USER } from './builders';
import { decide, expectSkip, traceText } from './expectations';

const ctx = eventContext();

/** The event with one field replaced (or removed, for undefined), as a source might send it. */
function withField(field: string, value: unknown): CalendarEvent {
  const e: Record<string, unknown> = { ...event() };
  if (value === undefined) delete e[field];
  else e[field] = value;
  return e as unknown as CalendarEvent;
}

describe('rule 0: invalid_event', () => {
  test.each([null, undefined, 'an event', 42, [], true])('rule 0: %p is not an event', (input) => {
    const d = decide(input as unknown as CalendarEvent, ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain('there is no event at all');
    expect(d.key).toBe('');
  });

  test.each([
    'uid',
    'sequence',
    'calendar',
    'organizer',
    'attendees',
    'subject',
    'start',
    'end',
    'allDay',
    'status',
    'sensitivity',
    'updatedAt',
  ])('rule 0: a missing required field (%s) is named', (field) => {
    const d = decide(withField(field, undefined), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain(`${field} is missing`);
  });

  test.each([
    ['uid', 7, 'uid is not text'],
    ['sequence', '1', 'sequence is not a number'],
    ['calendar', 'shared', `calendar "shared" is not one of 'primary', 'other'`],
    ['organizer', 'rep@ourco.com', 'organizer is not an email address'],
    ['attendees', {}, 'attendees is not a list'],
    ['subject', 5, 'subject is not text'],
    ['allDay', 'yes', 'allDay is not true or false'],
    ['location', 5, 'location is not text'],
    ['description', null, 'description is not text'],
    ['onlineMeetingUrl', 1, 'onlineMeetingUrl is not text'],
    ['status', 'done', `status "done" is not one of 'confirmed', 'tentative', 'cancelled'`],
    ['sensitivity', 'secret', 'sensitivity "secret" is not one of'],
    ['start', 1772445600000, 'start is not a date and time'],
  ])('rule 0: %s of the wrong type is named', (field, value, words) => {
    const d = decide(withField(field, value), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain(words);
  });

  test('rule 0: an empty uid (white space only) is invalid', () => {
    const d = decide(event({ uid: '   ' }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain('uid is empty');
  });

  test('rule 0: an attendee address that is not a plain addr-spec names its field (attendees[2].address)', () => {
    const attendees = [required(USER), required('john@acme.com'), required('John <mary@acme.com>')];
    const d = decide(event({ attendees }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain(
      'attendees[2].address "John <mary@acme.com>" is not a valid email address',
    );
  });

  test('rule 0: a room with a broken address is invalid too, though rooms are never participants', () => {
    const d = decide(event({ attendees: [required('john@acme.com'), room('room 1')] }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain('attendees[1].address');
  });

  test('rule 0: the organizer address must be a plain addr-spec; an empty one is named', () => {
    expect(traceText(decide(event({ organizer: 'not-an-address' }), ctx))).toContain('organizer.address');
    const d = decide(event({ organizer: { address: ' ' } }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain('organizer.address is empty');
  });

  test('rule 0: attendee type and response must be the contract words; an attendee must be an object', () => {
    const bad = [
      { address: 'john@acme.com', type: 'chair', response: 'accepted' },
      { address: 'mary@acme.com', type: 'required', response: 'maybe' },
      'tom@acme.com',
    ];
    const d = decide(event({ attendees: bad as never }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain('attendees[0].type "chair" is not one of');
    expect(traceText(d)).toContain('attendees[1].response "maybe" is not one of');
    expect(traceText(d)).toContain('attendees[2] is not an email address');
  });

  test.each([
    ['start', '2026-02-30T10:00:00Z'],
    ['start', '2026-03-02T10:00:00'],
    ['end', '2026-03-02 11:00'],
    ['updatedAt', 'yesterday'],
    ['recurrenceId', '2026-13-01T00:00:00Z'],
  ])('rule 0: %s %p is not a date-time with a time zone naming a real date', (field, value) => {
    const d = decide(withField(field, value), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toContain(`${field} "${value}" is not a valid date and time with a time zone`);
  });

  test('rule 0: end earlier than start names end', () => {
    const d = decide(event({ start: END, end: START }), ctx);
    expectSkip(d, 'invalid_event');
    expect(traceText(d)).toMatch(/end "2026-03-02T10:00:00Z" is earlier than start/);
  });

  test('rule 0: end equal to start (a reminder-like event) and end in another time zone are valid', () => {
    expect(decide(event({ end: START }), ctx).action).toBe('save');
    expect(decide(event({ end: '2026-03-02T11:30:00+01:00' }), ctx).action).toBe('save');
  });

  test('rule 0: all problems are named in one sentence, and the skip keeps key and content level', () => {
    const d = decide(event({ uid: ' k ', subject: 3 as never, end: 'soon' }), ctx);
    expectSkip(d, 'invalid_event');
    expect(d.trace).toHaveLength(1);
    expect(d.trace[0]).toMatch(/^Skipped: the event is malformed: subject is not text; end "soon" .*\.$/);
    expect(d.key).toBe('k');
    expect(d.content).toBe('full'); // the user organises it: outbound
    expect(d.kind).toBe('meeting');
    expect(decide(invitation({ end: 'soon' }), ctx).content).toBe('subject'); // inbound
  });
});
