import { deletePush, getPush, pushSecretHash, renewPush } from '../../../../server/db/mailbox-push-repo';
import { getMailbox, getMailboxOfUser, type Mailbox } from '../../../../server/db/mailboxes-repo';
import type { DatabaseHandle } from '../../../../server/db/open-database';
import { updateSyncSettings } from '../../../../server/db/settings-repo';
import { GoogleCalendarSource } from '../../../../server/providers/google';
import { googleCalendarPushStore } from '../../../../server/providers/google/google-calendar-push-store';
import type { RunResult } from '../../../../server/sync/sync-run';
import type { SyncWorker } from '../../../../server/sync/sync-worker';
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { openPushTestMailbox, startNotificationEndpoint } from '../notification-endpoint';
import { backends } from '../../../support/db/test-databases';
import { connectByOAuth, gmailSettingsOf, startRecordedWorker } from '../../../support/server/mail-providers';
import { startTestServer, type Session, type TestServer } from '../../../support/server/test-server';
import { waitFor } from '../../sync/sync-helpers';
import { connectGmail } from './connect';

jest.setTimeout(90_000);

// Google Calendar push channels (events.watch): kept by the calendar's runs, replaced (never renewed: Google has no
// renewal) once less than a day is left, the new one stored before the old one is stopped; stopped when calendars
// stop being shared and on disconnect. End to end, a meeting added to the calendar makes the emulator post to the
// server, which runs the mailbox long before its hour; a post with a wrong token or another resource changes nothing.

const HOUR = 3_600_000;

describe.each(backends)('Google Calendar channel upkeep (%s)', (backend) => {
  let database: DatabaseHandle & { dispose(): Promise<void> };
  let emu: GmailEmulator;
  let endpoint: Awaited<ReturnType<typeof startNotificationEndpoint>>;
  let address: string;
  let mailbox: Mailbox;
  let clock: number;

  beforeAll(async () => {
    ({ database, mailbox } = await openPushTestMailbox(backend, 'gmail', 'rep@example.org'));
    endpoint = await startNotificationEndpoint('/notifications/google-calendar');
    address = endpoint.url;
  });
  afterAll(async () => {
    await endpoint?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    emu = await startGmailEmulator();
    clock = Date.now();
    await deletePush(database.db, mailbox.id);
  });
  afterEach(async () => emu.stop());

  const push = async () => {
    const { auth } = await connectGmail(emu);
    const source = new GoogleCalendarSource({
      auth,
      rootUrl: emu.rootUrl,
      push: { address, store: googleCalendarPushStore(database.db, mailbox.id), now: () => new Date(clock) },
    });
    return source.push!;
  };
  const stored = async () => (await getPush(database.db, mailbox.id, 'calendar'))!;
  /** The stored channel as if it had only `left` to live (Google's clock and ours agree, as in production). */
  const age = async (left: number) => {
    const row = await stored();
    await renewPush(database.db, mailbox.id, row.expiresAt, new Date(Date.now() + left), 'calendar');
    return stored();
  };

  test('the first run opens a channel on the events; it is stored with its resourceId and a hash of its token', async () => {
    const calendar = await push();
    await calendar.keep();
    const [channel] = emu.calendarChannels.live();
    const row = await stored();
    expect(row).toMatchObject({
      kind: 'calendar',
      provider: 'google-calendar',
      subscriptionId: channel!.id,
      resourceId: channel!.resourceId,
      secretHash: pushSecretHash(channel!.token!),
    });
    // The earlier of what was asked and what Google granted.
    expect(Date.parse(row.expiresAt)).toBeLessThanOrEqual(channel!.expiration);
    expect(Date.parse(row.expiresAt)).toBeGreaterThan(channel!.expiration - 5000);
    expect(channel!.address).toBe(address);
    expect(channel!.token!.length).toBeGreaterThanOrEqual(64);
    // Google says `sync` at once.
    await emu.calendarChannels.settled();
    expect(emu.log.of('calendar.notification').map((e) => e.status)).toEqual([202]);
    clock += 5 * 24 * HOUR; // two days left: left alone
    await calendar.keep();
    expect(emu.log.of('events.watch')).toHaveLength(1);
  });

  test('with less than a day left a new channel is opened, stored, and only then the old one stopped', async () => {
    await (await push()).keep();
    const first = await age(12 * HOUR);
    const [a, b] = [await push(), await push()];
    await Promise.all([a.keep(), b.keep()]);
    expect(emu.log.of('events.watch').map((e) => e.status)).toEqual([200, 200]);
    const second = await stored();
    expect(second.subscriptionId).not.toBe(first.subscriptionId);
    expect(emu.log.of('channels.stop').map((e) => e.status)).toEqual([204]);
    expect(emu.calendarChannels.live().map((c) => c.id)).toEqual([second.subscriptionId]);
  });

  test('a watch Google refuses gives the claim back, so the next run tries again', async () => {
    const calendar = await push();
    await calendar.keep();
    const first = await age(12 * HOUR);
    emu.faults.add({ kind: 'events.watch', times: 1, status: 503 });
    await expect(calendar.keep()).rejects.toThrow();
    expect(await stored()).toEqual(first);
    await calendar.keep();
    expect((await stored()).subscriptionId).not.toBe(first.subscriptionId);
  });

  test('stop ends the channel at Google and forgets it', async () => {
    const calendar = await push();
    await calendar.keep();
    await calendar.stop();
    expect(emu.log.of('channels.stop').map((e) => e.status)).toEqual([204]);
    expect(emu.calendarChannels.live()).toEqual([]);
    expect(await getPush(database.db, mailbox.id, 'calendar')).toBeUndefined();
  });
});

