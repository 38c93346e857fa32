import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CalendarEvent } from '../../../../src';
import { readEvent } from '../../../../src/events/read-event';
import { InvitationCalendarSource } from '../../../../server/providers/invitation-calendar-source';
import { deliverToMaildir, MaildirSource } from '../../../../server/providers/maildir';
import { demoInvitations } from '../../../../server/sync/demo/demo-invitations';

// The demo mailbox's invitations, delivered as `npm start` does and read by the Maildir calendar source: a customer
// meeting, an internal weekly series, an appointment with a room, and a cancellation, all within the horizon.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-demo-invitations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ourco = (address: string) => address.endsWith('@ourco.com');

test('the demo invitations read as a meeting, an internal series, an appointment and a cancellation', async () => {
  const at = new Date('2026-12-06T10:00:00Z');
  const source = new InvitationCalendarSource(new MaildirSource({ dir }), { now: () => at });
  const cursor = await source.initialCursor(new Date(Date.now() - 60_000), 30);
  for (const m of demoInvitations(at)) await deliverToMaildir(dir, m.folder, m.eml);
  const batch = await source.changes(cursor);
  expect(batch.skipped).toBeUndefined();
  const events = batch.changes.map((c) => (c.kind === 'event' ? c.event : undefined)) as CalendarEvent[];
  for (const event of events) expect(readEvent(event)).toMatchObject({ ok: true });
  const horizon = at.getTime() + 30 * 24 * 3_600_000;
  for (const event of events) {
    expect(Date.parse(event.start)).toBeGreaterThan(at.getTime());
    expect(Date.parse(event.start)).toBeLessThan(horizon);
  }

  const bySubject = (subject: string) => events.filter((e) => e.subject === subject);
  const [meeting] = bySubject('Acme renewal walkthrough');
  expect(meeting).toMatchObject({
    organizer: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
    start: '2026-12-07T15:00:00Z',
    end: '2026-12-07T16:00:00Z',
    status: 'confirmed',
    onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/demo',
  });
  expect(meeting?.attendees.map((a) => a.address)).toEqual([
    'admin@ourco.com',
    'john.smith@acme.com',
    'lee@northwind-advisors.com',
  ]);

  const series = bySubject('Weekly pipeline review');
  expect(series.map((e) => e.recurrenceId)).toEqual([
    '2026-12-08T09:00:00Z',
    '2026-12-15T09:00:00Z',
    '2026-12-22T09:00:00Z',
    '2026-12-29T09:00:00Z',
  ]);
  for (const e of series)
    expect([e.organizer.address, ...e.attendees.map((a) => a.address)].every(ourco)).toBe(true);

  const [appointment] = bySubject('Prepare the Globex proposal');
  expect(appointment?.organizer.address).toBe('admin@ourco.com');
  expect(appointment?.attendees).toEqual([
    { address: 'boardroom@ourco.com', name: 'Board Room', type: 'resource', response: 'accepted' },
  ]);

  const checkIn = bySubject('Acme onboarding check-in');
  expect(checkIn.map((e) => [e.status, e.sequence])).toEqual([['cancelled', 1]]);
  expect(events).toHaveLength(7);
});
