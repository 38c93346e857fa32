import { getPush } from '../../../../server/db/mailbox-push-repo';
import { getMailbox, getMailboxOfUser, type Mailbox } from '../../../../server/db/mailboxes-repo';
import type { RunResult } from '../../../../server/sync/sync-run';
import type { SyncWorker } from '../../../../server/sync/sync-worker';
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { backends } from '../../../support/db/test-databases';
import { OidcTestServer } from '../../../support/oidc/oidc-test-server';
import { connectByOAuth, gmailSettingsOf, serverSyncWorker } from '../../../support/server/mail-providers';
import { startTestServer, type Session, type TestServer } from '../../../support/server/test-server';
import { waitFor } from '../../sync/sync-helpers';

jest.setTimeout(90_000);

// Gmail push end to end: a sync worker in the test keeps the mailbox's Gmail watch (users.watch on the emulator),
// a delivered inbox message makes the emulator (playing Pub/Sub) post a push with a Google-style OIDC token to the
// server's /notifications/gmail, and the mailbox runs although its interval is an hour. Pushes without the
// subscription's token, or with a body that is not a Gmail notification, change nothing.

const TOPIC = 'projects/liaison-test/topics/gmail';
const SERVICE_ACCOUNT = 'gmail-push@liaison-test.iam.gserviceaccount.com';

