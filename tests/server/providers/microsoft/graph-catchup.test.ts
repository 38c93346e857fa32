/** A resync's catch-up windows over a fake folder list: resumable from the cursor, never a message twice, never stuck. */
import {
  readCatchup,
  startResync,
  type ListWindow,
} from '../../../../server/providers/microsoft/graph-catchup';
import type { GraphCursor } from '../../../../server/providers/microsoft/graph-cursor';
import type { GraphMessage } from '../../../../server/providers/microsoft/graph-message';

/** A folder whose messages are received at the given instants (several may share one, as Graph's are to the second). */
function folder(times: string[]): { list: ListWindow; calls: number[] } {
  const messages: GraphMessage[] = times.map(
    (t, i) => ({ id: `m${i}`, receivedDateTime: t }) as GraphMessage,
  );
  const calls: number[] = [];
  const list: ListWindow = async (from, until, top) => {
    calls.push(top);
    const inWindow = messages.filter(
      (m) =>
        Date.parse(m.receivedDateTime!) >= Date.parse(from) &&
        Date.parse(m.receivedDateTime!) < Date.parse(until),
    );
    inWindow.sort((a, b) => Date.parse(a.receivedDateTime!) - Date.parse(b.receivedDateTime!));
    return { value: inWindow.slice(0, top) };
  };
  return { list, calls };
}

const cursor = (mark: string): GraphCursor => ({
  v: 1,
  connectedAt: '2026-01-01T00:00:00Z',
  links: { inbox: 'dead' },
  marks: { inbox: mark },
});

test('windows from the mark, a batch room at a time, resumable, each message once even when instants are shared', async () => {
  const times = [
    '2026-02-01T00:00:00Z',
    '2026-02-01T00:00:00Z',
    '2026-02-01T00:00:00Z',
    '2026-03-01T00:00:00Z',
  ];
  times.push(...Array.from({ length: 6 }, () => '2026-04-01T10:00:00Z'), '2026-05-01T00:00:00Z');
  const { list } = folder(times);
  const state = cursor('2026-02-01T00:00:00Z');
  startResync(state, 'inbox', Date.parse('2026-06-01T00:00:00Z'));
  expect(state.links.inbox).toBeUndefined();
  expect(state.since?.inbox).toBe('2026-05-31T23:50:00.000Z');
  const got: string[] = [];
  for (let call = 0; call < 20 && state.catchups?.inbox; call++) {
    let room = 2;
    // A new fetch each time, from a copy of the stored cursor (as the engine does).
    const stored = structuredClone(state);
    const more = await readCatchup(
      stored,
      'inbox',
      list,
      () => room,
      (m) => (got.push(m.id), room--),
    );
    Object.assign(state, stored);
    if (!more) delete state.catchups?.inbox;
  }
  expect(got).toEqual(times.map((_, i) => `m${i}`));
  expect(state.marks?.inbox).toBe('2026-05-01T00:00:00Z');
});

test('a full window of one instant already read moves past it instead of asking again forever', async () => {
  const { list, calls } = folder(Array.from({ length: 1005 }, () => '2026-02-01T00:00:00Z'));
  const state = cursor('2026-02-01T00:00:00Z');
  startResync(state, 'inbox', Date.parse('2026-06-01T00:00:00Z'));
  const got: string[] = [];
  const more = await readCatchup(
    state,
    'inbox',
    list,
    () => 5000,
    (m) => void got.push(m.id),
  );
  expect(more).toBe(false);
  expect(got).toHaveLength(1000);
  expect(calls.length).toBeLessThan(5);
});

test('a mark within the margin needs no catch-up: the new delta starts at the mark', () => {
  const state = cursor('2026-05-31T23:55:00Z');
  startResync(state, 'inbox', Date.parse('2026-06-01T00:00:00Z'));
  expect(state.catchups?.inbox).toBeUndefined();
  expect(state.since?.inbox).toBe('2026-05-31T23:55:00Z');
});
