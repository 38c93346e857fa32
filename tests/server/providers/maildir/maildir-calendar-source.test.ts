import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CalendarBatch, CalendarCursor } from '../../../../server/providers/calendar-source';
import { InvitationCalendarSource } from '../../../../server/providers/invitation-calendar-source';
import { deliverToMaildir, MaildirSource } from '../../../../server/providers/maildir';
import { maildir as maildirProvider } from '../../../../server/providers/maildir/maildir-provider';
import type { Mailbox } from '../../../../server/db/mailboxes-repo';
import { makeEml } from '../../../support/dovecot/make-eml';
import { ics, makeInvitationEml, vevent } from '../../../support/mail/make-invitation';

// The calendar of a Maildir mailbox: the invitations delivered into it, read under a cursor of its own that walks
// the folders as the mail cursor does (nothing from before the connection, each message once), series expanded to
// the horizon, the newest SEQUENCE of one event winning within a batch.

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-12-06T12:00:00Z');

function calendar(): { dir: string; source: InvitationCalendarSource } {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-maildir-cal-'));
  dirs.push(dir);
  return { dir, source: new InvitationCalendarSource(new MaildirSource({ dir }), { now: () => NOW }) };
}

const roundTrip = (cursor: CalendarCursor) => JSON.parse(JSON.stringify(cursor)) as CalendarCursor;
const summary = (batch: CalendarBatch) =>
  batch.changes.map((c) =>
    c.kind === 'event' ? [c.sourceId, c.event.subject, c.event.status, c.event.sequence] : [c.sourceId],
  );

function invitation(
  uid: string,
  sequence: number,
  subject: string,
  method = 'REQUEST',
  ...extra: string[]
): string {
  return ics(
    method,
    ...vevent(
      `UID:${uid}`,
      `SEQUENCE:${sequence}`,
      'ORGANIZER:mailto:ann@customer.example',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:rep@liaison.example',
      `SUMMARY:${subject}`,
      'DTSTART:20261208T100000Z',
      'DTEND:20261208T110000Z',
      'DTSTAMP:20261206T090000Z',
      ...extra,
    ),
  );
}

test('invitations already there at the connection are not read; new ones are, once, from inbox and sent', async () => {
  const { dir, source } = calendar();
  await deliverToMaildir(
    dir,
    'INBOX',
    makeInvitationEml({ messageId: 'before@test', calendar: invitation('before', 0, 'Before') }),
  );
  const cursor = await source.initialCursor(NOW, 30);
  expect((await source.changes(cursor)).changes).toEqual([]);

  await deliverToMaildir(
    dir,
    'INBOX',
    makeInvitationEml({ messageId: 'in@test', calendar: invitation('in', 0, 'Inbound') }),
  );
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'plain@test' }));
  await deliverToMaildir(
    dir,
    'Sent',
    makeInvitationEml({ messageId: 'out@test', calendar: invitation('out', 0, 'Outbound'), attach: true }),
  );
  await deliverToMaildir(
    dir,
    'Junk',
    makeInvitationEml({ messageId: 'junk@test', calendar: invitation('junk', 0, 'Junk') }),
  );
  const batch = await source.changes(roundTrip(cursor));
  expect(summary(batch)).toEqual([
    ['in', 'Inbound', 'confirmed', 0],
    ['out', 'Outbound', 'confirmed', 0],
  ]);
  expect(batch.more).toBe(false);
  expect((await source.changes(roundTrip(batch.cursor))).changes).toEqual([]);
});

test('an update and a cancellation in one batch: the newest SEQUENCE wins, whatever the delivery order', async () => {
  const { dir, source } = calendar();
  const cursor = await source.initialCursor(NOW, 30);
  const deliver = (id: string, text: string) =>
    deliverToMaildir(dir, 'INBOX', makeInvitationEml({ messageId: id, calendar: text }));
  await deliver('r0@test', invitation('review', 0, 'Review'));
  await deliver('c2@test', invitation('review', 2, 'Review', 'CANCEL'));
  await deliver('r1@test', invitation('review', 1, 'Review (moved)'));
  await deliver('reply@test', invitation('review', 3, 'Accepted: Review', 'REPLY'));
  const batch = await source.changes(cursor);
  expect(summary(batch)).toEqual([['review', 'Review', 'cancelled', 2]]);
});

