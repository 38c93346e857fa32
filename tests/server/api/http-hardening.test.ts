import { startTestServer, type TestServer } from '../../support/server/test-server';

// The HTTP edge: security headers, CORS only for configured add-in origins, a body size limit and a rate limit,
// each answering with a JSON error people can read.

describe('HTTP hardening', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', {
      LIAISON_ADDIN_ORIGINS: 'https://addin.ourco.com',
      LIAISON_BODY_LIMIT: '4096',
      LIAISON_RATE_LIMIT: '8',
    });
  }, 90_000);
  afterAll(async () => server?.close());

  test('security headers on every answer', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(
      /frame-ancestors 'self' https:\/\/\*\.office\.com/,
    );
    expect(res.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/); // plain HTTP here
    expect(res.headers.get('x-powered-by')).toBeNull();
    // Refusals and unknown paths carry the same headers as answers (they are set once a request arrives).
    for (const other of [
      await fetch(`${server.url}/api/sidebar`, { method: 'POST' }),
      await fetch(`${server.url}/api/no-such-route`),
    ]) {
      expect(other.status).toBeGreaterThanOrEqual(400);
      for (const name of [
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
        'referrer-policy',
        'cross-origin-opener-policy',
      ])
        expect(other.headers.get(name)).toBe(res.headers.get(name));
    }
  });

  test('CORS answers the configured add-in origin and nobody else', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/sidebar`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://addin.ourco.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://addin.ourco.com');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a body over the limit is refused with 413 and a message', async () => {
    const token = await server.token('sam@ourco.com');
    const res = await server.call('POST', '/api/blacklist', {
      as: token,
      body: { entries: 'a@b.io, '.repeat(1000) },
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: 'payload_too_large',
      message: 'This request is too large: Liaison takes at most 4 KB here.',
    });
  });

  test('past the rate limit: 429 with when to try again', async () => {
    const token = await server.token('pat@ourco.com');
    const statuses: number[] = [];
    let last: { status: number; body: { error?: string; message?: string } } = { status: 0, body: {} };
    for (let i = 0; i < 12; i++) {
      last = await server.call('GET', '/api/settings', { as: token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(last.body.error).toBe('rate_limited');
    expect(last.body.message).toMatch(/Try again in \d+ s/);
  });

  test("Graph's change notifications, posted from a few addresses for everyone, are not held to people's limit", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/notifications/graph`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value: [] }),
      });
      statuses.add(res.status);
    }
    expect(statuses.has(429)).toBe(false);
  });
});
