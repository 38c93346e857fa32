import type { ImapSource } from '../../../../server/providers/imap';
import type { MailCursor } from '../../../../server/providers/mail-source';
import { openTestMailbox, type TestMailbox } from '../../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../../support/dovecot/start-dovecot';
import { imapSourceFor, testUsers } from './imap-test-setup';

// The IMAP source against a real Dovecot: no historical import, readable folders only, UID paging, moves.

let server: DovecotServer;
const open: { source: ImapSource; box: TestMailbox }[] = [];

beforeAll(async () => {
  server = await startDovecot({
    users: testUsers(['initial', 'folders', 'excluded', 'paging', 'moved', 'later', 'json', 'again']),
  });
});

afterAll(async () => {
  for (const { source, box } of open) {
    await source.close();
    await box.close();
  }
  await server?.stop();
});

async function mailbox(user: string): Promise<{ source: ImapSource; box: TestMailbox }> {
  const box = await openTestMailbox(server, user);
  await box.createSpecialUseFolders();
  const source = imapSourceFor(server, user);
  open.push({ source, box });
  return { source, box };
}

const ids = (batch: { messages: { internetMessageId: string }[] }) =>
  batch.messages.map((m) => m.internetMessageId);

test('the initial cursor skips mail that is already there', async () => {
  const { source, box } = await mailbox('initial');
  await box.append('INBOX', makeEml({ messageId: 'old-1@test' }));
  await box.append('Sent', makeEml({ messageId: 'old-2@test' }));
  const cursor = await source.initialCursor(new Date());
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages).toEqual([]);
  expect(batch.more).toBe(false);
  await box.append('INBOX', makeEml({ messageId: 'new-1@test' }));
  expect(ids(await source.fetchChanges(batch.cursor))).toEqual(['<new-1@test>']);
});

test('new inbox and sent mail come back with their folder, parsed, and are not read twice', async () => {
  const { source, box } = await mailbox('folders');
  const cursor = await source.initialCursor(new Date());
  await box.append(
    'INBOX',
    makeEml({
      messageId: 'in@test',
      from: 'Ann <ann@customer.example>',
      subject: 'Quote',
      cc: 'c@x.example',
    }),
  );
  await box.append(
    'Sent',
    makeEml({ messageId: 'out@test', from: 'rep@liaison.example', to: 'ann@customer.example' }),
  );
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<in@test>', 'inbox'],
    ['<out@test>', 'sent'],
  ]);
  const inbound = batch.messages[0];
  expect(inbound?.from).toEqual({ address: 'ann@customer.example', name: 'Ann' });
  expect(inbound?.subject).toBe('Quote');
  expect(inbound?.cc).toEqual([{ address: 'c@x.example' }]);
  expect(inbound?.bodyText).toContain('Body of in@test.');
  expect(batch.more).toBe(false);
  expect((await source.fetchChanges(batch.cursor)).messages).toEqual([]);
  // Reading does not mark mail as seen (BODY.PEEK).
  await box.client.mailboxOpen('INBOX');
  const inboxFlags = await box.client.fetchOne('*', { flags: true });
  expect(inboxFlags && [...(inboxFlags.flags ?? [])]).not.toContain('\\Seen');
});

test('Drafts, Junk, Trash and other folders are never read', async () => {
  const { source, box } = await mailbox('excluded');
  await box.create('Projects');
  const cursor = await source.initialCursor(new Date());
  expect(Object.keys(cursor.folders as object).sort()).toEqual(['Archive', 'INBOX', 'Sent']);
  for (const folder of ['Drafts', 'Junk', 'Trash', 'Projects']) {
    await box.append(folder, makeEml({ messageId: `${folder}@test` }));
  }
  await box.append('INBOX', makeEml({ messageId: 'only@test' }));
  const batch = await source.fetchChanges(cursor);
  expect(ids(batch)).toEqual(['<only@test>']);
});

