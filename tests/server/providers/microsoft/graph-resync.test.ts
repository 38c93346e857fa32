/**
 * A delta link Graph no longer honours (https://learn.microsoft.com/en-us/graph/delta-query-overview: "Synchronization
 * reset", 410 Gone with a Location header; "Token duration", "a 40X-series error with error codes such as
 * syncStateNotFound"; the codes of https://learn.microsoft.com/en-us/graph/errors): the folder starts again from its
 * last synced point (graph-cursor.ts) and nothing is lost.
 */
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import type { SyncStateAnswer } from '../../../emulators/graph/store';
import type { MailCursor } from '../../../../server/providers/mail-source';
import type { GraphMailSource } from '../../../../server/providers/microsoft';
import { connectGraph } from './connect';

let emu: GraphEmulator;
afterEach(async () => {
  await emu.stop();
});

const deliver = (folder: string, prefix: string, n: number, receivedAt?: (i: number) => string) => {
  for (let i = 0; i < n; i++) {
    emu.store.deliver(folder, {
      subject: `${prefix} ${i}`,
      internetMessageId: `<${prefix}-${i}@ext.example>`,
      ...(receivedAt ? { receivedDateTime: receivedAt(i) } : {}),
    });
  }
};

/** Every message until the source has nothing more right away. */
async function drain(source: GraphMailSource, from: MailCursor, limit = 500) {
  let cursor = from;
  const subjects: string[] = [];
  for (let i = 0; i < 100; i++) {
    const batch = await source.fetchChanges(cursor, { limit });
    subjects.push(...batch.messages.map((m) => m.subject));
    cursor = batch.cursor;
    if (!batch.more) return { subjects, cursor };
  }
  throw new Error('the source never finished');
}

const answers: [string, Partial<SyncStateAnswer>][] = [
  ['410 Gone with Location (a reset)', { status: 410, code: 'resyncRequired' }],
  ['400 syncStateNotFound', { status: 400, code: 'syncStateNotFound' }],
  ['404 syncStateNotFound', { status: 404, code: 'syncStateNotFound' }],
  ['400 resyncRequired', { status: 400, code: 'resyncRequired' }],
  [
    '400 with resyncApplyDifferences inside innerError',
    { status: 400, code: 'invalidRequest', innerCode: 'resyncApplyDifferences' },
  ],
  ['400 syncStateInvalid (seen in the wild, not in the list)', { status: 400, code: 'syncStateInvalid' }],
];

describe.each(answers)('an expired delta link answering %s', (_name, answer) => {
  test('restarts the folder: mail since the last sync is read once, later rounds resume from a fresh link', async () => {
    emu = await startGraphEmulator();
    const { source } = await connectGraph(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 60_000));
    deliver('inbox', 'a', 3);
    deliver('archive', 'f', 1);
    ({ cursor } = await drain(source, cursor));
    deliver('inbox', 'b', 2);
    emu.store.expireDeltaTokens(answer);
    const after = await drain(source, cursor);
    // What arrived since is there; what came before may be listed again (the ledger drops it), never twice here.
    expect(after.subjects).toEqual(expect.arrayContaining(['b 0', 'b 1']));
    expect(new Set(after.subjects).size).toBe(after.subjects.length);
    expect(emu.log.of('delta').some((r) => r.status === answer.status)).toBe(true);
    deliver('inbox', 'c', 1);
    const next = await drain(source, after.cursor);
    expect(next.subjects).toEqual(['c 0']);
  });
});

test('a folder that does not exist (404 ErrorItemNotFound) is still skipped, not restarted', async () => {
  emu = await startGraphEmulator({ archive: false });
  const { source } = await connectGraph(emu);
  const cursor = await source.initialCursor(new Date(Date.now() - 1000));
  deliver('inbox', 'a', 1);
  const first = await drain(source, cursor);
  expect(first.subjects).toEqual(['a 0']);
  expect(emu.log.of('delta').filter((r) => r.status === 404)).toHaveLength(1);
});

describe('a resync of a mailbox connected months ago', () => {
  const DAY = 86_400_000;
  /** Connected 120 days ago, 30 emails synced as they came over the months, the last 100 hours ago. */
  async function monthsOld(cap: number) {
    emu = await startGraphEmulator({ deltaFilterCap: cap });
    const now = Date.now();
    const { source } = await connectGraph(emu);
    let cursor = await source.initialCursor(new Date(now - 120 * DAY));
    for (let week = 0; week < 5; week++) {
      deliver('inbox', `w${week}`, 6, (i) =>
        new Date(now - (100 - week * 20) * DAY + i * 60_000).toISOString(),
      );
      ({ cursor } = await drain(source, cursor));
    }
    return { source, cursor, now };
  }

  test('starts from the last synced point, not the connection, and reads past the delta cap', async () => {
    const { source, cursor, now } = await monthsOld(10);
    // 12 emails wait (more than the cap) when the token expires: hours old, and one just now.
    deliver('inbox', 'n', 12, (i) => new Date(now - (12 - i) * 3_600_000).toISOString());
    deliver('inbox', 'now', 1);
    emu.store.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
    emu.log.reset();
    const after = await drain(source, cursor, 5);
    // Everything since the mark (the newest email of the last week synced, listed again: the ledger drops it).
    const expected = ['w4 5', ...Array.from({ length: 12 }, (_, i) => `n ${i}`), 'now 0'];
    expect([...after.subjects].sort()).toEqual(expected.sort());
    // The catch-up listed receivedDateTime windows oldest first; the new delta starts near now.
    const lists = emu.log.of('list').map((r) => decodeURIComponent(r.path));
    expect(lists.length).toBeGreaterThan(1);
    for (const path of lists) expect(path).toMatch(/receivedDateTime ge \S+ and receivedDateTime lt \S+/);
    const fresh = emu.log
      .of('delta')
      .map((r) => decodeURIComponent(r.path))
      .filter((p) => p.includes('$filter'));
    const since = /receivedDateTime ge (\S+?)(&|$)/.exec(fresh.at(-1) ?? '')?.[1] ?? '';
    expect(Date.parse(since)).toBeGreaterThan(now - 3_600_000);
    // Later rounds read only what is new.
    deliver('inbox', 'later', 1);
    expect((await drain(source, after.cursor)).subjects).toEqual(['later 0']);
  });

  test('a cursor stored before the high-water mark existed resyncs from the connection, through the list', async () => {
    const { source, cursor } = await monthsOld(10);
    const { marks: _marks, ...old } = cursor as { marks?: unknown };
    deliver('inbox', 'n', 2);
    emu.store.expireDeltaTokens();
    const after = await drain(source, old, 7);
    expect(after.subjects).toHaveLength(32);
    expect(new Set(after.subjects).size).toBe(32);
  });
});
