/** Section 4: shareEventContent at each level, rooms never listed, all-day dates, cancelled events. */
import { shareEventContent } from '../../src';
import type { CalendarEvent } from '../../src';
import { event, invitation, optional, required, room, USER } from './builders';

const meeting = event({
  organizer: { address: ' Rep@OurCo.com ', name: 'Rep' },
  attendees: [
    optional('Mary@Beta.io', 'declined'),
    required(USER),
    room('room-1@ourco.com'),
    required('john@acme.com'),
    required('rep@ourco.com'),
  ],
  location: 'Room 1',
  onlineMeetingUrl: 'https://meet.example/abc',
  description: 'Agenda:\n1. Numbers',
});
const WHEN = 'When: 2026-03-02T10:00:00Z – 2026-03-02T11:00:00Z';
const META = [
  'Organizer: Rep@OurCo.com',
  // Participant order (required, then optional), each address once, declined ones included, rooms never.
  'Attendees: john@acme.com, Mary@Beta.io',
  WHEN,
].join('\n');

describe('section 4: shareEventContent', () => {
  test('section 4 (metadata): subject Meeting; Organizer, Attendees, When', () => {
    expect(shareEventContent(meeting, 'metadata', 'meeting')).toEqual({ subject: 'Meeting', body: META });
  });

  test('section 4 (metadata): subject Appointment for kind appointment; the Attendees line left out when empty', () => {
    const alone = event({ attendees: [required(USER), room('room-1@ourco.com')] });
    expect(shareEventContent(alone, 'metadata', 'appointment')).toEqual({
      subject: 'Appointment',
      body: `Organizer: ${USER}\n${WHEN}`,
    });
  });

  test('section 4 (metadata): without a kind, Appointment exactly when no participant but the organizer is left', () => {
    expect(
      shareEventContent(event({ attendees: [required(USER), room('r@ourco.com')] }), 'metadata').subject,
    ).toBe('Appointment');
    expect(shareEventContent(event(), 'metadata').subject).toBe('Meeting');
    // An invitation from john with only the user: a participant other than the organizer (the user) is left.
    expect(shareEventContent(invitation({ attendees: [required(USER)] }), 'metadata').subject).toBe(
      'Meeting',
    );
  });

  test('section 4 (subject): the subject, and the metadata body', () => {
    expect(shareEventContent(meeting, 'subject', 'meeting')).toEqual({
      subject: 'Quarterly review',
      body: META,
    });
  });

  test('section 4 (full): metadata lines, Location, Online meeting, a blank line and the description', () => {
    expect(shareEventContent(meeting, 'full', 'meeting')).toEqual({
      subject: 'Quarterly review',
      body: `${META}\nLocation: Room 1\nOnline meeting: https://meet.example/abc\n\nAgenda:\n1. Numbers`,
    });
  });

  test('section 4 (full): empty or absent location, link and description are left out', () => {
    const bare = { ...meeting, location: ' ', onlineMeetingUrl: '', description: undefined };
    expect(shareEventContent(bare, 'full').body).toBe(META);
    expect(shareEventContent({ ...meeting, location: undefined }, 'full').body).toBe(
      `${META}\nOnline meeting: https://meet.example/abc\n\nAgenda:\n1. Numbers`,
    );
  });

  test('section 4 (all-day): the first and last dates alone (end is the following midnight, exclusive)', () => {
    const oneDay = event({
      allDay: true,
      start: '2026-03-02T00:00:00+01:00',
      end: '2026-03-03T00:00:00+01:00',
    });
    expect(shareEventContent(oneDay, 'metadata').body.split('\n').at(-1)).toBe('When: 2026-03-02');
    const threeDays = event({ allDay: true, start: '2026-02-27T00:00:00Z', end: '2026-03-02T00:00:00Z' });
    expect(shareEventContent(threeDays, 'metadata').body.split('\n').at(-1)).toBe(
      'When: 2026-02-27 – 2026-03-01',
    );
  });

  test('section 4 (cancelled): the content is kept, the subject prefixed Cancelled:', () => {
    const cancelled: CalendarEvent = { ...meeting, status: 'cancelled' };
    expect(shareEventContent(cancelled, 'metadata', 'meeting')).toEqual({
      subject: 'Cancelled: Meeting',
      body: META,
    });
    expect(shareEventContent(cancelled, 'subject').subject).toBe('Cancelled: Quarterly review');
    expect(shareEventContent(cancelled, 'full').body).toBe(shareEventContent(meeting, 'full').body);
  });

  test('section 4: an unknown level shares the least; garbage never throws', () => {
    expect(shareEventContent(meeting, 'everything' as never, 'meeting')).toEqual({
      subject: 'Meeting',
      body: META,
    });
    for (const garbage of [null, 3, 'x', [], {}, { attendees: 'x', organizer: 5, allDay: true, start: 7 }]) {
      const c = shareEventContent(garbage as unknown as CalendarEvent, 'full');
      expect(typeof c.subject).toBe('string');
      expect(c.body).toMatch(/^Organizer: /);
    }
  });
});
