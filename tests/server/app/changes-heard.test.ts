import Fastify from 'fastify';
import { installChangesHeard } from '../../../server/app/changes-heard';
import type { App } from '../../../server/app/build-app';
import type { ChangeFeed } from '../../../server/db/change-feed';

// A request that may have written tells this server's caches itself (the database's notification comes on another
// connection, possibly after the rep's next request); reads do not, or nothing would stay kept.

describe('changes heard from this server', () => {
  let bumps = 0;
  const feed: ChangeFeed = { version: () => bumps, bump: () => void bumps++, close: async () => {} };
  const app = Fastify() as unknown as App;
  beforeAll(async () => {
    installChangesHeard(app, { changes: feed });
    app.get('/read', async () => ({ ok: true }));
    app.post('/write', async () => ({ ok: true }));
    app.delete('/write', async () => ({ ok: true }));
    app.post('/sidebar', { config: { readsOnly: true } }, async () => ({ ok: true }));
    app.post('/fails', async () => {
      throw new Error('half written, perhaps');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  test.each([
    ['POST', '/write', 1],
    ['DELETE', '/write', 1],
    ['POST', '/fails', 1],
    ['GET', '/read', 0],
    ['HEAD', '/read', 0],
    ['POST', '/sidebar', 0],
  ] as const)('%s %s counts %i change(s) by the time it is answered', async (method, url, expected) => {
    const before = bumps;
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(url === '/fails' ? 500 : 200);
    expect(bumps - before).toBe(expected);
  });
});
