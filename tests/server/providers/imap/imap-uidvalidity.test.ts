import type { ImapSource } from '../../../../server/providers/imap';
import type { ImapCursor } from '../../../../server/providers/imap/imap-cursor';
import { openTestMailbox, type TestMailbox } from '../../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../../support/dovecot/start-dovecot';
import { imapSourceFor, testUsers } from './imap-test-setup';

// A changed UIDVALIDITY (the folder was recreated or another one renamed into its place) makes stored UIDs
// meaningless: the folder is re-read since the connection, never before it, never twice within one batch.

let server: DovecotServer;
const open: { source: ImapSource; box: TestMailbox }[] = [];

beforeAll(async () => {
  server = await startDovecot({ users: testUsers(['recreated', 'renamed']) });
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

const DAYS_AGO_3 = () => new Date(Date.now() - 3 * 86_400_000);
const ids = (batch: { messages: { internetMessageId: string }[] }) =>
  batch.messages.map((m) => m.internetMessageId);

test('a deleted and recreated folder is re-read since the connection with no duplicate in the batch', async () => {
  const { source, box } = await mailbox('recreated');
  await box.append('Sent', makeEml({ messageId: 'before@test' }), { date: DAYS_AGO_3() });
  const initial = await source.initialCursor(new Date());
  await box.append('Sent', makeEml({ messageId: 'a@test' }));
  const first = await source.fetchChanges(initial);
  expect(ids(first)).toEqual(['<a@test>']);
  const oldValidity = (first.cursor as unknown as ImapCursor).folders.Sent?.uidValidity;

  await box.remove('Sent');
  await box.create('Sent');
  await box.append('Sent', makeEml({ messageId: 'before@test' }), { date: DAYS_AGO_3() });
  await box.append('Sent', makeEml({ messageId: 'a@test' }));
  await box.append('Sent', makeEml({ messageId: 'b@test' }));
  await box.append('Sent', makeEml({ messageId: 'a@test' }));

  const second = await source.fetchChanges(first.cursor);
  expect(second.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<a@test>', 'sent'],
    ['<b@test>', 'sent'],
  ]);
  const sent = (second.cursor as unknown as ImapCursor).folders.Sent;
  expect(sent?.uidValidity).not.toBe(oldValidity);
  expect(sent?.lastUid).toBe(4);
  expect((await source.fetchChanges(second.cursor)).messages).toEqual([]);

  // The same re-read in pages of two: still nothing from before the connection, and `more` until done.
  const paged = await source.fetchChanges(first.cursor, { limit: 2 });
  expect([ids(paged), paged.more]).toEqual([['<a@test>', '<b@test>'], true]);
  const rest = await source.fetchChanges(paged.cursor, { limit: 2 });
  expect([ids(rest), rest.more]).toEqual([['<a@test>'], false]);
});

test('a folder renamed into the place of Sent is read since the connection', async () => {
  const { source, box } = await mailbox('renamed');
  await box.create('Staging');
  await box.append('Staging', makeEml({ messageId: 'staged-old@test' }), { date: DAYS_AGO_3() });
  const initial = await source.initialCursor(new Date());
  await box.append('Sent', makeEml({ messageId: 'sent-1@test' }));
  await box.append('Staging', makeEml({ messageId: 'staged-new@test' }));
  const first = await source.fetchChanges(initial);
  expect(ids(first)).toEqual(['<sent-1@test>']);

  await box.rename('Sent', 'Sent 2025');
  await box.rename('Staging', 'Sent');
  const second = await source.fetchChanges(first.cursor);
  expect(second.messages.map((m) => [m.internetMessageId, m.folder])).toEqual([
    ['<staged-new@test>', 'sent'],
  ]);
  expect((await source.fetchChanges(second.cursor)).messages).toEqual([]);
});
