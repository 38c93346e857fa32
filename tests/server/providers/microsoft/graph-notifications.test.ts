import { getPush } from '../../../../server/db/mailbox-push-repo';
import { getMailbox, getMailboxOfUser, type Mailbox } from '../../../../server/db/mailboxes-repo';
import { defaultMailSourceFactory } from '../../../../server/sync/mail-source-factory';
import { syncSourceOptions } from '../../../../server/sync/start-sync';
import type { RunResult } from '../../../../server/sync/sync-run';
import { createSyncWorker, type SyncWorker } from '../../../../server/sync/sync-worker';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { backends } from '../../../support/db/test-databases';
import { connectByOAuth, graphSettingsOf, serverSyncWorker } from '../../../support/server/mail-providers';
import { startTestServer, type Session, type TestServer } from '../../../support/server/test-server';
import { waitFor } from '../../sync/sync-helpers';

jest.setTimeout(90_000);

// Microsoft Graph change notifications end to end against the Graph emulator: a sync worker in the test keeps the
// inbox subscription (made through the server's own validation handshake), a delivered message makes the emulator
// post a notification to the server's route, and the mailbox runs although its interval is an hour. Notifications
// that do not carry the subscription's clientState change nothing.

describe.each(backends)('Graph change notifications (%s)', (backend) => {
  let graph: GraphEmulator;
  let server: TestServer;
  let sam: Session;
  let mailbox: Mailbox;
  let worker: SyncWorker | undefined;
  const runs: RunResult[] = [];

  beforeAll(async () => {
    graph = await startGraphEmulator({
      user: { id: 'sam-oid', mail: 'sam@ourco.com', displayName: 'Sam Seller' },
    });
    server = await startTestServer(backend);
    server.deps.config.graph = { ...graphSettingsOf(graph), notifications: true };
    sam = await server.signIn(server.sam);
    mailbox = await connectSam();
  }, 90_000);

  /** Sam connects Microsoft 365 from My mailbox (the provider consents at once). */
  async function connectSam(): Promise<Mailbox> {
    await connectByOAuth(server, 'graph', sam);
    const connected = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    expect(connected.kind).toBe('graph');
    return connected;
  }

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await graph?.stop();
  });

  const post = (path: string, body: unknown, contentType = 'application/json') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('the validation handshake answers the decoded token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability <b>&</b> Request-Id: 4b6f';
    const res = await post(
      `/notifications/graph?validationToken=${encodeURIComponent(token)}`,
      '',
      'text/plain',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(token);
  });

  test('a delivered inbox message: the emulator notifies the server, and the mailbox runs long before its hour', async () => {
    worker = serverSyncWorker(server, {
      config: { intervalSeconds: 3600, pollSeconds: 0.5, watch: true },
      onRun: (id, result) => {
        if (id === mailbox.id) runs.push(result);
      },
    });
    const running = worker;
    server.deps.syncNow = (id) => running.trigger(id);
    await worker.start();
    // The first run (the connection made it due) builds the source, whose watch subscribes.
    await waitFor('the first run', async () => runs.length >= 1);
    const push = await waitFor('the stored subscription', () => getPush(server.deps.db, mailbox.id));
    const [subscription] = graph.subscriptions.live();
    expect(subscription).toMatchObject({
      id: push.subscriptionId,
      resource: "me/mailFolders('inbox')/messages",
      changeType: 'created',
      notificationUrl: `${server.url}/notifications/graph`,
    });
    expect(graph.log.of('validation').map((e) => e.status)).toEqual([200]);
    // Only a hash of the clientState is kept.
    expect(push.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(push.secretHash).not.toContain(subscription!.clientState);
    const next = Date.parse((await getMailbox(server.deps.db, mailbox.id))!.nextSyncAt);
    expect(next - Date.now()).toBeGreaterThan(3000 * 1000);

    graph.store.deliver('inbox', {
      subject: 'Renewal terms',
      from: { address: 'jane@acme.com', name: 'Jane' },
      receivedDateTime: new Date(Date.now() + 1000).toISOString(),
    });
    await waitFor('the notified run', async () => runs.length >= 2, 30_000);
    expect(runs[1]).toMatchObject({ outcome: 'synced', looked: 1 });
    await graph.subscriptions.settled();
    expect(graph.log.of('notification').map((e) => e.status)).toEqual([202]);
  });

  test('a wrong clientState or an unknown subscription changes nothing; the right one asks for a run', async () => {
    server.deps.syncNow = undefined; // the HTTP server alone: a request written to the row
    const push = (await getPush(server.deps.db, mailbox.id))!;
    const before = (await getMailbox(server.deps.db, mailbox.id))!.syncRequestedAt;
    const notification = (subscriptionId: string, clientState: string) => ({
      value: [
        {
          subscriptionId,
          clientState,
          changeType: 'created',
          resource: 'Users/sam-oid/Messages/AAMk1',
          subscriptionExpirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
          tenantId: graph.tenant,
          resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'AAMk1' },
        },
      ],
    });
    const wrong = await post('/notifications/graph', notification(push.subscriptionId, 'guessed'));
    const unknown = await post('/notifications/graph', notification('a9c3-unknown', 'guessed'));
    // Graph may send null for what it has not got: still the documented shape, and still no match.
    const none = await post('/notifications/graph', {
      value: [{ ...notification(push.subscriptionId, '').value[0], clientState: null, lifecycleEvent: null }],
    });
    expect(none.status).toBe(202);
    expect([wrong.status, await wrong.text(), unknown.status, await unknown.text()]).toEqual([
      202,
      '',
      202,
      '',
    ]);
    expect((await getMailbox(server.deps.db, mailbox.id))!.syncRequestedAt).toBe(before);

    const clientState = graph.subscriptions.items.get(push.subscriptionId)!.clientState!;
    const right = await post('/notifications/graph', {
      value: [
        notification('a9c3-unknown', 'x').value[0],
        notification(push.subscriptionId, clientState).value[0],
      ],
    });
    expect(right.status).toBe(202);
    expect((await getMailbox(server.deps.db, mailbox.id))!.syncRequestedAt).not.toBe(before);
  });

  test('a body that is not a notification collection is a 400', async () => {
    for (const body of [{ nope: true }, { value: [{ clientState: 'x' }] }, '']) {
      const res = await post('/notifications/graph', body);
      expect(res.status).toBe(400);
    }
  });

  test('with notifications off, the route answers neither handshakes nor notifications', async () => {
    server.deps.config.graph!.notifications = false;
    try {
      const handshake = await post('/notifications/graph?validationToken=abc', '', 'text/plain');
      const notification = await post('/notifications/graph', { value: [] });
      expect([handshake.status, notification.status]).toEqual([404, 404]);
    } finally {
      server.deps.config.graph!.notifications = true;
    }
  });

  test('disconnecting deletes the subscription at Graph', async () => {
    await worker?.stop();
    worker = undefined;
    const push = (await getPush(server.deps.db, mailbox.id))!;
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true });
    expect(graph.log.of('unsubscribe').map((e) => [e.path, e.status])).toEqual([
      [`/v1.0/subscriptions/${push.subscriptionId}`, 204],
    ]);
    expect(graph.subscriptions.items.size).toBe(0);
    expect(await getPush(server.deps.db, mailbox.id)).toBeUndefined();
  });

  test('a notification URL Graph refuses: no subscription, and the mailbox is polled and stays Active', async () => {
    mailbox = await connectSam();
    const options = syncSourceOptions(server.deps, server.deps.secrets, server.deps.config);
    const refused: RunResult[] = [];
    worker = createSyncWorker({
      database: server.database,
      crm: server.deps.crm,
      // A URL that answers the handshake with a 404, as a wrong LIAISON_PUBLIC_URL would.
      sources: defaultMailSourceFactory({
        ...options,
        graphPush: { ...options.graphPush!, notificationUrl: () => `${server.url}/api/nowhere` },
      }),
      config: { intervalSeconds: 1, pollSeconds: 0.5, watch: true },
      onRun: (id, result) => {
        if (id === mailbox.id) refused.push(result);
      },
    });
    await worker.start();
    await waitFor('the refused subscription', async () =>
      graph.log.of('subscribe').some((e) => e.status === 400),
    );
    graph.store.deliver('inbox', {
      subject: 'Polled anyway',
      from: { address: 'jane@acme.com', name: 'Jane' },
      receivedDateTime: new Date(Date.now() + 1000).toISOString(),
    });
    await waitFor('a polled run that reads it', async () => {
      const row = await server.deps.db
        .selectFrom('decision_log')
        .select('subject')
        .where('subject', '=', 'Polled anyway')
        .executeTakeFirst();
      return row !== undefined;
    });
    expect(graph.log.of('validation').at(-1)?.status).toBe(404);
    expect(graph.subscriptions.live()).toEqual([]);
    expect(await getPush(server.deps.db, mailbox.id)).toBeUndefined();
    const status = await server.call('GET', '/api/mailbox', { as: sam });
    expect(status.body).toMatchObject({ connected: true, status: 'Active' });
    expect(refused.filter((r) => r.outcome === 'failed')).toEqual([]);
  });
});
