import { getMailboxOfUser } from '../../../server/db/mailboxes-repo';
import { providerSourceOptions } from '../../../server/providers/registry';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { syncSourceOptions } from '../../../server/sync/start-sync';
import { startGmailEmulator, type GmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import { backends } from '../../support/db/test-databases';
import { connectByOAuth, gmailSettingsOf, graphSettingsOf } from '../../support/server/mail-providers';
import { startTestServer, type Session, type TestServer } from '../../support/server/test-server';

// Connecting Microsoft 365 and Gmail from "My mailbox" against the Graph and Gmail emulators: the real msal-node and
// google-auth-library code flows through the server's routes, a sealed state bound to the user, the grant sealed
// at rest and usable by the engine's source factory, clear refusals, and a courtesy revoke on disconnect.

describe.each(backends)('My mailbox: Microsoft 365 and Google (%s)', (backend) => {
  let graph: GraphEmulator;
  let gmail: GmailEmulator;
  let server: TestServer;
  let sam: Session;
  let pat: Session;
  beforeAll(async () => {
    graph = await startGraphEmulator({
      user: { id: 'sam-oid', mail: 'sam@ourco.com', displayName: 'Sam Seller' },
    });
    gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    server = await startTestServer(backend);
    server.deps.config.graph = graphSettingsOf(graph);
    server.deps.config.gmail = gmailSettingsOf(gmail);
    sam = await server.signIn(server.sam);
    pat = await server.signIn(server.pat);
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await graph?.stop();
    await gmail?.stop();
  });

  /** The browser's trip: the provider consents at once and sends it back to the server's callback. */
  async function signInAt(kind: 'graph' | 'gmail', as: Session, back: Session = as) {
    const trip = await connectByOAuth(server, kind, as, back);
    expect(trip.start.status).toBe(200);
    return trip;
  }

  const storedSecret = async (userId: string) => {
    const mailbox = (await getMailboxOfUser(server.deps.db, userId))!;
    return { mailbox, secret: server.deps.secrets.open(mailbox.sealedSecret!, mailbox.id) };
  };

  test('both are offered once configured', async () => {
    const res = await server.call('GET', '/api/mailbox', { as: sam });
    expect(res.body.available).toEqual({ graph: true, gmail: true, imap: true });
  });

  test('Microsoft 365: sign-in, sealed token cache, Active, and the engine reads new mail with it', async () => {
    const { authorize, callback, done, location } = await signInAt('graph', sam);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/mailbox/microsoft/callback`);
    expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['offline_access', 'Mail.Read', 'openid', 'email']),
    );
    // The account picker always shows (msal leaves login_hint out with prompt=select_account, as AAD requires).
    expect(authorize.searchParams.get('prompt')).toBe('select_account');
    expect(callback.pathname).toBe('/mailbox/microsoft/callback');
    expect([done.status, location]).toEqual([303, '/#/mailbox?connected=graph']);

    const status = await server.call('GET', '/api/mailbox', { as: sam });
    expect(status.body).toMatchObject({
      connected: true,
      mailbox: { kind: 'graph', address: 'sam@ourco.com' },
      status: 'Active',
    });
    const { mailbox, secret } = await storedSecret(server.sam.id);
    const grant = JSON.parse(secret) as { tokenCache: string; username: string };
    expect(grant.username).toBe('sam@ourco.com');
    const refreshToken = Object.values(
      (JSON.parse(grant.tokenCache) as { RefreshToken: Record<string, { secret: string }> }).RefreshToken,
    )[0]!.secret;
    expect(refreshToken.length).toBeGreaterThan(10);
    expect(mailbox.sealedSecret).not.toContain(refreshToken);

    // Only mail after the connection is read, with the stored grant, by the engine's own factory.
    graph.store.deliver('inbox', {
      subject: 'after connecting',
      from: { address: 'jane@acme.com', name: 'Jane' },
      receivedDateTime: new Date(Date.now() + 1000).toISOString(),
    });
    const factory = defaultMailSourceFactory({
      secrets: server.deps.secrets,
      ...providerSourceOptions({ config: server.deps.config, db: server.deps.db }),
    });
    const source = await factory(mailbox);
    const batch = await source.fetchChanges(mailbox.cursor!);
    expect(batch.messages.map((m) => m.subject)).toEqual(['after connecting']);
    await source.close();
  });

  test("the engine's own source options refresh an expired token and seal the rotated cache back into the row", async () => {
    const { mailbox } = await storedSecret(server.sam.id);
    // Without the OAuth app the engine could not refresh anything: the mailbox would go Inactive.
    await expect(
      Promise.resolve().then(() => defaultMailSourceFactory({ secrets: server.deps.secrets })(mailbox)),
    ).rejects.toMatchObject({ kind: 'auth' });
    const source = await defaultMailSourceFactory(
      syncSourceOptions(server.deps, server.deps.secrets, server.deps.config),
    )(mailbox);
    graph.oauth.expireAccessTokens();
    const refreshesBefore = graph.log.of('token').length;
    await source.fetchChanges(mailbox.cursor!);
    await source.close();
    expect(graph.log.of('token').length).toBe(refreshesBefore + 1);
    const after = await storedSecret(server.sam.id);
    expect(after.mailbox.sealedSecret).not.toBe(mailbox.sealedSecret);
    const before = JSON.parse(server.deps.secrets.open(mailbox.sealedSecret!, mailbox.id)) as {
      tokenCache: string;
    };
    const rotated = JSON.parse(after.secret) as { tokenCache: string; username: string };
    expect(rotated.username).toBe('sam@ourco.com');
    expect(rotated.tokenCache).not.toBe(before.tokenCache);
    // The cursor and status were left as they were.
    expect([after.mailbox.cursor, after.mailbox.status]).toEqual([mailbox.cursor, mailbox.status]);
  });

  test("a redirect carrying someone else's state is refused, and nothing changes", async () => {
    const before = await getMailboxOfUser(server.deps.db, server.pat.id);
    const { location } = await signInAt('graph', sam, pat);
    const url = new URL(location, server.url);
    expect(url.hash).toMatch(/^#\/mailbox\?error=bad_state&message=/);
    expect(await getMailboxOfUser(server.deps.db, server.pat.id)).toEqual(before);
  });

  test('a sign-in finished more than 10 minutes after it started is refused as expired, and nothing changes', async () => {
    const before = await getMailboxOfUser(server.deps.db, server.sam.id);
    const start = await server.call('POST', '/api/mailbox/graph/connect', { as: sam, body: {} });
    const consent = await fetch(new URL(start.body.authorizeUrl), { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') ?? '');
    const now = server.deps.now;
    server.deps.now = () => new Date(Date.now() + 11 * 60_000);
    try {
      const done = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
        redirect: 'manual',
        headers: { cookie: sam.cookie },
      });
      const params = new URLSearchParams(
        new URL(done.headers.get('location') ?? '', server.url).hash.split('?')[1],
      );
      expect(params.get('error')).toBe('bad_state');
      expect(params.get('message')).toContain('expired');
    } finally {
      server.deps.now = now;
    }
    expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toEqual(before);
  });

  test.each(['graph', 'gmail'] as const)(
    '%s: the sign-in uses PKCE (S256), and its redirect completes once: a replay is refused',
    async (kind) => {
      const emulator = kind === 'graph' ? graph : gmail;
      const verifiedBefore = emulator.oauth.pkce.verifiedS256;
      const { authorize, callback, location } = await signInAt(kind, sam);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(location).toBe(`/#/mailbox?connected=${kind}`);
      expect(emulator.oauth.pkce.verifiedS256).toBe(verifiedBefore + 1);
      const before = await getMailboxOfUser(server.deps.db, server.sam.id);
      const replay = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
        redirect: 'manual',
        headers: { cookie: sam.cookie },
      });
      const params = new URLSearchParams(
        new URL(replay.headers.get('location') ?? '', server.url).hash.split('?')[1],
      );
      expect(params.get('error')).toBe('bad_state');
      expect(params.get('message')).toMatch(
        /answer was used already: each connection attempt completes once/,
      );
      expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toEqual(before);
    },
  );

  test('a refusal at the provider comes back as a message on the page', async () => {
    const res = await fetch(
      `${server.url}/mailbox/google/callback?error=access_denied&error_description=${encodeURIComponent('The user denied access')}`,
      { redirect: 'manual', headers: { cookie: sam.cookie } },
    );
    const params = new URLSearchParams(
      new URL(res.headers.get('location') ?? '', server.url).hash.split('?')[1],
    );
    expect([res.status, params.get('error')]).toEqual([303, 'provider_refused']);
    expect(params.get('message')).toBe('Google did not connect your mailbox: The user denied access.');
  });

  test("Google: a mailbox that is not one of the user's addresses is refused", async () => {
    const { location } = await signInAt('gmail', pat);
    const params = new URLSearchParams(new URL(location, server.url).hash.split('?')[1]);
    expect(params.get('error')).toBe('mailbox_not_yours');
    expect(params.get('message')).toContain('sam@ourco.com');
    expect(await getMailboxOfUser(server.deps.db, server.pat.id)).toBeUndefined();
  });

  test('Google: switching from Microsoft starts afresh; disconnect revokes the refresh token', async () => {
    const { location } = await signInAt('gmail', sam);
    expect(location).toBe('/#/mailbox?connected=gmail');
    const { mailbox, secret } = await storedSecret(server.sam.id);
    expect(mailbox.kind).toBe('gmail');
    expect(mailbox.cursor).toMatchObject({ v: 1, connectedAt: mailbox.connectedAt });
    const { refreshToken } = JSON.parse(secret) as { refreshToken: string };
    expect(mailbox.sealedSecret).not.toContain(refreshToken);

    const revokesBefore = gmail.log.of('revoke').length;
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true, connected: false });
    expect(gmail.log.of('revoke').length).toBe(revokesBefore + 1);
  });

  test('Google: a revocation Google fails is logged with the mailbox and provider; the disconnect goes on', async () => {
    expect((await signInAt('gmail', sam)).location).toBe('/#/mailbox?connected=gmail');
    const warnings: string[] = [];
    server.deps.warn = (line) => warnings.push(line);
    // Google is down: every try (google-auth-library retries a 503) fails.
    gmail.faults.add({
      kind: 'revoke',
      status: 503,
      times: 10,
      code: 'backendError',
      message: 'Backend Error',
    });
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.body).toMatchObject({ disconnected: true, connected: false });
    gmail.faults.clear();
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Google did not revoke Liaison's access to the Gmail mailbox sam@ourco\\.com \\(user ${server.sam.id}\\) on disconnect: `,
        ),
      ),
    ]);
  });

  test('replacing Google with Microsoft disconnects Google fully: its refresh token is revoked too', async () => {
    expect((await signInAt('gmail', sam)).location).toBe('/#/mailbox?connected=gmail');
    const revokesBefore = gmail.log.of('revoke').length;
    expect((await signInAt('graph', sam)).location).toBe('/#/mailbox?connected=graph');
    expect(gmail.log.of('revoke').length).toBe(revokesBefore + 1);
    expect((await storedSecret(server.sam.id)).mailbox.kind).toBe('graph');
  });
});
