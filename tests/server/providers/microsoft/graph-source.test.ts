import { MailSourceError } from '../../../../server/providers/mail-source';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { connectGraph } from './connect';

let emu: GraphEmulator;
beforeEach(async () => {
  emu = await startGraphEmulator();
});
afterEach(async () => {
  await emu.stop();
});

const deliverMany = (folder: string, n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) =>
    emu.store.deliver(folder, {
      subject: `${prefix} ${i}`,
      internetMessageId: `<${prefix}-${i}@ext.example>`,
    }),
  );

describe('Graph mail source', () => {
  test('reads new inbox, sent and archive mail, nothing from before the connection', async () => {
    emu.store.deliver('inbox', { subject: 'old', receivedDateTime: '2020-01-01T00:00:00Z' });
    const { source } = await connectGraph(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', {
      subject: 'Hello',
      from: { address: 'ann@acme.com', name: 'Ann' },
      to: [{ address: 'rep@contoso.com' }],
      cc: [{ address: 'bob@acme.com' }],
      internetMessageId: '<hello-1@acme.com>',
      conversationId: 'conv-1',
      bodyText: 'Quarterly numbers',
      headers: { 'List-Id': '<news.acme.com>' },
      attachments: [{ name: 'q3.pdf', size: 2048, contentType: 'application/pdf' }],
    });
    emu.store.deliver('sentitems', {
      subject: 'Re: Hello',
      from: { address: 'rep@contoso.com' },
      to: [{ address: 'ann@acme.com' }],
    });
    emu.store.deliver('archive', { subject: 'Filed' });
    const batch = await source.fetchChanges(cursor);
    cursor = batch.cursor;
    expect(batch.more).toBe(false);
    expect(batch.messages.map((m) => [m.subject, m.folder])).toEqual([
      ['Hello', 'inbox'],
      ['Re: Hello', 'sent'],
      ['Filed', 'archive'],
    ]);
    const hello = batch.messages[0];
    expect(hello).toMatchObject({
      internetMessageId: '<hello-1@acme.com>',
      threadId: 'conv-1',
      from: { address: 'ann@acme.com', name: 'Ann' },
      to: [{ address: 'rep@contoso.com' }],
      cc: [{ address: 'bob@acme.com' }],
      bodyText: 'Quarterly numbers',
      attachments: [{ name: 'q3.pdf', size: 2048, contentType: 'application/pdf' }],
    });
    expect(hello?.headers?.['list-id']).toBe('<news.acme.com>');
    // Immutable ids and text bodies were asked for on every delta request.
    for (const r of emu.log.of('delta')) {
      expect(r.headers.prefer).toContain('IdType="ImmutableId"');
      expect(r.headers.prefer).toContain('outlook.body-content-type="text"');
    }
    // The next sync sees only what is new.
    emu.store.deliver('inbox', { subject: 'Second' });
    const next = await source.fetchChanges(cursor);
    expect(next.messages.map((m) => m.subject)).toEqual(['Second']);
  });

  test('never reads excluded folders, only inbox, sent items and archive', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    for (const f of ['drafts', 'junkemail', 'deleteditems', 'outbox', 'conversationhistory', 'clutter']) {
      emu.store.deliver(f, { subject: `in ${f}` });
    }
    const shared = emu.store.addFolder('Shared team folder');
    emu.store.deliver(shared.id, { subject: 'custom' });
    emu.store.deliver('inbox', { subject: 'readable' });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['readable']);
    const queried = new Set(emu.log.of('delta').map((r) => /mailFolders\/([^/]+)\//.exec(r.path)?.[1]));
    expect([...queried].sort()).toEqual(['archive', 'inbox', 'sentitems']);
  });

  test('pages through the delta and stops at the limit with a resumable cursor', async () => {
    const { source } = await connectGraph(emu, { pageSize: 4 });
    let cursor = await source.initialCursor(new Date(Date.now() - 1000));
    deliverMany('inbox', 11, 'in');
    deliverMany('sentitems', 3, 'out');
    const first = await source.fetchChanges(cursor, { limit: 6 });
    expect(first.messages).toHaveLength(6);
    expect(first.more).toBe(true);
    cursor = first.cursor;
    const subjects = first.messages.map((m) => m.subject);
    for (;;) {
      const b = await source.fetchChanges(cursor, { limit: 6 });
      subjects.push(...b.messages.map((m) => m.subject));
      cursor = b.cursor;
      if (!b.more) break;
    }
    expect(subjects).toHaveLength(14);
    expect(new Set(subjects).size).toBe(14);
    expect(emu.log.of('delta').some((r) => r.path.includes('$skiptoken'))).toBe(true);
  });

  test('a message moved to the archive is read there; read-flag updates are not repeated', async () => {
    const { source } = await connectGraph(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 1000));
    const m = emu.store.deliver('inbox', { subject: 'to archive', internetMessageId: '<mv@x>' });
    const first = await source.fetchChanges(cursor);
    expect(first.messages.map((x) => x.folder)).toEqual(['inbox']);
    cursor = first.cursor;
    emu.store.update(m.id, { isRead: true });
    emu.store.move(m.id, 'archive');
    const second = await source.fetchChanges(cursor);
    expect(second.messages.map((x) => [x.internetMessageId, x.folder])).toEqual([['<mv@x>', 'archive']]);
  });

  test('410 Gone restarts the folder from its last synced point, without duplicates or older mail', async () => {
    emu.store.deliver('inbox', {
      subject: 'before',
      receivedDateTime: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const { source } = await connectGraph(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 60_000));
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
    for (let i = 0; i < 3; i++)
      emu.store.deliver('inbox', { subject: `a ${i}`, receivedDateTime: at(10 + i) });
    cursor = (await source.fetchChanges(cursor)).cursor;
    for (let i = 0; i < 2; i++)
      emu.store.deliver('inbox', { subject: `b ${i}`, receivedDateTime: at(20 + i) });
    emu.store.expireDeltaTokens();
    const after = await source.fetchChanges(cursor);
    // From the mark on: the newest a, listed again, is known from the round before (else the ledger drops it).
    expect(after.messages.map((m) => m.subject).sort()).toEqual(['b 0', 'b 1']);
    const inbox = emu.log.of('delta').filter((r) => r.path.includes('/inbox/'));
    const newestA = [...emu.store.messages.values()].find((m) => m.subject === 'a 2')?.receivedDateTime ?? '';
    expect(decodeURIComponent(inbox.at(-1)?.path ?? '')).toContain(`receivedDateTime ge ${newestA}`);
    expect(emu.log.of('delta').some((r) => r.status === 410)).toBe(true);
    // An injected 410 on a fresh deltaLink behaves the same: from the newest b on, nothing new.
    emu.faults.add({ kind: 'delta', onCall: 1, status: 410, code: 'resyncRequired' });
    const again = await source.fetchChanges(after.cursor);
    expect(again.messages).toEqual([]);
  });

  test('429 honours Retry-After (seen in the emulator timestamps), then gives up past the cap', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', { subject: 'throttled' });
    emu.faults.add({ kind: 'delta', onCall: 1, status: 429, retryAfter: 1 });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['throttled']);
    const [throttled, retried] = emu.log.of('delta');
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    const { source: impatient } = await connectGraph(emu, { maxRetryWaitMs: 500 });
    emu.faults.add({ kind: 'delta', onCall: 1, status: 429, retryAfter: 120 });
    const error = await impatient.fetchChanges(cursor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSourceError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
  });

  test('server errors are retried; persistent ones are unavailable', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', { subject: 'flaky' });
    emu.faults.add({ kind: 'delta', onCall: 1, status: 503, retryAfter: 0 });
    await expect(source.fetchChanges(cursor)).resolves.toMatchObject({ messages: [{ subject: 'flaky' }] });
    const slept: number[] = [];
    const { source: stubbed } = await connectGraph(emu, { sleep: async (ms) => void slept.push(ms) });
    emu.faults.add({ kind: 'delta', status: 500 });
    await expect(stubbed.fetchChanges(cursor)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(slept).toEqual([1000, 2000]);
  });

  test('random faults (seeded) on delta and $batch steps still give every message exactly once', async () => {
    const { source } = await connectGraph(emu, { pageSize: 3 });
    let cursor = await source.initialCursor(new Date(Date.now() - 1000));
    for (let i = 0; i < 10; i++)
      emu.store.deliver('inbox', { subject: `r ${i}`, attachments: [{ name: `${i}.txt` }] });
    emu.faults.add({
      kind: ['delta', 'batch', 'message', 'attachments'],
      rate: 0.25,
      seed: 7,
      status: 503,
      retryAfter: 0,
    });
    const got: string[] = [];
    for (;;) {
      const b = await source.fetchChanges(cursor, { limit: 4 });
      got.push(...b.messages.map((m) => `${m.subject}:${m.attachments?.[0]?.name}`));
      cursor = b.cursor;
      if (!b.more) break;
    }
    expect(got.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `r ${i}:${i}.txt`).sort());
    expect(emu.log.entries.filter((e) => e.status === 503).length).toBeGreaterThan(0);
  });

  test('without bodies or attachments the delta asks for neither, and sent mail costs only its header fields', async () => {
    const { source } = await connectGraph(emu, { bodies: false, attachments: false });
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('sentitems', { subject: 'lean', bodyText: 'secret', attachments: [{ name: 'x.pdf' }] });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages[0]?.subject).toBe('lean');
    expect(batch.messages[0]?.bodyText).toBeUndefined();
    expect(decodeURIComponent(emu.log.of('delta')[0]?.path ?? '')).not.toMatch(/[,=]body(,|&|$)/);
    expect(emu.log.of('delta')[0]?.headers.prefer).not.toContain('body-content-type');
    // The header fields (a Save when sent mark may be among them), never the attachments.
    expect(emu.log.snapshot().batched).toEqual({ message: 1 });
  });

  test('a mailbox without an Archive folder syncs the other folders', async () => {
    await emu.stop();
    emu = await startGraphEmulator({ archive: false });
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', { subject: 'hi' });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['hi']);
  });

  test('delta answers that carry the header fields need no extra request', async () => {
    await emu.stop();
    emu = await startGraphEmulator({ deltaHeaders: true });
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', { subject: 'ooo', headers: { 'Auto-Submitted': 'auto-replied' } });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages[0]?.headers?.['auto-submitted']).toBe('auto-replied');
    expect(emu.log.of('batch')).toHaveLength(0);
  });
});

describe('Graph mail source: one message read again by id', () => {
  test('fetchMessage reads a listed message whole by its immutable id, and undefined once it is deleted', async () => {
    const { source } = await connectGraph(emu, { bodies: false });
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    const stored = emu.store.deliver('inbox', {
      subject: 'Later',
      internetMessageId: '<later-1@acme.com>',
      bodyText: 'The price list',
      attachments: [{ name: 'prices.pdf', size: 10, contentType: 'application/pdf' }],
    });
    const batch = await source.fetchChanges(cursor);
    const listed = batch.messages[0]!;
    expect(listed.bodyText).toBeUndefined(); // bodies: false: the delta carried none
    const id = batch.sourceIdOf?.(listed);
    expect(id).toBe(stored.id);
    const again = await source.fetchMessage(id!, 'inbox');
    expect(again).toMatchObject({
      internetMessageId: '<later-1@acme.com>',
      folder: 'inbox',
      subject: 'Later',
      bodyText: 'The price list',
      attachments: [{ name: 'prices.pdf', size: 10, contentType: 'application/pdf' }],
    });
    emu.store.delete(stored.id);
    expect(await source.fetchMessage(id!, 'inbox')).toBeUndefined();
  });
});
