import { start as startSalesforce, type Emulator } from '../../emulators/salesforce';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { backends } from '../../support/db/test-databases';

// Connect Salesforce from the admin API against the local Salesforce emulator: the OAuth web server flow, the
// refresh token sealed at rest, the sidebar then answering from Salesforce, revoked consent turning the connection
// Inactive with a reason, and disconnect going back to the embedded CRM.

describe.each(backends)('Connect Salesforce (%s server, Salesforce emulator)', (backend) => {
  let sf: Emulator;
  let server: TestServer;
  let samSalesforceId: string;
  beforeAll(async () => {
    sf = await startSalesforce();
    server = await startTestServer(backend, {
      SALESFORCE_CLIENT_ID: sf.clientId,
      SALESFORCE_CLIENT_SECRET: sf.clientSecret,
      SALESFORCE_TASK_MESSAGE_ID_FIELD: 'Liaison_Message_Id__c',
      // The emulator is on http://127.0.0.1, not a Salesforce host: allowed explicitly, as a deployment would have to.
      SALESFORCE_ALLOWED_LOGIN_URLS: sf.url,
    });
    const account = sf.store.insert('Account', {
      Name: 'Wayne Enterprises',
      Website: 'https://www.wayne.com',
    });
    sf.store.insert('Contact', {
      FirstName: 'Lucius',
      LastName: 'Fox',
      Email: 'lucius@wayne.com',
      AccountId: account.Id,
    });
    samSalesforceId = sf.store.insert('User', { Name: 'Sam Seller', Email: 'sam.seller@ourco.com' })
      .Id as string;
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await sf?.stop();
  });

  test('an admin connects; the token is sealed; the sidebar answers from Salesforce', async () => {
    const admin = await server.signIn(server.admin);
    const status = await server.call('GET', '/api/admin/crm', { as: admin });
    expect(status.body).toMatchObject({
      kind: 'embedded',
      salesforce: { configured: true, connected: false },
    });

    const connect = await server.call('POST', '/api/admin/crm/salesforce/connect', {
      as: admin,
      body: { login: { loginUrl: sf.url } },
    });
    expect(connect.status).toBe(200);
    const authorize = new URL(connect.body.authorizeUrl);
    expect(authorize.origin).toBe(sf.url);
    expect(authorize.searchParams.get('scope')).toBe('api refresh_token');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The emulator consents at once and sends the browser back to the callback with a code.
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') ?? '');
    expect(callback.pathname).toBe('/admin/salesforce/callback');
    const done = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie: admin.cookie },
    });
    expect(done.status).toBe(303);
    // PKCE: the code was redeemed with the verifier of the challenge sent.
    expect(sf.oauth.pkce.verifiedS256).toBe(1);
    // The same redirect again (a replay, or a second tab) is refused: a state is used once.
    const replay = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie: admin.cookie },
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { message: string }).message).toBe(
      'This Salesforce answer was used already: each connection attempt completes once. Start again from the admin page.',
    );

    const row = await server.deps.db.selectFrom('crm_connection').selectAll().executeTakeFirstOrThrow();
    const refreshTokens = [...(sf.oauth as unknown as { refresh: Map<string, unknown> }).refresh.keys()];
    expect(refreshTokens.length).toBeGreaterThan(0);
    for (const token of refreshTokens) expect(JSON.stringify(row.connection)).not.toContain(token);
    expect((row.connection as { sealedRefreshToken: string }).sealedRefreshToken).toMatch(/^v1:/);
    expect((await server.call('GET', '/api/admin/crm', { as: admin })).body).toMatchObject({
      kind: 'salesforce',
      salesforce: { connected: true, status: 'active' },
    });
    // Users are mapped to their Salesforce users by email (Sam by his alias).
    const users = await server.call('GET', '/api/admin/users', { as: admin });
    expect(users.body.users.find((u: { id: string }) => u.id === server.sam.id).crmUserId).toBe(
      samSalesforceId,
    );

    const sam = await server.token('sam@ourco.com');
    const view = await server.call('POST', '/api/sidebar', {
      as: sam,
      body: {
        message: {
          internetMessageId: '<w1@wayne.com>',
          folder: 'inbox',
          from: { address: 'lucius@wayne.com' },
          to: [{ address: 'sam@ourco.com' }],
          cc: [],
          bcc: [],
          subject: 'Hello',
          sentAt: '2026-03-01T10:00:00Z',
        },
      },
    });
    expect(view.status).toBe(200);
    expect(view.body.people).toEqual([
      expect.objectContaining({
        name: 'Lucius Fox',
        address: 'lucius@wayne.com',
        account: expect.objectContaining({ name: 'Wayne Enterprises' }),
      }),
    ]);
  });

  test('a login address that is not Salesforce’s own https host is refused unless allowed', async () => {
    const admin = await server.signIn(server.admin);
    for (const loginUrl of [
      'http://login.salesforce.com',
      'https://login.salesforce.com.evil.example',
      'http://127.0.0.1:9',
    ]) {
      const res = await server.call('POST', '/api/admin/crm/salesforce/connect', {
        as: admin,
        body: { login: { loginUrl } },
      });
      expect([res.status, res.body.message]).toEqual([
        400,
        expect.stringContaining(
          'is not a Salesforce login address: use login.salesforce.com, test.salesforce.com or your My Domain',
        ),
      ]);
    }
    const mine = await server.call('POST', '/api/admin/crm/salesforce/connect', {
      as: admin,
      body: { login: { loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' } },
    });
    expect(new URL(mine.body.authorizeUrl).origin).toBe('https://acme--uat.sandbox.my.salesforce.com');
  });

  test('a callback with a forged state is refused', async () => {
    const admin = await server.signIn(server.admin);
    const res = await fetch(`${server.url}/admin/salesforce/callback?code=abc&state=v1:forged`, {
      redirect: 'manual',
      headers: { cookie: admin.cookie },
    });
    expect(res.status).toBe(400);
  });

  test('revoked consent turns the connection Inactive with a reason; disconnect returns to the embedded CRM', async () => {
    const admin = await server.signIn(server.admin);
    sf.oauth.revokeAll();
    const sam = await server.token('sam@ourco.com');
    const view = await server.call('GET', '/api/records/search?q=lucius', { as: sam });
    expect(view.status).toBeGreaterThanOrEqual(500);
    const status = await server.call('GET', '/api/admin/crm', { as: admin });
    expect(status.body.salesforce).toMatchObject({
      status: 'inactive',
      statusReason: expect.stringMatching(/connect Salesforce again/),
    });
    // Salesforce fails the revocation: the disconnect goes on, and the log says which org kept its token.
    const warnings: string[] = [];
    server.deps.warn = (line) => warnings.push(line);
    sf.faults.add({ kind: 'revoke', onCall: 1, error: 503 });
    const off = await server.call('POST', '/api/admin/crm/salesforce/disconnect', { as: admin });
    expect(off.body).toMatchObject({ kind: 'embedded', salesforce: { connected: false } });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Salesforce did not revoke Liaison's access to the org 00D\w+ \(http:\/\/127\.0\.0\.1:\d+\) on disconnect: /,
      ),
    ]);
    const back = await server.call('GET', '/api/records/search?q=jane', { as: sam });
    expect(back.body.hits.map((h: { ref: { id: string } }) => h.ref.id)).toContain('con-jane-doe');
  });
});
