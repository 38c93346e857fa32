import fc from 'fast-check';
import type { CalendarEvent } from '../../../src';
import {
  emlInvitationEvents,
  invitationSourceId,
  isCalendarPart,
  newestChanges,
} from '../../../server/providers/invitation-events';
import { ics, makeInvitationEml, vevent } from '../../support/mail/make-invitation';

// The invitations an email carries: its text/calendar alternative and .ics attachments, one change per event in a
// batch (newest SEQUENCE), and never a throw whatever the calendar part holds.

const WINDOW = { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2027-01-31T00:00:00Z') };

const meeting = (sequence: number, method = 'REQUEST') =>
  ics(
    method,
    ...vevent(
      'UID:renewal@customer.example',
      `SEQUENCE:${sequence}`,
      'ORGANIZER:mailto:ann@customer.example',
      'SUMMARY:Renewal',
      'DTSTART:20261208T100000Z',
      'DTEND:20261208T110000Z',
      'DTSTAMP:20261201T090000Z',
    ),
  );

test('the text/calendar alternative and the same file attached as invite.ics give one change', async () => {
  const read = await emlInvitationEvents(
    makeInvitationEml({ messageId: 'm@test', calendar: meeting(0), attach: true }),
    WINDOW,
  );
  expect(read.events).toHaveLength(2);
  const changes = newestChanges(read.events);
  expect(changes).toEqual([{ kind: 'event', sourceId: 'renewal@customer.example', event: read.events[1] }]);
});

test('the reasons a hostile file gives are few and short', async () => {
  const text = ics(
    'REQUEST',
    ...Array.from({ length: 60 }, (_, i) => vevent(`UID:${'u'.repeat(5000)}${i}`, 'SUMMARY:x')).flat(),
  );
  const read = await emlInvitationEvents(makeInvitationEml({ messageId: 'h@test', calendar: text }), WINDOW);
  expect(read.events).toEqual([]);
  expect(read.skipped).toHaveLength(20);
  expect(Math.max(...read.skipped.map((r) => r.length))).toBeLessThanOrEqual(300);
});

test('application/ics and .ics octet-streams are calendar parts; other attachments are not', () => {
  expect(isCalendarPart({ contentType: 'text/calendar', name: 'x' })).toBe(true);
  expect(isCalendarPart({ contentType: 'application/ics', name: 'x' })).toBe(true);
  expect(isCalendarPart({ contentType: 'application/octet-stream', name: 'Invite.ICS' })).toBe(true);
  expect(isCalendarPart({ contentType: 'application/octet-stream', name: 'quote.pdf' })).toBe(false);
  expect(isCalendarPart({ contentType: 'text/plain', name: 'notes.ics' })).toBe(false);
});

test('a message without ORGANIZER uses its sender; a plain email gives nothing', async () => {
  const text = ics('REQUEST', ...vevent('UID:o', 'DTSTART:20261208T100000Z', 'DTSTAMP:20261201T090000Z'));
  const read = await emlInvitationEvents(
    makeInvitationEml({ messageId: 'o@test', calendar: text, from: 'Bo <bo@customer.example>' }),
    WINDOW,
  );
  expect(read.events[0]?.organizer).toEqual({ address: 'bo@customer.example', name: 'Bo' });
  const plain = 'Message-ID: <p@test>\r\nFrom: a@b.example\r\nSubject: hi\r\n\r\nhello\r\n';
  expect(await emlInvitationEvents(plain, WINDOW)).toEqual({ events: [], skipped: [] });
});

function event(sequence: number, updatedAt: string, subject: string, recurrenceId?: string): CalendarEvent {
  return {
    uid: 'u',
    ...(recurrenceId && { recurrenceId }),
    sequence,
    calendar: 'primary',
    organizer: { address: 'ann@customer.example' },
    attendees: [],
    subject,
    start: '2026-12-08T10:00:00Z',
    end: '2026-12-08T11:00:00Z',
    allDay: false,
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt,
  };
}

test('the newest SEQUENCE wins whatever the order, then the latest stamp, then the one read last', () => {
  const old = event(1, '2026-12-02T00:00:00Z', 'old');
  const newer = event(2, '2026-12-01T00:00:00Z', 'newer');
  expect(newestChanges([newer, old]).map((c) => c.kind === 'event' && c.event.subject)).toEqual(['newer']);
  expect(newestChanges([old, newer]).map((c) => c.kind === 'event' && c.event.subject)).toEqual(['newer']);
  const stamped = event(2, '2026-12-03T00:00:00Z', 'stamped');
  expect(newestChanges([stamped, newer]).map((c) => c.kind === 'event' && c.event.subject)).toEqual([
    'stamped',
  ]);
  const again = event(2, '2026-12-03T00:00:00Z', 'again');
  expect(newestChanges([stamped, again]).map((c) => c.kind === 'event' && c.event.subject)).toEqual([
    'again',
  ]);
  const occurrence = event(0, '2026-12-01T00:00:00Z', 'one', '2026-12-08T10:00:00Z');
  expect(invitationSourceId(occurrence)).toBe('u|2026-12-08T10:00:00Z');
  expect(newestChanges([old, occurrence]).map((c) => c.sourceId)).toEqual(['u', 'u|2026-12-08T10:00:00Z']);
});

test('property: any bytes or text as a text/calendar part never throw, and whatever comes is an event', async () => {
  const calendars = fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ maxLength: 2000 }),
    // Lines that look like iCalendar, shuffled and cut: the parser's paths rather than its first check.
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'BEGIN:VCALENDAR',
            'END:VCALENDAR',
            'METHOD:REQUEST',
            'METHOD:CANCEL',
            'BEGIN:VEVENT',
            'END:VEVENT',
            'UID:x',
            'DTSTART:20261208T100000Z',
            'DTSTART;VALUE=DATE:20261208',
            'DTEND:20261201T100000Z',
            'RRULE:FREQ=DAILY;COUNT=3',
            'RRULE:FREQ=MINUTELY',
            'EXDATE:20261209T100000Z',
            'RECURRENCE-ID:20261209T100000Z',
            'DTSTART;TZID=Mars/Olympus:20261208T100000',
            'BEGIN:VTIMEZONE',
            'TZID:Mars/Olympus',
            'END:VTIMEZONE',
            'ATTENDEE;CUTYPE=ROOM:mailto:',
            'ORGANIZER:mailto:a@b.example',
            'SEQUENCE:-4',
            'SEQUENCE:99999999999999999999',
            'DURATION:P-1D',
            'BEGIN:VALARM',
            'END:VALARM',
          ),
          fc.string({ maxLength: 40 }),
        ),
        { maxLength: 40 },
      )
      .map((lines) => lines.join('\r\n')),
  );
  await fc.assert(
    fc.asyncProperty(calendars, async (calendar) => {
      const read = await emlInvitationEvents(makeInvitationEml({ messageId: 'f@test', calendar }), WINDOW);
      for (const e of read.events) {
        expect(typeof e.uid).toBe('string');
        expect(typeof e.start).toBe('string');
      }
      expect(Array.isArray(read.skipped)).toBe(true);
    }),
    { numRuns: 300 },
  );
});
