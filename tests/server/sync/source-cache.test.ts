import type { Mailbox } from '../../../server/db/mailboxes-repo';
import type { MailSource } from '../../../server/providers/mail-source';
import { SourceCache } from '../../../server/sync/source-cache';

// The worker's source cache holds a bounded number of IMAP/Maildir sources open and watched, whatever the number of
// mailboxes: the least recently used closed first, never one in use; watches kept for the mailboxes with the newest
// news. Provider sources (Graph, Gmail) hold no connection and are not bounded.

interface Fake {
  closed: boolean;
  watching: boolean;
  watchFails?: boolean;
}

function harness(kind: MailSource['kind'] = 'imap') {
  const fakes = new Map<string, Fake>();
  const pushes: string[] = [];
  const factory = (mailbox: Mailbox): MailSource => {
    const fake: Fake = { closed: false, watching: false, watchFails: mailbox.settings.watchFails === true };
    fakes.set(mailbox.id, fake);
    return {
      kind,
      initialCursor: async () => ({}),
      fetchChanges: async (cursor) => ({ messages: [], cursor, more: false }),
      fetchMessage: async () => undefined,
      watch: async (onChange) => {
        if (fake.watchFails) throw new Error('IDLE refused');
        fake.watching = true;
        onChange();
        return {
          stop: async () => {
            fake.watching = false;
          },
        };
      },
      close: async () => {
        fake.closed = true;
      },
    };
  };
  const open = () => [...fakes.values()].filter((f) => !f.closed).length;
  const watching = () => [...fakes.values()].filter((f) => f.watching).length;
  return { fakes, pushes, factory, open, watching, onPush: (id: string) => pushes.push(id) };
}

const mailbox = (id: string, settings: Record<string, unknown> = {}): Mailbox => ({
  id,
  userId: `user-${id}`,
  kind: 'imap',
  settings,
  sealedSecret: null,
  cursor: {},
  connectedAt: new Date(0).toISOString(),
  status: 'active',
  statusReason: null,
  statusDetails: null,
  lastError: null,
  consecutiveFailures: 0,
  nextSyncAt: new Date(0).toISOString(),
  syncRequestedAt: null,
  lastSyncAt: null,
  calendarError: null,
  calendarSyncedAt: null,
});

const settle = () => new Promise((resolve) => setImmediate(resolve));
const touch = (cache: SourceCache, id: string) => cache.use(mailbox(id), async () => undefined);

describe('source cache bounds', () => {
  it('keeps at most maxOpen sources open, closing the least recently used', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory, undefined, { maxOpen: 3, maxWatched: 0 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await touch(cache, id);
    expect(h.open()).toBe(3);
    expect(h.fakes.get('a')!.closed).toBe(true);
    expect(h.fakes.get('b')!.closed).toBe(true);
    // `c` used again moves to the end: `d` is now the oldest.
    await touch(cache, 'c');
    await touch(cache, 'f');
    expect(h.fakes.get('d')!.closed).toBe(true);
    expect(h.fakes.get('c')!.closed).toBe(false);
    expect(cache.stats()).toMatchObject({ open: 3, openLocal: 3, inUse: 0 });
  });

  it('never closes a source in use, and comes back within the bound once its run ends', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory, undefined, { maxOpen: 2, maxWatched: 0 });
    let finish!: () => void;
    const long = cache.use(mailbox('long'), () => new Promise<void>((resolve) => (finish = resolve)));
    await settle();
    for (const id of ['x', 'y', 'z']) await touch(cache, id);
    expect(h.fakes.get('long')!.closed).toBe(false);
    expect(cache.stats().inUse).toBe(1);
    finish();
    await long;
    expect(h.open()).toBe(2);
  });

  it('a source dropped during its run is closed when the run ends, and the next use opens a new one', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory);
    let first: Fake | undefined;
    await cache.use(mailbox('m'), async () => {
      first = h.fakes.get('m');
      await cache.drop('m');
      expect(first!.closed).toBe(false);
    });
    expect(first!.closed).toBe(true);
    await touch(cache, 'm');
    expect(h.fakes.get('m')).not.toBe(first);
    expect(h.fakes.get('m')!.closed).toBe(false);
  });

  it('watches at most maxWatched mailboxes, and news moves a watch to the mailbox that had it', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory, h.onPush, { maxOpen: 100, maxWatched: 2 });
    for (const id of ['a', 'b', 'c', 'd']) await touch(cache, id);
    await settle();
    expect(h.watching()).toBe(2);
    expect(h.fakes.get('a')!.watching && h.fakes.get('b')!.watching).toBe(true);
    cache.noteNews('c');
    await settle();
    expect(h.fakes.get('c')!.watching).toBe(true);
    expect(h.watching()).toBe(2);
    cache.noteNews('a');
    cache.noteNews('d');
    await settle();
    // Newest news: d, then a; b (never any) and then c (older) lost theirs.
    expect(['a', 'b', 'c', 'd'].filter((id) => h.fakes.get(id)!.watching)).toEqual(['a', 'd']);
    expect(cache.stats().watchedLocal).toBe(2);
    expect(h.pushes).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd']));
  });

  it('a watched source is not closed by the open bound', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory, h.onPush, { maxOpen: 2, maxWatched: 1 });
    for (const id of ['w', 'p', 'q', 'r']) await touch(cache, id);
    await settle();
    expect(h.fakes.get('w')!.closed).toBe(false);
    expect(h.fakes.get('w')!.watching).toBe(true);
    expect(h.open()).toBe(2);
  });

  it('a watch that fails frees its slot for the next mailbox', async () => {
    const h = harness();
    const cache = new SourceCache(h.factory, h.onPush, { maxOpen: 10, maxWatched: 1 });
    await cache.use(mailbox('broken', { watchFails: true }), async () => undefined);
    await settle();
    expect(cache.stats().watchedLocal).toBe(0);
    await touch(cache, 'ok');
    await settle();
    expect(h.fakes.get('ok')!.watching).toBe(true);
  });

  it('provider sources (Graph, Gmail) are neither closed nor unwatched by the bounds', async () => {
    const h = harness('graph');
    const cache = new SourceCache(h.factory, h.onPush, { maxOpen: 1, maxWatched: 1 });
    for (const id of ['g1', 'g2', 'g3']) await touch(cache, id);
    await settle();
    expect(h.open()).toBe(3);
    expect(h.watching()).toBe(3);
    expect(cache.stats()).toMatchObject({ open: 3, openLocal: 0, watchedLocal: 0 });
  });
});
