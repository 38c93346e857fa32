import type { CalendarBatch, CalendarSource } from '../../../../server/providers/calendar-source';
import { InvitationCalendarSource } from '../../../../server/providers/invitation-calendar-source';
import { imap as imapProvider } from '../../../../server/providers/imap/imap-provider';
import type { Mailbox } from '../../../../server/db/mailboxes-repo';
import { openTestMailbox, type TestMailbox } from '../../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../../support/dovecot/start-dovecot';
import { ics, makeInvitationEml, vevent, W_EUROPE } from '../../../support/mail/make-invitation';
import { imapSourceFor, testUsers } from './imap-test-setup';

// The calendar of an IMAP mailbox on a real Dovecot: the invitations that arrive, under a cursor of its own that
// walks the folders by UID as the mail cursor does, independent of it.

let server: DovecotServer;
const open: { source: CalendarSource; box: TestMailbox }[] = [];

beforeAll(async () => {
  server = await startDovecot({ users: testUsers(['invites', 'own-cursor', 'provider']) });
});

afterAll(async () => {
  for (const { source, box } of open) {
    await source.close();
    await box.close();
  }
  await server?.stop();
});

const NOW = new Date('2026-12-06T12:00:00Z');

async function mailbox(user: string): Promise<{ source: InvitationCalendarSource; box: TestMailbox }> {
  const box = await openTestMailbox(server, user);
  await box.createSpecialUseFolders();
  const source = new InvitationCalendarSource(imapSourceFor(server, user), { now: () => NOW });
  open.push({ source, box });
  return { source, box };
}

const summary = (batch: CalendarBatch) =>
  batch.changes.map((c) => (c.kind === 'event' ? [c.sourceId, c.event.status, c.event.start] : [c.sourceId]));

function invitation(uid: string, sequence: number, method = 'REQUEST'): string {
  return ics(
    method,
    ...W_EUROPE,
    ...vevent(
      `UID:${uid}`,
      `SEQUENCE:${sequence}`,
      'ORGANIZER:mailto:ann@customer.example',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:rep@liaison.example',
      'SUMMARY:Review',
      'DTSTART;TZID=W. Europe Standard Time:20261208T100000',
      'DTEND;TZID=W. Europe Standard Time:20261208T110000',
      'DTSTAMP:20261206T090000Z',
    ),
  );
}

test('invitations arriving in the inbox and sent, not before the connection, not in Junk; newest SEQUENCE wins', async () => {
  const { source, box } = await mailbox('invites');
  await box.append('INBOX', makeInvitationEml({ messageId: 'old@test', calendar: invitation('old', 0) }));
  const cursor = await source.initialCursor(new Date(), 30);
  await box.append('INBOX', makeInvitationEml({ messageId: 'r0@test', calendar: invitation('review', 0) }));
  await box.append('INBOX', makeEml({ messageId: 'plain@test' }));
  await box.append('Junk', makeInvitationEml({ messageId: 'junk@test', calendar: invitation('junk', 0) }));
  await box.append(
    'Sent',
    makeInvitationEml({ messageId: 'mine@test', calendar: invitation('mine', 0), attach: true }),
  );
  await box.append(
    'INBOX',
    makeInvitationEml({ messageId: 'c1@test', calendar: invitation('review', 1, 'CANCEL') }),
  );
  const batch = await source.changes(JSON.parse(JSON.stringify(cursor)) as typeof cursor);
  expect(summary(batch)).toEqual([
    ['review', 'cancelled', '2026-12-08T10:00:00+01:00'],
    ['mine', 'confirmed', '2026-12-08T10:00:00+01:00'],
  ]);
  expect((await source.changes(batch.cursor)).changes).toEqual([]);
  await box.append('INBOX', makeInvitationEml({ messageId: 'later@test', calendar: invitation('later', 0) }));
  expect(summary(await source.changes(batch.cursor)).map((s) => s[0])).toEqual(['later']);
});

test('its cursor is its own: reading mail does not move it, and it pages by the limit', async () => {
  const { source, box } = await mailbox('own-cursor');
  const mail = imapSourceFor(server, 'own-cursor');
  const connectedAt = new Date();
  const calendarCursor = await source.initialCursor(connectedAt, 30);
  const mailCursor = await mail.initialCursor(connectedAt);
  for (const i of [0, 1, 2])
    await box.append(
      'INBOX',
      makeInvitationEml({ messageId: `p${i}@test`, calendar: invitation(`p${i}`, 0) }),
    );
  expect((await mail.fetchChanges(mailCursor)).messages).toHaveLength(3);
  await mail.close();
  const first = await source.changes(calendarCursor, { limit: 2 });
  expect([first.changes.map((c) => c.sourceId), first.more]).toEqual([['p0', 'p1'], true]);
  const second = await source.changes(first.cursor, { limit: 2 });
  expect([second.changes.map((c) => c.sourceId), second.more]).toEqual([['p2'], false]);
});

test('the IMAP provider offers this calendar for a stored mailbox', async () => {
  const box = await openTestMailbox(server, 'provider');
  const account = server.users.find((u) => u.user === 'provider')!;
  const mailbox = {
    settings: { host: server.host, port: server.port, secure: false, user: account.user },
  } as unknown as Mailbox;
  const source = await imapProvider.calendarSource!({
    mailbox,
    secret: () => ({ pass: account.pass }),
    options: {},
  });
  open.push({ source, box });
  const cursor = await source.initialCursor(new Date(), 30);
  await box.append(
    'INBOX',
    makeInvitationEml({ messageId: 'v@test', calendar: invitation('via-provider', 0) }),
  );
  expect((await source.changes(cursor)).changes.map((c) => c.sourceId)).toEqual(['via-provider']);
});
