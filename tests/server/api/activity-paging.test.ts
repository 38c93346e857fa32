import { recordDecisions, type NewDecisionLogEntry } from '../../../server/db/decision-log-repo';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The Activity page pages on a stable key (issue 14): the entries of one sync batch share their decision time, so
// paging by time alone lost some (533 of 538 returned). Paging follows `next` (time and id) and returns every
// email once; search and the reason filter look at the whole history, not only the newest 1,000 decisions.

const BATCH = 538;
const OLDER = 700;

function entry(userId: string, n: number, over: Partial<NewDecisionLogEntry> = {}): NewDecisionLogEntry {
  return {
    userId,
    direction: 'inbound',
    message: {
      internetMessageId: `<page-${n}@acme.com>`,
      folder: 'inbox',
      from: { address: `person${n}@acme.com` },
      to: [{ address: 'sam@ourco.com' }],
      cc: [],
      subject: `Email number ${n}`,
      sentAt: '2026-03-01T10:00:00Z',
    },
    decision: {
      action: 'skip',
      reason: 'no_known_participant',
      who: [],
      create: [],
      content: 'full',
      trace: ['No participant is known.'],
    },
    ...over,
  };
}

describe.each(backends)('GET /api/activity paging (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    const userId = server.sam.id;
    // The oldest email, alone of its kind: found by search and by reason although 1,238 decisions are newer.
    await recordDecisions(server.deps.db, [
      entry(userId, -1, {
        decidedAt: '2026-01-01T00:00:00Z',
        message: { ...entry(userId, -1).message, subject: 'The very first needle-in-haystack email' },
        decision: { ...entry(userId, -1).decision, reason: 'internal' },
      }),
    ]);
    // 700 older decisions, one second apart, then one batch of 538 sharing one time.
    await recordDecisions(
      server.deps.db,
      Array.from({ length: OLDER }, (_, i) =>
        entry(userId, BATCH + i, { decidedAt: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1000) }),
      ),
    );
    await recordDecisions(
      server.deps.db,
      Array.from({ length: BATCH }, (_, i) => entry(userId, i)),
    );
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  const page = async (query: string) => {
    const res = await server.call('GET', `/api/activity${query}`, { as: sam });
    expect(res.status).toBe(200);
    return res.body as { entries: { id: string; subject: string; decidedAt: string }[]; next?: string };
  };

  test('following next returns every email exactly once, newest first, however many share a time', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const body = await page(`?limit=200${next ? `&next=${encodeURIComponent(next)}` : ''}`);
      seen.push(...body.entries.map((e) => e.subject));
      next = body.next;
      pages++;
    } while (next && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(BATCH + OLDER + 1);
    expect(seen.at(-1)).toBe('The very first needle-in-haystack email');
  });

  test('small pages inside one batch sharing a time lose nothing', async () => {
    const seen = new Set<string>();
    let next: string | undefined;
    for (let i = 0; i < 6; i++) {
      const body = await page(`?limit=97${next ? `&next=${encodeURIComponent(next)}` : ''}`);
      for (const e of body.entries) seen.add(e.subject);
      next = body.next;
    }
    // The first 538 are the batch: 6 pages of 97 cover it and reach 44 into the older ones.
    expect(seen.size).toBe(6 * 97);
    for (let n = 0; n < BATCH; n++) expect(seen.has(`Email number ${n}`)).toBe(true);
  });

  test('search and the reason filter look at the whole history', async () => {
    expect((await page('?q=needle-in-haystack')).entries.map((e) => e.subject)).toEqual([
      'The very first needle-in-haystack email',
    ]);
    expect((await page('?reason=internal')).entries.map((e) => e.subject)).toEqual([
      'The very first needle-in-haystack email',
    ]);
  });

  test('the last page has no next', async () => {
    const body = await page('?reason=internal');
    expect(body.next).toBeUndefined();
  });

  test('a next that is not one Liaison gave is a 400 with a sentence', async () => {
    const res = await server.call('GET', '/api/activity?next=garbage', { as: sam });
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(/page/i);
  });
});
