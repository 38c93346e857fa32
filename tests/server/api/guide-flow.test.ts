import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The dashboard's first-run guide, remembered per user on the server, on both databases.

describe.each(backends)('first-run guide memory over HTTP (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  }, 90_000);
  afterAll(async () => server?.close());

  test('nothing is remembered at first; marks stick, per user, and are never taken back', async () => {
    const sam = await server.signIn(server.sam);
    const pat = await server.signIn(server.pat);
    expect((await server.call('GET', '/api/guide', { as: sam })).body).toEqual({
      dismissed: false,
      whyTried: false,
    });
    const why = await server.call('POST', '/api/guide', { as: sam, body: { whyTried: true } });
    expect([why.status, why.body]).toEqual([200, { dismissed: false, whyTried: true }]);
    const dismissed = await server.call('POST', '/api/guide', { as: sam, body: { dismissed: true } });
    expect(dismissed.body).toEqual({ dismissed: true, whyTried: true });
    // Marking again keeps both; another session of the same user (another browser) reads the same.
    await server.call('POST', '/api/guide', { as: sam, body: { whyTried: true } });
    const elsewhere = await server.signIn(server.sam);
    expect((await server.call('GET', '/api/guide', { as: elsewhere })).body).toEqual({
      dismissed: true,
      whyTried: true,
    });
    // Pat's guide is his own.
    expect((await server.call('GET', '/api/guide', { as: pat })).body).toEqual({
      dismissed: false,
      whyTried: false,
    });
  });

  test('a mark cannot be taken back or be anything else, and needs a signed-in user', async () => {
    const sam = await server.signIn(server.pat);
    for (const body of [{ dismissed: false }, { whyTried: 'yes' }, { other: true }]) {
      const res = await server.call('POST', '/api/guide', { as: sam, body });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(typeof res.body.message).toBe('string');
    }
    expect((await server.call('GET', '/api/guide')).status).toBe(401);
  });
});