describe.each(backends)('Gmail push (%s)', (backend) => {
  let oidc: OidcTestServer;
  let gmail: GmailEmulator;
  let server: TestServer;
  let sam: Session;
  let mailbox: Mailbox;
  let worker: SyncWorker | undefined;
  const runs: RunResult[] = [];

  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    server = await startTestServer(backend, {
      LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC,
      LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    server.deps.config.gmail = gmailSettingsOf(gmail);
    gmail.pubsub.settings = {
      topic: TOPIC,
      push: { endpoint: `${server.url}/notifications/gmail`, serviceAccount: SERVICE_ACCOUNT, signer: oidc },
    };
    sam = await server.signIn(server.sam);
    // Sam connects Gmail from My mailbox (the provider consents at once).
    await connectByOAuth(server, 'gmail', sam);
    mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    expect(mailbox.kind).toBe('gmail');
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await gmail?.stop();
    await oidc?.stop();
  });

  const endpoint = () => `${server.url}/notifications/gmail`;
  const token = (claims: Record<string, unknown> = {}, options = {}) =>
    oidc.googleToken(
      { aud: endpoint(), email: SERVICE_ACCOUNT, email_verified: true, sub: '1067578302829', ...claims },
      options,
    );
  const body = (data: unknown) => ({
    message: {
      data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64'),
      messageId: '2070443601311540',
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/liaison-test/subscriptions/gmail-push',
  });
  const notification = (emailAddress = 'sam@ourco.com') => body({ emailAddress, historyId: 987654 });
  const push = (payload: unknown, bearer?: string, headers: Record<string, string> = {}) =>
    server.call('POST', '/notifications/gmail', {
      body: payload,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    });
  const requested = async () => (await getMailbox(server.deps.db, mailbox.id))!.syncRequestedAt;

  test('a delivered inbox message: the emulator pushes, and the mailbox runs long before its hour', async () => {
    worker = serverSyncWorker(server, {
      config: { intervalSeconds: 3600, pollSeconds: 0.5, watch: true },
      onRun: (id, result) => {
        if (id === mailbox.id) runs.push(result);
      },
    });
    await worker.start();
    // The first run (the connection made it due) builds the source, whose watch is set at Gmail and stored.
    await waitFor('the first run', async () => runs.length >= 1);
    const stored = await waitFor('the stored watch', () => getPush(server.deps.db, mailbox.id));
    expect(stored).toMatchObject({ provider: 'gmail', subscriptionId: 'sam@ourco.com' });
    expect(gmail.pubsub.watch).toMatchObject({ topicName: TOPIC, labelIds: ['INBOX'] });
    const next = Date.parse((await getMailbox(server.deps.db, mailbox.id))!.nextSyncAt);
    expect(next - Date.now()).toBeGreaterThan(3000 * 1000);

    // The HTTP server has no worker of its own here: the push is a request written to the row.
    gmail.store.deliver(['INBOX', 'CATEGORY_PERSONAL'], {
      from: 'Jane Doe <jane.doe@acme.com>',
      to: ['sam@ourco.com'],
      subject: 'Renewal terms',
    });
    await waitFor('the pushed run', async () => runs.length >= 2, 30_000);
    expect(runs[1]).toMatchObject({ outcome: 'synced', looked: 1 });
    await gmail.pubsub.settled();
    expect(gmail.pubsub.deliveries.map((d) => [d.emailAddress, d.status])).toEqual([['sam@ourco.com', 204]]);

    // With a worker in the HTTP server's process (as `serve` runs by default) the push triggers it directly.
    const running = worker;
    server.deps.syncNow = (id) => running.trigger(id);
    try {
      gmail.store.deliver(['INBOX'], { from: 'Jane Doe <jane.doe@acme.com>', subject: 'Signed' });
      await waitFor('the triggered run', async () => runs.length >= 3, 30_000);
      expect(runs[2]).toMatchObject({ outcome: 'synced', looked: 1 });
    } finally {
      server.deps.syncNow = undefined;
    }
    // Mail outside the inbox is not pushed (the watch is on INBOX only).
    gmail.store.deliver(['SENT'], { subject: 'Sent by Sam' });
    await gmail.pubsub.settled();
    expect(gmail.pubsub.deliveries).toHaveLength(2);
  });

  test('tokens that are not the push subscription’s are refused, and nothing is asked', async () => {
    const before = await requested();
    const good = await token();
    const [head, payload, signature] = good.split('.') as [string, string, string];
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'unauthorized'],
      ['not.a.token', 401, 'token_malformed'],
      [
        `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
        401,
        'token_bad_signature',
      ],
      [await token({}, { unpublishedKey: true }), 401, 'token_unknown_key'],
      [await token({}, { expiresIn: -600 }), 401, 'token_expired'],
      [await token({ aud: 'https://elsewhere.example/notifications/gmail' }), 401, 'token_wrong_audience'],
      [await token({ iss: 'https://evil.example' }), 401, 'token_unknown_issuer'],
      [await token({ email_verified: false }), 401, 'token_no_email'],
      [await token({ email: 'someone@liaison-test.iam.gserviceaccount.com' }), 403, 'forbidden'],
      // A token that does not say its address is verified is refused with the sidebars' tokens' rule.
      [await token({ email_verified: undefined }), 401, 'token_no_email'],
    ];
    for (const [bearer, status, error] of cases) {
      const res = await push(notification(), bearer);
      expect([bearer?.slice(0, 12), res.status, res.body?.error]).toEqual([
        bearer?.slice(0, 12),
        status,
        error,
      ]);
    }
    const basic = await push(notification(), undefined, { authorization: 'Basic c2FtOnNhbQ==' });
    expect([basic.status, basic.body?.error]).toEqual([401, 'token_malformed']);
    expect(await requested()).toBe(before);
  });

  test('a verified push that is not a Gmail notification is acknowledged (Pub/Sub would redeliver it forever) and asks nothing', async () => {
    const before = await requested();
    const bearer = await token();
    for (const payload of [
      {},
      { message: {}, subscription: 's' },
      { message: { data: '' }, subscription: 's' },
      body('not json'),
      body({ emailAddress: 'sam@ourco.com' }),
      body({ emailAddress: 'not an address', historyId: 1 }),
      body({ emailAddress: 'sam@ourco.com', historyId: 'latest' }),
    ]) {
      const res = await push(payload, bearer);
      expect([JSON.stringify(payload).slice(0, 60), res.status]).toEqual([
        JSON.stringify(payload).slice(0, 60),
        204,
      ]);
    }
    expect(await requested()).toBe(before);
  });

  test('a push for an address nobody watches is acknowledged and changes nothing; the watched one asks for a run', async () => {
    await worker?.stop();
    worker = undefined;
    const before = await requested();
    const unknown = await push(notification('nobody@elsewhere.example'), await token());
    expect([unknown.status, unknown.body]).toEqual([204, undefined]);
    expect(await requested()).toBe(before);
    // The address as Gmail spells it, in any case, names the watched mailbox.
    const known = await push(notification('Sam@OurCo.com'), await token());
    expect(known.status).toBe(204);
    expect(await requested()).not.toBe(before);
  });

  test('the audience can be configured (LIAISON_GMAIL_PUSH_AUDIENCE); without a topic the route is 404', async () => {
    const settings = server.deps.config.gmailPush!;
    try {
      server.deps.config.gmailPush = { ...settings, audience: 'liaison-gmail-push' };
      expect((await push(notification('nobody@x.example'), await token())).status).toBe(401);
      expect(
        (await push(notification('nobody@x.example'), await token({ aud: 'liaison-gmail-push' }))).status,
      ).toBe(204);
      delete server.deps.config.gmailPush;
      const off = await push(notification(), await token());
      expect([off.status, off.body?.error]).toEqual([404, 'gmail_push_off']);
    } finally {
      server.deps.config.gmailPush = settings;
    }
  });

  test('disconnecting stops the watch at Gmail (users.stop) and forgets it', async () => {
    expect(gmail.pubsub.watch).toBeDefined();
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true });
    expect(gmail.log.of('stop').map((e) => [e.path, e.status])).toEqual([['/gmail/v1/users/me/stop', 204]]);
    expect(gmail.pubsub.watch).toBeUndefined();
    // users.stop came before the courtesy revoke (after it the grant could not call Gmail).
    const kinds = gmail.log.entries.map((e) => e.kind);
    expect(kinds.lastIndexOf('stop')).toBeLessThan(kinds.lastIndexOf('revoke'));
    expect(await getPush(server.deps.db, mailbox.id)).toBeUndefined();
  });
});

describe('Gmail push and the rate limit (PGlite)', () => {
  test('Pub/Sub sends every push with one token: a burst is not held back like one caller', async () => {
    const oidc = await OidcTestServer.start();
    const server = await startTestServer('pglite', {
      LIAISON_RATE_LIMIT: '3',
      LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC,
      LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    try {
      const bearer = await oidc.googleToken({
        aud: `${server.url}/notifications/gmail`,
        email: SERVICE_ACCOUNT,
        email_verified: true,
      });
      const data = Buffer.from(JSON.stringify({ emailAddress: 'a@b.example', historyId: 1 })).toString(
        'base64',
      );
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await server.call('POST', '/notifications/gmail', {
          headers: { authorization: `Bearer ${bearer}` },
          body: { message: { data, messageId: String(i) }, subscription: 's' },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([204, 204, 204, 204, 204, 204]);
      // The limit is on for everything else: one caller's fourth request in the minute is refused.
      const rep = await server.token('sam@ourco.com');
      const others: number[] = [];
      for (let i = 0; i < 4; i++)
        others.push((await server.call('GET', '/api/settings', { as: rep })).status);
      expect(others).toEqual([200, 200, 200, 429]);
    } finally {
      await server.close();
      await oidc.stop();
    }
  }, 60_000);
});

describe.each(backends)('Gmail push refused by Google (%s)', (backend) => {
  test('a watch Gmail refuses (no Publisher grant on the topic: 403) leaves the mailbox Active and polled', async () => {
    const gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    gmail.pubsub.settings = { topic: TOPIC, publisherGranted: false };
    const server = await startTestServer(backend, {
      LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC,
      LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
    });
    let worker: SyncWorker | undefined;
    try {
      server.deps.config.gmail = gmailSettingsOf(gmail);
      const sam = await server.signIn(server.sam);
      await connectByOAuth(server, 'gmail', sam);
      const mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
      const runs: RunResult[] = [];
      const logs: string[] = [];
      worker = serverSyncWorker(server, {
        log: (l) => logs.push(l),
        config: { intervalSeconds: 3600, pollSeconds: 0.5, watch: true },
        onRun: (id, result) => {
          if (id === mailbox.id) runs.push(result);
        },
      });
      await worker.start();
      await waitFor('the first run', async () => runs.length >= 1);
      await waitFor('the refused watch', async () => logs.some((l) => l.includes('gmail push: no watch')));
      expect(gmail.log.of('watch').map((e) => e.status)).toContain(403);
      expect(await getPush(server.deps.db, mailbox.id)).toBeUndefined();
      expect(logs.find((l) => l.includes('no watch'))).toContain(`mailbox ${mailbox.id}`);

      gmail.store.deliver(['INBOX'], {
        from: 'Jane Doe <jane.doe@acme.com>',
        subject: 'Polled all the same',
      });
      await worker.trigger(mailbox.id); // what its next scheduled run would do
      await waitFor('the next run', async () => runs.length >= 2, 30_000);
      expect(runs.map((r) => r.outcome)).toEqual(['synced', 'synced']);
      expect(runs[1]).toMatchObject({ looked: 1 });
      expect((await getMailbox(server.deps.db, mailbox.id))!.status).toBe('active');
      expect(gmail.pubsub.deliveries).toEqual([]);
    } finally {
      await worker?.stop();
      await server.close();
      await gmail.stop();
    }
  });
});
