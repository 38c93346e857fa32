import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { recordCalendarOutcome } from '../../../server/db/event-ledger-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { CalendarConsentMissing } from '../../../server/providers/calendar-consent';
import { MailSourceError } from '../../../server/providers/mail-source';
import { calendarStatus } from '../../../server/services/calendar-status';
import { calendarErrorText } from '../../../server/sync/calendar/calendar-error-text';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type Session, type TestServer } from '../../support/server/test-server';

// The admin's Users page covers each user's calendar: sharing on or off, connected, needing their consent again, or
// failing, with the last read and the last error.

describe.each(backends)("admin users' calendar status (%s)", (backend) => {
  let server: TestServer;
  let admin: Session;
  let mailboxId: string;
  const calendarOf = async (userId: string) => {
    const res = await server.call('GET', '/api/admin/users', { as: admin });
    expect(res.status).toBe(200);
    return (res.body.users as { id: string; calendar: unknown }[]).find((u) => u.id === userId)!.calendar;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = await server.signIn(server.admin);
    mailboxId = (
      await connectMailbox(server.deps.db, {
        userId: server.sam.id,
        kind: 'maildir',
        settings: {},
        connectedAt: new Date('2026-03-01T00:00:00Z'),
        cursor: {},
      })
    ).id;
  }, 90_000);
  afterAll(async () => server?.close());

  test('sharing off: off, whatever the mailbox', async () => {
    expect(await calendarOf(server.sam.id)).toEqual({
      sharing: false,
      state: 'off',
      lastSyncAt: null,
      error: null,
    });
  });

  test('sharing on without a mailbox: not connected', async () => {
    await updateSyncSettings(server.deps.db, server.pat.id, { autoshareAppointments: true });
    expect(await calendarOf(server.pat.id)).toMatchObject({ sharing: true, state: 'not_connected' });
  });

  test('consent missing, then read, then failing for another reason', async () => {
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    expect(await calendarOf(server.sam.id)).toMatchObject({
      sharing: true,
      state: 'connected',
      lastSyncAt: null,
    });
    const consent = calendarErrorText(new CalendarConsentMissing('Microsoft 365', 'Calendars.Read'));
    await recordCalendarOutcome(server.deps.db, mailboxId, consent, new Date());
    expect(await calendarOf(server.sam.id)).toEqual({
      sharing: true,
      state: 'needs_consent',
      lastSyncAt: null,
      error: consent,
    });
    await recordCalendarOutcome(server.deps.db, mailboxId, null, new Date('2026-03-02T10:00:00Z'));
    expect(await calendarOf(server.sam.id)).toEqual({
      sharing: true,
      state: 'connected',
      lastSyncAt: '2026-03-02T10:00:00.000Z',
      error: null,
    });
    const down = calendarErrorText(new MailSourceError('unavailable', 'Graph answered 503'));
    expect(down).toBe('Your calendar could not be read: Graph answered 503');
    await recordCalendarOutcome(server.deps.db, mailboxId, down, new Date());
    expect(await calendarOf(server.sam.id)).toEqual({
      sharing: true,
      state: 'error',
      lastSyncAt: '2026-03-02T10:00:00.000Z',
      error: down,
    });
  });
});

test("a mailbox whose sign-in expired or was withdrawn needs the user's consent again for its calendar too", () => {
  const row = (statusReason: 'sign_in_expired' | 'consent_revoked' | 'provider_error') => ({
    sharing: true,
    mailbox: { statusReason, calendarError: null, calendarSyncedAt: null },
  });
  expect(calendarStatus(row('sign_in_expired')).state).toBe('needs_consent');
  expect(calendarStatus(row('consent_revoked')).state).toBe('needs_consent');
  expect(calendarStatus(row('provider_error')).state).toBe('connected');
});