test('limit pages through the folders in UID order with more: true until drained', async () => {
  const { source, box } = await mailbox('paging');
  let cursor: MailCursor = await source.initialCursor(new Date());
  for (let i = 1; i <= 5; i++) await box.append('INBOX', makeEml({ messageId: `in-${i}@test` }));
  for (let i = 1; i <= 2; i++) await box.append('Sent', makeEml({ messageId: `out-${i}@test` }));
  const pages: string[][] = [];
  const mores: boolean[] = [];
  for (let round = 0; round < 6; round++) {
    const batch = await source.fetchChanges(cursor, { limit: 3 });
    pages.push(ids(batch));
    mores.push(batch.more);
    cursor = batch.cursor;
    if (!batch.more) break;
  }
  expect(pages).toEqual([
    ['<in-1@test>', '<in-2@test>', '<in-3@test>'],
    ['<in-4@test>', '<in-5@test>', '<out-1@test>'],
    ['<out-2@test>'],
  ]);
  expect(mores).toEqual([true, true, false]);
});

test('a message moved from the inbox to Archive shows up again in Archive', async () => {
  const { source, box } = await mailbox('moved');
  const cursor = await source.initialCursor(new Date());
  const uid = await box.append('INBOX', makeEml({ messageId: 'move-me@test' }));
  const first = await source.fetchChanges(cursor);
  expect(first.messages.map((m) => m.folder)).toEqual(['inbox']);
  await box.move('INBOX', uid, 'Archive');
  const second = await source.fetchChanges(first.cursor);
  expect(second.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<move-me@test>', 'archive'],
  ]);
  expect((await source.fetchChanges(second.cursor)).messages).toEqual([]);
});

test('a readable folder created after the connection is read from its first message since the connection', async () => {
  const { source, box } = await mailbox('later');
  await box.remove('Archive');
  const connectedAt = new Date();
  const cursor = await source.initialCursor(connectedAt);
  expect(Object.keys(cursor.folders as object)).not.toContain('Archive');
  await box.create('Archive');
  // Mail that arrived before the connection and was filed later is not historical import material.
  await box.append('Archive', makeEml({ messageId: 'filed-old@test' }), {
    date: new Date(Date.now() - 3 * 86_400_000),
  });
  await box.append('Archive', makeEml({ messageId: 'filed-new@test' }));
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<filed-new@test>', 'archive'],
  ]);
  expect(Object.keys(batch.cursor.folders as object)).toContain('Archive');
  expect((await source.fetchChanges(batch.cursor)).messages).toEqual([]);
});

test('the cursor survives a JSON round trip (UIDVALIDITY as a string)', async () => {
  const { source, box } = await mailbox('json');
  const cursor = JSON.parse(JSON.stringify(await source.initialCursor(new Date()))) as MailCursor;
  const inbox = (cursor.folders as Record<string, { uidValidity: unknown; lastUid: unknown }>).INBOX;
  expect(typeof inbox?.uidValidity).toBe('string');
  expect(inbox?.lastUid).toBe(0);
  await box.append('INBOX', makeEml({ messageId: 'round@test' }));
  const batch = await source.fetchChanges(cursor);
  expect(ids(batch)).toEqual(['<round@test>']);
  const again = JSON.parse(JSON.stringify(batch.cursor)) as MailCursor;
  expect((await source.fetchChanges(again)).messages).toEqual([]);
});

test('fetchMessage reads a listed message whole again by folder and UID, and undefined once it moved away', async () => {
  const { source, box } = await mailbox('again');
  const cursor = await source.initialCursor(new Date());
  const uid = await box.append('INBOX', makeEml({ messageId: 'again@test', body: 'The price list' }));
  const batch = await source.fetchChanges(cursor);
  const id = batch.sourceIdOf?.(batch.messages[0]!);
  expect(id).toMatch(new RegExp(`^\\d+:${uid}:INBOX$`));
  const again = await source.fetchMessage(id!, 'inbox');
  expect(again).toMatchObject({ internetMessageId: '<again@test>', folder: 'inbox' });
  expect(again?.bodyText).toContain('The price list');
  await box.move('INBOX', uid, 'Archive');
  expect(await source.fetchMessage(id!, 'inbox')).toBeUndefined();
  expect(await source.fetchMessage(`${id!.split(':')[0]}:${uid}:NoSuchFolder`, 'inbox')).toBeUndefined();
});
