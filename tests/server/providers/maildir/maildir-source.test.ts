import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverToMaildir, MaildirSource } from '../../../../server/providers/maildir';
import { MailSourceError, type MailCursor } from '../../../../server/providers/mail-source';
import { makeEml } from '../../../support/dovecot/make-eml';

// The Maildir source on a real folder: no historical import, readable folders only, flag renames and new/ → cur/
// moves never re-read, delivery-order paging, a cursor that survives JSON.

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function maildir(): { dir: string; source: MaildirSource } {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-maildir-'));
  dirs.push(dir);
  return { dir, source: new MaildirSource({ dir }) };
}

const ids = (batch: { messages: { internetMessageId: string }[] }) =>
  batch.messages.map((m) => m.internetMessageId);
const roundTrip = (cursor: MailCursor) => JSON.parse(JSON.stringify(cursor)) as MailCursor;
const HOUR = 3_600_000;

test('the initial cursor skips mail already there, old or brand new', async () => {
  const { dir, source } = maildir();
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'old@test' }), {
    mtime: new Date(Date.now() - 48 * HOUR),
  });
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'just-now@test' }));
  const cursor = await source.initialCursor(new Date());
  const batch = await source.fetchChanges(cursor);
  expect([ids(batch), batch.more]).toEqual([[], false]);
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'new@test' }));
  expect(ids(await source.fetchChanges(batch.cursor))).toEqual(['<new@test>']);
});

test('new inbox and sent mail come back with their folder, parsed, once', async () => {
  const { dir, source } = maildir();
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'seed@test' }));
  const cursor = await source.initialCursor(new Date());
  await deliverToMaildir(
    dir,
    'INBOX',
    makeEml({ messageId: 'in@test', from: 'Ann <ann@customer.example>', subject: 'Quote' }),
  );
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'out@test', from: 'rep@liaison.example' }));
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<in@test>', 'inbox'],
    ['<out@test>', 'sent'],
  ]);
  expect(batch.messages[0]?.from).toEqual({ address: 'ann@customer.example', name: 'Ann' });
  expect(batch.messages[0]?.subject).toBe('Quote');
  expect(batch.messages[0]?.bodyText).toContain('Body of in@test.');
  expect((await source.fetchChanges(batch.cursor)).messages).toEqual([]);
});

test('Drafts, Junk, Trash, nested and other folders are never read; Archive is', async () => {
  const { dir, source } = maildir();
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'seed@test' }));
  const cursor = await source.initialCursor(new Date());
  for (const folder of ['Drafts', 'Junk', 'Trash', 'Projects', 'Archive.2024']) {
    await deliverToMaildir(dir, folder, makeEml({ messageId: `${folder}@test` }));
  }
  await deliverToMaildir(dir, 'Archive', makeEml({ messageId: 'filed@test' }));
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([['<filed@test>', 'archive']]);
});

test('flag changes and new/ to cur/ moves rename the file but never make it read again', async () => {
  const { dir, source } = maildir();
  const cursor = await source.initialCursor(new Date());
  const { path, unique } = await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'flagged@test' }));
  const first = await source.fetchChanges(cursor);
  expect(ids(first)).toEqual(['<flagged@test>']);
  renameSync(path, join(dir, 'cur', `${unique}:2,S`));
  const second = await source.fetchChanges(roundTrip(first.cursor));
  expect(second.messages).toEqual([]);
  renameSync(join(dir, 'cur', `${unique}:2,S`), join(dir, 'cur', `${unique}:2,FRS`));
  expect((await source.fetchChanges(roundTrip(second.cursor))).messages).toEqual([]);
  expect(readdirSync(join(dir, 'cur'))).toEqual([`${unique}:2,FRS`]);
});

test('a message moved to Archive is read again there; one marked deleted is not read', async () => {
  const { dir, source } = maildir();
  const cursor = await source.initialCursor(new Date());
  const { path, unique } = await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'moved@test' }));
  const trashed = await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'trashed@test' }));
  renameSync(trashed.path, join(dir, 'cur', `${trashed.unique}:2,ST`));
  const first = await source.fetchChanges(cursor);
  expect(ids(first)).toEqual(['<moved@test>']);
  await deliverToMaildir(dir, 'Archive', makeEml({ messageId: 'seed-archive@test' }), { mtime: new Date(0) });
  renameSync(path, join(dir, '.Archive', 'cur', `${unique}:2,S`));
  const second = await source.fetchChanges(first.cursor);
  expect(second.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([['<moved@test>', 'archive']]);
});