describe.each(backends)('Google Calendar notifications end to end (%s)', (backend) => {
  let gmail: GmailEmulator;
  let server: TestServer;
  let sam: Session;
  let mailbox: Mailbox;
  let worker: SyncWorker | undefined;
  let runs: RunResult[] = [];

  beforeAll(async () => {
    gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    server = await startTestServer(backend);
    server.deps.config.gmail = { ...gmailSettingsOf(gmail), calendarNotifications: true };
    sam = await server.signIn(server.sam);
    await connectByOAuth(server, 'gmail', sam);
    mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    ({ worker, runs } = await startRecordedWorker(server, mailbox.id, { intervalSeconds: 3600, pollSeconds: 0.5 }));
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await gmail?.stop();
  });

  const calendarOf = (run: RunResult | undefined) => (run?.outcome === 'synced' ? run.calendar : undefined);
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/notifications/google-calendar`, { method: 'POST', headers });

  test('the first run opens a channel to the server; a meeting added is notified and read long before the hour', async () => {
    await waitFor('the first run', async () => runs.length >= 1);
    const channel = await waitFor('the channel', () => getPush(server.deps.db, mailbox.id, 'calendar'));
    expect(gmail.calendarChannels.items.get(channel.subscriptionId)?.address).toBe(
      `${server.url}/notifications/google-calendar`,
    );
    await gmail.calendarChannels.settled();
    const before = runs.length;
    const start = new Date(Date.now() + 26 * HOUR);
    gmail.calendar.add({
      summary: 'Renewal review',
      start: start.toISOString().replace('.000Z', 'Z'),
      end: new Date(start.getTime() + HOUR).toISOString().replace('.000Z', 'Z'),
      attendees: [{ email: 'jane@acme.com', displayName: 'Jane' }],
    });
    await waitFor('the notified run', async () => runs.length > before, 30_000);
    expect(calendarOf(runs[before])).toMatchObject({ outcome: 'synced', looked: 1 });
    await gmail.calendarChannels.settled();
    expect(gmail.log.of('calendar.notification').map((e) => e.status)).toEqual([200, 200]);
  });

  test('a wrong token, another resource or a `sync` message asks for no run; the right one does', async () => {
    server.deps.syncNow = undefined; // the HTTP server alone: a request written to the row
    const channel = (await getPush(server.deps.db, mailbox.id, 'calendar'))!;
    const live = gmail.calendarChannels.items.get(channel.subscriptionId)!;
    const requested = async () => (await getMailbox(server.deps.db, mailbox.id))!.syncRequestedAt;
    const base = {
      'x-goog-channel-id': live.id,
      'x-goog-channel-token': live.token!,
      'x-goog-resource-id': live.resourceId,
      'x-goog-resource-state': 'exists',
      'x-goog-message-number': '7',
    };
    const before = await requested();
    const tries: Record<string, string>[] = [
      { ...base, 'x-goog-channel-token': 'forged' },
      { ...base, 'x-goog-resource-id': 'another-calendar' },
      { ...base, 'x-goog-resource-state': 'sync' },
      { ...base, 'x-goog-channel-id': 'unknown-channel' },
      { 'content-type': 'application/json' },
    ];
    for (const headers of tries) {
      const res = await post(headers);
      expect(res.status).toBe(200);
    }
    expect(await requested()).toEqual(before);
    expect((await post(base)).status).toBe(200);
    expect(await requested()).not.toEqual(before);
  });

  test('notifications off here: the route is not found', async () => {
    server.deps.config.gmail!.calendarNotifications = false;
    try {
      expect((await post({ 'x-goog-resource-state': 'exists' })).status).toBe(404);
    } finally {
      server.deps.config.gmail!.calendarNotifications = true;
    }
  });

  test('disconnecting stops the channel at Google', async () => {
    await worker?.stop();
    worker = undefined;
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true });
    expect(gmail.log.of('channels.stop').map((e) => e.status)).toEqual([204]);
    expect(gmail.calendarChannels.live()).toEqual([]);
  });
});
