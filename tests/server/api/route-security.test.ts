import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// Walks the server's own route table, so a route added later cannot escape these checks: for every route that is
// not public, no token, a bad signature, an expired token and a wrong audience are refused; admin routes refuse a
// signed-in rep; a session without its CSRF token cannot change anything.

describe.each(backends)('every route is guarded (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  }, 90_000);
  afterAll(async () => server?.close());

  const path = (url: string) => url.replace(/:[A-Za-z]+/g, 'some-id');
  const guarded = () =>
    server.app.routeTable.filter(
      (r) => r.access !== 'public' && r.method !== 'OPTIONS' && r.method !== 'HEAD',
    );

  test('the table has the routes the sidebars and dashboard use, each with an access rule', () => {
    const routes = server.app.routeTable.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'POST /api/sidebar',
      'POST /api/save',
      'PATCH /api/settings',
      'POST /api/blacklist',
      'POST /api/admin/autosharing',
      'GET /api/admin/users',
    ]) {
      expect(routes).toContain(expected);
    }
    expect(guarded().length).toBeGreaterThan(20);
  });

  test('no credentials: 401 everywhere', async () => {
    for (const route of guarded()) {
      const res = await server.call(route.method, path(route.url), {
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect([route.method, route.url, res.status, res.body?.error]).toEqual([
        route.method,
        route.url,
        401,
        'unauthorized',
      ]);
    }
  });

  test('bad signature, expired, wrong audience, garbage: 401 everywhere', async () => {
    const good = await server.token('sam@ourco.com');
    const [head, payload, signature] = good.split('.') as [string, string, string];
    const tampered = `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const expired = await server.token('sam@ourco.com', { ttl: -300 });
    const wrongAudience = await server.token('sam@ourco.com', { audience: 'someone-else' });
    const cases: [string, string][] = [
      [tampered, 'token_bad_signature'],
      [expired, 'token_expired'],
      [wrongAudience, 'token_wrong_audience'],
      ['not.a.token', 'token_malformed'],
    ];
    for (const route of guarded()) {
      for (const [token, code] of cases) {
        const res = await server.call(route.method, path(route.url), { as: token, body: {} });
        expect([route.url, token.slice(0, 8), res.status, res.body?.error]).toEqual([
          route.url,
          token.slice(0, 8),
          401,
          code,
        ]);
      }
    }
  });

  test('a valid token of someone who is not a Liaison user: 403', async () => {
    const stranger = await server.token('someone@elsewhere.com');
    for (const route of guarded()) {
      const res = await server.call(route.method, path(route.url), { as: stranger, body: {} });
      expect([route.url, res.status]).toEqual([route.url, 403]);
    }
  });

  test('admin routes refuse a rep, by token and by session', async () => {
    const rep = await server.token('sam@ourco.com');
    const session = await server.signIn(server.sam);
    const adminRoutes = guarded().filter((r) => r.access === 'admin');
    expect(adminRoutes.length).toBeGreaterThan(5);
    for (const route of adminRoutes) {
      for (const as of [rep, session]) {
        const res = await server.call(route.method, path(route.url), { as, body: {} });
        expect([route.url, res.status, res.body?.error]).toEqual([route.url, 403, 'forbidden']);
      }
    }
  });

  test('a session cannot change anything without its CSRF token', async () => {
    const session = await server.signIn(server.sam);
    const changing = guarded().filter((r) => r.access === 'user' && r.method !== 'GET');
    for (const route of changing) {
      const res = await server.call(route.method, path(route.url), {
        as: { cookie: session.cookie, csrf: 'wrong' },
        body: {},
      });
      expect([route.url, res.status, res.body?.error]).toEqual([route.url, 403, 'csrf']);
    }
    const ok = await server.call('PATCH', '/api/settings', {
      as: session,
      body: { autoCreateContacts: true },
    });
    expect(ok.status).toBe(200);
  });

  test("another user's data is out of reach: a rep's changes never touch a colleague's", async () => {
    const sam = await server.token('sam@ourco.com');
    const pat = await server.token('pat@ourco.com');
    await server.call('POST', '/api/blacklist', { as: sam, body: { entries: 'only-sam@nowhere.io' } });
    const patList = await server.call('GET', '/api/blacklist', { as: pat });
    expect(patList.body.mine).not.toContain('only-sam@nowhere.io');
    await server.deps.db
      .insertInto('thread_subscriptions')
      .values({ user_id: server.sam.id, thread_id: 'sam-thread', what_kind: null, what_id: null })
      .execute();
    const steal = await server.call('DELETE', '/api/subscriptions/sam-thread', { as: pat });
    expect(steal.status).toBe(404);
    const still = await server.call('GET', '/api/subscriptions', { as: sam });
    expect(still.body.subscriptions.map((s: { threadId: string }) => s.threadId)).toContain('sam-thread');
  });

  test('errors are JSON with a message and never a stack trace', async () => {
    const res = await server.call('POST', '/api/sidebar', {
      as: await server.token('sam@ourco.com'),
      body: { message: { nope: true } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
