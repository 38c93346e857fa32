/**
 * What would hide regressions if the emulator were kinder than Graph: delta replays changes across pages and rounds
 * (https://learn.microsoft.com/en-us/graph/delta-query-overview, "Replays"), ids change with the folder unless every
 * request asks for immutable ones (https://learn.microsoft.com/en-us/graph/outlook-immutable-id), and $batch answers
 * in any order (https://learn.microsoft.com/en-us/graph/json-batching).
 */
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { sameCursor } from '../../../../server/sync/same-cursor';
import { connectGraph } from './connect';

let emu: GraphEmulator;
afterEach(async () => {
  await emu.stop();
});

test('a change replayed in a later page or round, in another fetch, is handed out once', async () => {
  emu = await startGraphEmulator({ replayRate: 1 });
  const { source } = await connectGraph(emu, { pageSize: 2 });
  let cursor = await source.initialCursor(new Date(Date.now() - 1000));
  for (let i = 0; i < 7; i++)
    emu.store.deliver('inbox', { subject: `r ${i}`, internetMessageId: `<r${i}@x>` });
  const got: string[] = [];
  for (let more = true; more;) {
    // One page a fetch: each replay comes in a fetch after the one that handed the message out.
    const batch = await source.fetchChanges(cursor, { limit: 2 });
    got.push(...batch.messages.map((m) => m.subject));
    ({ cursor, more } = batch);
  }
  expect(got.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `r ${i}`));
  emu.store.deliver('inbox', { subject: 'next' });
  const next = await source.fetchChanges(cursor);
  expect(next.messages.map((m) => m.subject)).toEqual(['next']);
  // Idle reads settle: the second gives back the cursor it was given (the engine then writes nothing).
  const idle = await source.fetchChanges(next.cursor);
  expect(idle.messages).toEqual([]);
  const again = await source.fetchChanges(idle.cursor);
  expect(again.messages).toEqual([]);
  expect(sameCursor(idle.cursor, again.cursor)).toBe(true);
});

test('every request that lists or reads messages asks for immutable ids; a listed id still reads the message after a move', async () => {
  emu = await startGraphEmulator();
  const { source } = await connectGraph(emu, { bodies: false });
  let cursor = await source.initialCursor(new Date(Date.now() - 3_600_000));
  const stored = emu.store.deliver('inbox', {
    // Half an hour old: the resync below lists from it (its mark) up to 10 minutes ago.
    receivedDateTime: new Date(Date.now() - 1_800_000).toISOString(),
    subject: 'kept',
    internetMessageId: '<kept@x>',
    attachments: [{ name: 'a.pdf' }],
  });
  const batch = await source.fetchChanges(cursor);
  cursor = batch.cursor;
  const id = batch.sourceIdOf?.(batch.messages[0]!);
  expect(id).toBe(stored.id);
  emu.store.move(stored.id, 'archive');
  expect(await source.fetchMessage(id!, 'inbox')).toMatchObject({ subject: 'kept' });
  // The resync path too (the folder list), after the token expires.
  emu.store.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
  await source.fetchChanges(cursor);
  const kinds = ['delta', 'list', 'message'];
  const asked = emu.log.entries.filter((e) => kinds.includes(e.kind));
  expect(new Set(asked.map((e) => e.kind))).toEqual(new Set(kinds));
  for (const e of asked) expect(`${e.kind} ${e.headers.prefer ?? ''}`).toContain('IdType="ImmutableId"');
});

test('$batch answers out of order are matched by id: headers and attachments land on their own message', async () => {
  emu = await startGraphEmulator({ seed: 9 });
  const { source } = await connectGraph(emu);
  const cursor = await source.initialCursor(new Date(Date.now() - 1000));
  for (let i = 0; i < 8; i++) {
    emu.store.deliver('inbox', {
      subject: `b ${i}`,
      headers: { 'X-Which': `h${i}` },
      attachments: i % 2 === 0 ? [{ name: `f${i}.pdf` }] : [],
    });
  }
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages).toHaveLength(8);
  for (const m of batch.messages) {
    const i = m.subject.split(' ')[1];
    expect(m.headers?.['x-which']).toBe(`h${i}`);
    expect(m.attachments?.map((a) => a.name) ?? []).toEqual(Number(i) % 2 === 0 ? [`f${i}.pdf`] : []);
  }
});
