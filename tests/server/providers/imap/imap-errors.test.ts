import { MailSourceError } from '../../../../server/providers/mail-source';
import type { ImapSource } from '../../../../server/providers/imap';
import { openTestMailbox } from '../../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../../support/dovecot/start-dovecot';
import { imapSourceFor, testUsers } from './imap-test-setup';

// Failures the engine turns into a mailbox status: refused credentials (the user must reconnect) and a server
// that went away (retry later), then recovery on the same cursor once it is back.

let server: DovecotServer;
const sources: ImapSource[] = [];

beforeAll(async () => {
  server = await startDovecot({ users: testUsers(['alice', 'bob']) });
});

afterAll(async () => {
  for (const source of sources) await source.close();
  await server?.stop();
});

function source(user: string, pass?: string): ImapSource {
  const made = imapSourceFor(server, user, pass);
  sources.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<MailSourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MailSourceError))
    throw new Error(`expected a MailSourceError, got ${String(error)}`);
  return error;
}

test('a wrong password is an auth error, for the initial cursor and for fetching', async () => {
  const wrong = source('alice', 'not-the-password');
  expect((await failure(wrong.initialCursor(new Date()))).kind).toBe('auth');
  const cursor = { connectedAt: new Date().toISOString(), folders: {} };
  const error = await failure(wrong.fetchChanges(cursor));
  expect(error.kind).toBe('auth');
  expect(error.message).toMatch(/IMAP fetch failed/);
});

test('a stopped server is unavailable; the same source and cursor recover when it is back', async () => {
  const bob = source('bob');
  const cursor = await bob.initialCursor(new Date());
  expect((await bob.fetchChanges(cursor)).messages).toEqual([]); // the source now holds an open connection

  await server.pause();
  expect((await failure(bob.fetchChanges(cursor))).kind).toBe('unavailable'); // the held connection dropped
  expect((await failure(bob.fetchChanges(cursor))).kind).toBe('unavailable'); // connection refused
  await server.resume();

  const box = await openTestMailbox(server, 'bob');
  try {
    await box.append('INBOX', makeEml({ messageId: 'after-restart@test' }));
  } finally {
    await box.close();
  }
  const batch = await bob.fetchChanges(cursor);
  expect(batch.messages.map((m) => m.internetMessageId)).toEqual(['<after-restart@test>']);
});