test('limit pages in delivery order with more: true, and within a batch a Message-ID comes once', async () => {
  const { dir, source } = maildir();
  let cursor: MailCursor = await source.initialCursor(new Date());
  const t = Date.now();
  // Delivery order is the files' mtime, not the order of names.
  for (const [i, offset] of [
    [3, 3],
    [1, 1],
    [2, 2],
    [4, 4],
  ] as const) {
    await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: `in-${i}@test` }), {
      mtime: new Date(t + offset * 1000),
    });
  }
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'in-4@test' }), { mtime: new Date(t + 5000) });
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'out-1@test' }), { mtime: new Date(t + 6000) });
  const pages: [string[], boolean][] = [];
  for (let round = 0; round < 5; round++) {
    const batch = await source.fetchChanges(roundTrip(cursor), { limit: 3 });
    pages.push([ids(batch), batch.more]);
    cursor = batch.cursor;
    if (!batch.more) break;
  }
  expect(pages).toEqual([
    [['<in-1@test>', '<in-2@test>', '<in-3@test>'], true],
    [['<in-4@test>', '<out-1@test>'], false], // in-4 from Sent is the same message: once in the batch
  ]);
});

test('the cursor stays compact: messages more than a day older than the newest read are forgotten', async () => {
  const { dir, source } = maildir();
  const connectedAt = new Date(Date.now() - 72 * HOUR);
  const cursor = await source.initialCursor(connectedAt);
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'day-1@test' }), {
    mtime: new Date(Date.now() - 60 * HOUR),
  });
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'day-3@test' }), {
    mtime: new Date(Date.now() - HOUR),
  });
  const batch = await source.fetchChanges(cursor);
  expect(ids(batch)).toEqual(['<day-1@test>', '<day-3@test>']);
  const inbox = (batch.cursor.folders as Record<string, { floor: number; seen: object }>).INBOX;
  expect(Object.keys(inbox?.seen ?? {})).toHaveLength(1);
  expect(inbox?.floor).toBeGreaterThan(Date.now() - 26 * HOUR);
  expect((await source.fetchChanges(roundTrip(batch.cursor))).messages).toEqual([]);
});

test('a missing Maildir is not_found', async () => {
  const source = new MaildirSource({ dir: join(tmpdir(), 'liaison-maildir-does-not-exist') });
  const error = await source.initialCursor(new Date()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailSourceError);
  expect((error as MailSourceError).kind).toBe('not_found');
});

test('watch calls onChange when mail is delivered', async () => {
  const { dir, source } = maildir();
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'seed@test' }));
  let calls = 0;
  const watch = await source.watch(() => calls++);
  try {
    await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'ping@test' }));
    const deadline = Date.now() + 5000;
    while (calls === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBeGreaterThan(0);
  } finally {
    await watch.stop();
  }
});

test('a large message comes without its body, which withBody reads (after a flag rename too); a small one whole', async () => {
  const { dir, source } = maildir();
  const cursor = await source.initialCursor(new Date(Date.now() - HOUR));
  const long = `${'A long body line.\r\n'.repeat(2_000)}The end.`;
  const big = await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'big@test', body: long }));
  await deliverToMaildir(dir, 'INBOX', makeEml({ messageId: 'small@test', body: 'Short.' }));
  const batch = await source.fetchChanges(cursor);
  const [bigMessage, small] = batch.messages;
  expect([bigMessage?.internetMessageId, bigMessage?.subject, bigMessage?.bodyText]).toEqual([
    '<big@test>',
    'About big@test',
    undefined,
  ]);
  expect(small?.bodyText).toMatch(/^Short\./);
  expect(await batch.withBody?.(small!)).toBe(small);
  renameSync(big.path, join(dir, 'cur', `${big.unique}:2,S`));
  const whole = await batch.withBody!(bigMessage!);
  expect(whole.bodyText).toMatch(/The end\.\s*$/);
  expect([whole.internetMessageId, whole.attachments]).toEqual(['<big@test>', []]);
});

test('fetchMessage reads a listed message whole again after a flag rename, and undefined once it is gone', async () => {
  const { dir, source } = maildir();
  const cursor = await source.initialCursor(new Date(Date.now() - 1000));
  const big = 'x'.repeat(40_000); // past the first chunk: the batch carries the header block only
  await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'again@test', body: `Hello ${big}` }));
  const batch = await source.fetchChanges(cursor);
  const listed = batch.messages[0]!;
  expect(listed.bodyText).toBeUndefined();
  const id = batch.sourceIdOf?.(listed);
  expect(id).toMatch(/^Sent\//);
  const cur = join(dir, '.Sent', 'cur');
  const [name] = readdirSync(join(dir, '.Sent', 'new'));
  renameSync(join(dir, '.Sent', 'new', name!), join(cur, `${name}:2,S`));
  const again = await source.fetchMessage(id!, 'sent');
  expect(again).toMatchObject({ internetMessageId: '<again@test>', folder: 'sent' });
  expect(again?.bodyText).toContain('Hello xxx');
  rmSync(join(cur, `${name}:2,S`));
  expect(await source.fetchMessage(id!, 'sent')).toBeUndefined();
  expect(await source.fetchMessage('Nowhere/x', 'sent')).toBeUndefined();
});