test('a series is expanded from the connection to the horizon; the engine gets each occurrence', async () => {
  const { dir, source } = calendar();
  const cursor = await source.initialCursor(NOW, 10);
  const daily = ics(
    'REQUEST',
    ...vevent(
      'UID:standup',
      'ORGANIZER:mailto:ann@customer.example',
      'SUMMARY:Standup',
      'DTSTART:20261201T090000Z',
      'DTEND:20261201T091500Z',
      'RRULE:FREQ=DAILY',
      'EXDATE:20261210T090000Z',
      'DTSTAMP:20261206T090000Z',
    ),
  );
  await deliverToMaildir(dir, 'INBOX', makeInvitationEml({ messageId: 'standup@test', calendar: daily }));
  const batch = await source.changes(cursor);
  // 6 December 12:00 (connection) to 16 December 12:00 (10 days after now): 7 to 16 December, less the 10th.
  const ids = batch.changes.map((c) => c.sourceId);
  expect(ids[0]).toBe('standup|2026-12-07T09:00:00Z');
  expect(ids.at(-1)).toBe('standup|2026-12-16T09:00:00Z');
  expect(ids).toHaveLength(9);
  expect(ids).not.toContain('standup|2026-12-10T09:00:00Z');
});

test('a malformed invitation gives no event and a reason; the batch goes on', async () => {
  const { dir, source } = calendar();
  const cursor = await source.initialCursor(NOW, 30);
  await deliverToMaildir(
    dir,
    'INBOX',
    makeInvitationEml({
      messageId: 'bad@test',
      calendar: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:garbage',
    }),
  );
  await deliverToMaildir(
    dir,
    'INBOX',
    makeInvitationEml({ messageId: 'good@test', calendar: invitation('good', 0, 'Good') }),
  );
  const batch = await source.changes(cursor);
  expect(summary(batch)).toEqual([['good', 'Good', 'confirmed', 0]]);
  expect(batch.skipped).toHaveLength(1);
  expect(batch.skipped?.[0]).toMatch(/^<bad@test>: /);
});

test('paging: the limit bounds the messages read, and the cursor goes on from where it stopped', async () => {
  const { dir, source } = calendar();
  const cursor = await source.initialCursor(NOW, 30);
  for (let i = 0; i < 5; i++)
    await deliverToMaildir(
      dir,
      'INBOX',
      makeInvitationEml({ messageId: `p${i}@test`, calendar: invitation(`p${i}`, 0, `P${i}`) }),
      {
        mtime: new Date(Date.now() + i * 1000),
      },
    );
  const first = await source.changes(cursor, { limit: 2 });
  expect([first.changes.map((c) => c.sourceId), first.more]).toEqual([['p0', 'p1'], true]);
  const second = await source.changes(first.cursor, { limit: 2 });
  expect([second.changes.map((c) => c.sourceId), second.more]).toEqual([['p2', 'p3'], true]);
  const third = await source.changes(roundTrip(second.cursor), { limit: 2 });
  expect([third.changes.map((c) => c.sourceId), third.more]).toEqual([['p4'], false]);
});

test('a large invitation (read by its header block first) is read whole for its calendar', async () => {
  const { dir, source } = calendar();
  const cursor = await source.initialCursor(NOW, 30);
  const long = invitation('long', 0, 'Long', 'REQUEST', `DESCRIPTION:${'Agenda item. '.repeat(20_000)}`);
  await deliverToMaildir(dir, 'INBOX', makeInvitationEml({ messageId: 'long@test', calendar: long }));
  const batch = await source.changes(cursor);
  expect(summary(batch)).toEqual([['long', 'Long', 'confirmed', 0]]);
});

test('the Maildir provider offers this calendar for a stored mailbox', async () => {
  const { dir } = calendar();
  const mailbox = { settings: { dir } } as unknown as Mailbox;
  const source = await maildirProvider.calendarSource!({ mailbox, secret: () => ({}), options: {} });
  const cursor = await source.initialCursor(new Date(), 30);
  await deliverToMaildir(
    dir,
    'INBOX',
    makeInvitationEml({ messageId: 'p@test', calendar: invitation('via-provider', 0, 'Via') }),
  );
  expect((await source.changes(cursor)).changes.map((c) => c.sourceId)).toEqual(['via-provider']);
  await source.close();
});
