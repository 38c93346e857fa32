import { MailSourceError } from '../../../../server/providers/mail-source';
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { connectGmail } from './connect';

let emu: GmailEmulator;
beforeEach(async () => {
  emu = await startGmailEmulator();
});
afterEach(async () => {
  await emu.stop();
});

const deliverMany = (labels: string[], n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) =>
    emu.store.deliver(labels, { subject: `${prefix} ${i}`, messageId: `<${prefix}-${i}@ext.example>` }),
  );

describe('Gmail mail source', () => {
  test('reads new inbox, sent and archived mail from the history, nothing from before the connection', async () => {
    emu.store.deliver(['INBOX'], { subject: 'old' });
    const { source } = await connectGmail(emu);
    let cursor = await source.initialCursor(new Date());
    const hello = emu.store.deliver(['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'], {
      from: 'Ann Lee <ann@acme.com>',
      to: ['rep@example.org'],
      cc: ['bob@acme.com'],
      subject: 'Hello',
      messageId: '<hello-1@acme.com>',
      headers: { 'Auto-Submitted': 'auto-replied' },
      body: 'Quarterly numbers',
      attachments: [{ name: 'q3.pdf', contentType: 'application/pdf' }],
    });
    emu.store.deliver(['SENT'], { from: 'rep@example.org', to: ['ann@acme.com'], subject: 'Re: Hello' });
    emu.store.deliver([], { subject: 'Filed' });
    const batch = await source.fetchChanges(cursor);
    cursor = batch.cursor;
    expect(batch.more).toBe(false);
    expect(batch.messages.map((m) => [m.subject, m.folder])).toEqual([
      ['Hello', 'inbox'],
      ['Re: Hello', 'sent'],
      ['Filed', 'archive'],
    ]);
    expect(batch.messages[0]).toMatchObject({
      internetMessageId: '<hello-1@acme.com>',
      threadId: hello.threadId,
      from: { address: 'ann@acme.com', name: 'Ann Lee' },
      to: [{ address: 'rep@example.org' }],
      cc: [{ address: 'bob@acme.com' }],
      attachments: [{ name: 'q3.pdf', contentType: 'application/pdf' }],
    });
    expect(batch.messages[0]?.bodyText?.trim()).toBe('Quarterly numbers');
    expect(batch.messages[0]?.headers?.['auto-submitted']).toBe('auto-replied');
    expect(emu.log.of('history')[0]?.path).toContain('historyTypes=messageAdded');

    emu.store.deliver(['INBOX'], { subject: 'Second' });
    const next = await source.fetchChanges(cursor);
    expect(next.messages.map((m) => m.subject)).toEqual(['Second']);
  });

  test('drafts, spam, trash, chats and the promotions/social/updates/forums tabs are never returned', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    for (const labels of [
      ['DRAFT'],
      ['SPAM'],
      ['TRASH'],
      ['CHAT'],
      ['INBOX', 'CATEGORY_PROMOTIONS'],
      ['INBOX', 'CATEGORY_SOCIAL'],
      ['INBOX', 'CATEGORY_UPDATES'],
      ['INBOX', 'CATEGORY_FORUMS'],
    ]) {
      emu.store.deliver(labels, { subject: labels.join('+') });
    }
    emu.store.deliver(['INBOX', 'CATEGORY_PERSONAL'], { subject: 'primary' });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['primary']);
    // The history's labels already excluded them: only the readable message was fetched.
    expect(emu.log.snapshot().batched).toEqual({ 'messages.get': 1 });
  });

  test('a message moved into the inbox (Not spam) is read; reading or starring repeats nothing', async () => {
    const { source } = await connectGmail(emu);
    let cursor = await source.initialCursor(new Date());
    const spam = emu.store.deliver(['SPAM'], { subject: 'was spam', messageId: '<spam@x>' });
    const promo = emu.store.deliver(['INBOX', 'CATEGORY_PROMOTIONS'], { subject: 'was promo' });
    const kept = emu.store.deliver(['INBOX'], { subject: 'kept' });
    const first = await source.fetchChanges(cursor);
    expect(first.messages.map((m) => m.subject)).toEqual(['kept']);
    cursor = first.cursor;
    emu.store.modifyLabels(spam.id, ['INBOX'], ['SPAM']);
    emu.store.modifyLabels(promo.id, ['CATEGORY_PERSONAL'], ['CATEGORY_PROMOTIONS']);
    emu.store.modifyLabels(kept.id, ['STARRED'], ['UNREAD']);
    const second = await source.fetchChanges(cursor);
    expect(second.messages.map((m) => [m.subject, m.folder])).toEqual([
      ['was spam', 'inbox'],
      ['was promo', 'inbox'],
    ]);
    expect(emu.log.of('history').at(-1)?.path).toContain('historyTypes=labelAdded');
  });

  test('pages through the history and stops at the limit with a resumable cursor', async () => {
    const { source } = await connectGmail(emu);
    let cursor = await source.initialCursor(new Date());
    deliverMany(['INBOX'], 9, 'in');
    deliverMany(['SENT'], 4, 'out');
    const subjects: string[] = [];
    let calls = 0;
    for (;;) {
      const b = await source.fetchChanges(cursor, { limit: 5 });
      expect(b.messages.length).toBeLessThanOrEqual(5);
      subjects.push(...b.messages.map((m) => m.subject));
      cursor = b.cursor;
      calls++;
      if (!b.more) break;
    }
    expect(calls).toBe(3);
    expect(subjects).toHaveLength(13);
    expect(new Set(subjects).size).toBe(13);
  });

  test('history pages are followed with nextPageToken', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    // 600 records: more than one 500-record history page; the limit keeps the fetch small.
    for (let i = 0; i < 600; i++) emu.store.deliver(['SPAM'], { subject: `spam ${i}` });
    emu.store.deliver(['INBOX'], { subject: 'after the spam' });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['after the spam']);
    expect(emu.log.of('history').map((r) => r.path.includes('pageToken'))).toEqual([false, true]);
  });

  test('an expired history id (404) re-lists since the connection without duplicates or older mail', async () => {
    emu.store.deliver(['INBOX'], { subject: 'before', date: new Date(Date.now() - 3_600_000) });
    const { source } = await connectGmail(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 60_000));
    deliverMany(['INBOX'], 3, 'a');
    cursor = (await source.fetchChanges(cursor)).cursor;
    deliverMany(['SENT'], 2, 'b');
    emu.store.deliver(['INBOX', 'CATEGORY_PROMOTIONS'], { subject: 'promo' });
    emu.store.expireHistory();
    const after = await source.fetchChanges(cursor);
    expect(after.messages.map((m) => m.subject).sort()).toEqual(['a 0', 'a 1', 'a 2', 'b 0', 'b 1']);
    expect(emu.log.of('history').at(-1)?.status).toBe(404);
    const list = emu.log.of('messages.list')[0];
    expect(decodeURIComponent(list?.path ?? '').replace(/\+/g, ' ')).toContain('-category:promotions');
    // The new cursor works again with the history.
    emu.store.deliver(['INBOX'], { subject: 'fresh' });
    const next = await source.fetchChanges(after.cursor);
    expect(next.messages.map((m) => m.subject)).toEqual(['fresh']);
  });

  test('a long re-list is resumable with its page token', async () => {
    const { source } = await connectGmail(emu);
    let cursor = await source.initialCursor(new Date(Date.now() - 60_000));
    deliverMany(['INBOX'], 7, 'r');
    emu.store.expireHistory();
    const subjects: string[] = [];
    for (;;) {
      const b = await source.fetchChanges(cursor, { limit: 3 });
      subjects.push(...b.messages.map((m) => m.subject));
      cursor = b.cursor;
      if (!b.more) break;
    }
    expect(subjects.sort()).toEqual(['r 0', 'r 1', 'r 2', 'r 3', 'r 4', 'r 5', 'r 6']);
  });

  test('429 honours Retry-After (seen in the emulator timestamps); past the cap it is rate_limited', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.store.deliver(['INBOX'], { subject: 'throttled' });
    emu.faults.add({ kind: 'history', onCall: 1, status: 429, retryAfter: 1 });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['throttled']);
    const [throttled, retried] = emu.log.of('history');
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    const { source: impatient } = await connectGmail(emu, { maxRetryWaitMs: 500 });
    // Twice: google-auth-library refreshes the token and retries once on any 401/403.
    emu.faults.add({
      kind: 'history',
      onCall: 1,
      times: 2,
      status: 403,
      code: 'userRateLimitExceeded',
      retryAfter: 90,
    });
    const error = await impatient.fetchChanges(cursor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSourceError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 90_000 });
  });

  test('server errors are retried; persistent ones are unavailable', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.store.deliver(['INBOX'], { subject: 'flaky' });
    emu.faults.add({ kind: 'history', onCall: 1, status: 503, retryAfter: 0 });
    await expect(source.fetchChanges(cursor)).resolves.toMatchObject({ messages: [{ subject: 'flaky' }] });
    const slept: number[] = [];
    const { source: stubbed } = await connectGmail(emu, { sleep: async (ms) => void slept.push(ms) });
    emu.faults.add({ kind: 'history', status: 500 });
    await expect(stubbed.fetchChanges(cursor)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(slept).toEqual([1000, 2000]);
  });

  test('random faults (seeded) on every API kind still give every message exactly once', async () => {
    const { source } = await connectGmail(emu, { batchSize: 5 });
    let cursor = await source.initialCursor(new Date());
    deliverMany(['INBOX'], 12, 'r');
    emu.faults.add({
      kind: ['history', 'batch', 'messages.get'],
      rate: 0.25,
      seed: 7,
      status: 503,
      retryAfter: 0,
    });
    const subjects: string[] = [];
    for (;;) {
      const b = await source.fetchChanges(cursor, { limit: 5 });
      subjects.push(...b.messages.map((m) => m.subject));
      cursor = b.cursor;
      if (!b.more) break;
    }
    expect(subjects.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `r ${i}`).sort());
    expect(emu.log.entries.filter((e) => e.status === 503).length).toBeGreaterThan(0);
  });

  test('throttled parts of a batch are retried alone', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    deliverMany(['INBOX'], 4, 'p');
    emu.faults.add({ kind: 'messages.get', onCall: 2, status: 429, retryAfter: 1 });
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['p 0', 'p 1', 'p 2', 'p 3']);
    expect(emu.log.of('batch')).toHaveLength(2);
    expect(emu.log.of('messages.get')).toHaveLength(5);
  });
});

describe('Gmail mail source: one message read again by id', () => {
  test('fetchMessage reads a listed message whole by its Gmail id, and undefined once trashed or deleted', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    const stored = emu.store.deliver(['INBOX'], {
      subject: 'Later',
      messageId: '<later-1@acme.com>',
      body: 'The price list',
    });
    const batch = await source.fetchChanges(cursor);
    const id = batch.sourceIdOf?.(batch.messages[0]!);
    expect(id).toBe(stored.id);
    const again = await source.fetchMessage(id!, 'inbox');
    expect(again).toMatchObject({
      internetMessageId: '<later-1@acme.com>',
      folder: 'inbox',
      subject: 'Later',
    });
    expect(again?.bodyText?.trim()).toBe('The price list');
    emu.store.modifyLabels(stored.id, ['TRASH'], ['INBOX']);
    expect(await source.fetchMessage(id!, 'inbox')).toBeUndefined();
    emu.store.delete(stored.id);
    expect(await source.fetchMessage(id!, 'inbox')).toBeUndefined();
  });
});
