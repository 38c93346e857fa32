import { getPush } from '../../../../server/db/mailbox-push-repo';
import { getMailboxOfUser, type Mailbox } from '../../../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../../../server/db/settings-repo';
import type { RunResult } from '../../../../server/sync/sync-run';
import type { SyncWorker } from '../../../../server/sync/sync-worker';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { backends } from '../../../support/db/test-databases';
import { connectByOAuth, graphSettingsOf, startRecordedWorker } from '../../../support/server/mail-providers';
import { startTestServer, type Session, type TestServer } from '../../../support/server/test-server';
import { waitFor } from '../../sync/sync-helpers';

jest.setTimeout(90_000);

// A Microsoft 365 calendar's change notifications end to end: with meetings shared, the mailbox's run subscribes on
// its events (through the server's validation handshake); a meeting added to the calendar makes the emulator post a
// notification, and the mailbox runs and reads it although its interval is an hour. Sharing turned off, the next
// run deletes the calendar's subscription and keeps the inbox's; disconnecting deletes what is left.

describe.each(backends)('Graph calendar notifications (%s)', (backend) => {
  let graph: GraphEmulator;
  let server: TestServer;
  let sam: Session;
  let mailbox: Mailbox;
  let worker: SyncWorker | undefined;
  let runs: RunResult[] = [];

  beforeAll(async () => {
    graph = await startGraphEmulator({
      user: { id: 'sam-oid', mail: 'sam@ourco.com', displayName: 'Sam Seller' },
    });
    server = await startTestServer(backend);
    server.deps.config.graph = { ...graphSettingsOf(graph), notifications: true };
    sam = await server.signIn(server.sam);
    await connectByOAuth(server, 'graph', sam);
    mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    ({ worker, runs } = await startRecordedWorker(server, mailbox.id, { intervalSeconds: 3600, pollSeconds: 0.5, watch: true }));
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await graph?.stop();
  });

  const calendarOf = (run: RunResult | undefined) => (run?.outcome === 'synced' ? run.calendar : undefined);

  test("the first run subscribes on the calendar's events beside the inbox", async () => {
    await waitFor('the first run', async () => runs.length >= 1);
    expect(calendarOf(runs[0])).toMatchObject({ outcome: 'synced' });
    const calendar = await waitFor('the calendar subscription', () =>
      getPush(server.deps.db, mailbox.id, 'calendar'),
    );
    const mail = await waitFor('the inbox subscription', () => getPush(server.deps.db, mailbox.id));
    const live = new Map(graph.subscriptions.live().map((s) => [s.id, s]));
    expect(live.get(calendar.subscriptionId)).toMatchObject({
      resource: 'me/events',
      changeType: 'created,updated,deleted',
      notificationUrl: `${server.url}/notifications/graph`,
    });
    expect(live.get(mail.subscriptionId)?.resource).toBe("me/mailFolders('inbox')/messages");
  });

  test('a meeting added to the calendar is notified, and the run reads it long before the hour', async () => {
    const before = runs.length;
    const start = new Date(Date.now() + 26 * 3_600_000);
    graph.calendar.add({
      subject: 'Renewal review',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      attendees: [{ address: 'jane@acme.com', name: 'Jane' }],
    });
    await waitFor('the notified run', async () => runs.length > before, 30_000);
    expect(calendarOf(runs[before])).toMatchObject({ outcome: 'synced', looked: 1 });
    await graph.subscriptions.settled();
    expect(graph.log.of('notification').map((e) => e.status)).toEqual([202]);
  });

  test('sharing turned off: the next run deletes the calendar subscription and keeps the inbox one', async () => {
    const calendar = (await getPush(server.deps.db, mailbox.id, 'calendar'))!;
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: false });
    const before = runs.length;
    await worker!.trigger(mailbox.id);
    await waitFor('the run', async () => runs.length > before);
    expect(calendarOf(runs[before])).toEqual({ outcome: 'off' });
    expect(graph.log.of('unsubscribe').map((e) => [e.path, e.status])).toEqual([
      [`/v1.0/subscriptions/${calendar.subscriptionId}`, 204],
    ]);
    expect(await getPush(server.deps.db, mailbox.id, 'calendar')).toBeUndefined();
    expect(await getPush(server.deps.db, mailbox.id)).toBeDefined();
    // Nothing is notified for the calendar any more.
    graph.calendar.add({
      subject: 'Unwatched',
      start: new Date(Date.now() + 30 * 3_600_000).toISOString(),
      end: new Date(Date.now() + 31 * 3_600_000).toISOString(),
    });
    await graph.subscriptions.settled();
    expect(graph.log.of('notification')).toHaveLength(1);
  });

  test('disconnecting deletes both subscriptions at Graph', async () => {
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    const before = runs.length;
    await worker!.trigger(mailbox.id);
    await waitFor('the run', async () => runs.length > before);
    const calendar = await waitFor('the calendar subscription', () =>
      getPush(server.deps.db, mailbox.id, 'calendar'),
    );
    const mail = (await getPush(server.deps.db, mailbox.id))!;
    await worker?.stop();
    worker = undefined;
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true });
    expect(
      graph.log
        .of('unsubscribe')
        .slice(1)
        .map((e) => e.path)
        .sort(),
    ).toEqual([`/v1.0/subscriptions/${calendar.subscriptionId}`, `/v1.0/subscriptions/${mail.subscriptionId}`].sort());
    expect(graph.subscriptions.items.size).toBe(0);
  });
});
