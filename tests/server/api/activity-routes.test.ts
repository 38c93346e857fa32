import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { seedActivity } from '../../browser/dashboard-seed';

// The Activity page's API: newest first, filtered by reason, searched by address or subject, with the linked
// records' names; each user sees only their own.

describe.each(backends)('GET /api/activity (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    await seedActivity(server, server.sam);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  const subjects = async (query: string, as = sam) => {
    const res = await server.call('GET', `/api/activity${query}`, { as });
    expect(res.status).toBe(200);
    return (res.body.entries as { subject: string }[]).map((e) => e.subject);
  };

  test('newest first, every decision of the user', async () => {
    expect(await subjects('')).toEqual([
      'Renewal terms for next year',
      'Initech rollout plan',
      'Lunch on Friday?',
      'Cold outreach',
    ]);
    expect(await subjects('', await server.token('pat@ourco.com'))).toEqual([]);
  });

  test('filtered by reason', async () => {
    expect(await subjects('?reason=internal')).toEqual(['Lunch on Friday?']);
    expect(await subjects('?reason=autoshare')).toEqual([
      'Renewal terms for next year',
      'Initech rollout plan',
    ]);
    expect(await subjects('?reason=blacklisted')).toEqual([]);
  });

  test('searched by address (any participant) or subject, case-insensitively', async () => {
    expect(await subjects('?q=BILL@initech.io')).toEqual(['Initech rollout plan']);
    expect(await subjects('?q=unknown-vendor')).toEqual(['Cold outreach']);
    expect(await subjects('?q=renewal')).toEqual(['Renewal terms for next year']);
    expect(await subjects('?q=renewal&reason=internal')).toEqual([]);
  });

  test('paged by limit and before', async () => {
    const first = await server.call('GET', '/api/activity?limit=2', { as: sam });
    expect(first.body.entries).toHaveLength(2);
    const last = first.body.entries[1].decidedAt as string;
    expect(await subjects(`?before=${encodeURIComponent(last)}`)).toEqual([
      'Lunch on Friday?',
      'Cold outreach',
    ]);
  });

  test('the linked records come with their names', async () => {
    const res = await server.call('GET', '/api/activity?reason=autoshare', { as: sam });
    expect(res.body.names['contact:con-jane-doe']).toBe('Jane Doe');
    expect(res.body.names['contact:con-bill-lumbergh']).toBe('Bill Lumbergh');
  });
});
