import type { ImapSource } from '../../../../server/providers/imap';
import { openTestMailbox, type TestMailbox } from '../../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../../support/dovecot/start-dovecot';
import { imapSourceFor, testUsers } from './imap-test-setup';

// IMAP IDLE on the inbox: new mail calls onChange right away (the engine then syncs early), and the watch
// reconnects by itself when the server goes away and comes back.

let server: DovecotServer;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startDovecot({ users: testUsers(['idle', 'restart']) });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server?.stop();
});

/** Resolves once `condition` holds; fails the test after `timeoutMs`. */
async function eventually(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function watched(user: string): Promise<{ calls: () => number; box: () => Promise<TestMailbox> }> {
  const source: ImapSource = imapSourceFor(server, user);
  let calls = 0;
  const watch = await source.watch(() => calls++);
  cleanups.push(async () => {
    await watch.stop();
    await source.close();
  });
  const box = async () => {
    const opened = await openTestMailbox(server, user);
    cleanups.push(() => opened.close());
    return opened;
  };
  return { calls: () => calls, box };
}

test('IDLE calls onChange when a message lands in the inbox', async () => {
  const { calls, box } = await watched('idle');
  const mailbox = await box();
  await mailbox.createSpecialUseFolders();
  expect(calls()).toBe(0);
  await mailbox.append('INBOX', makeEml({ messageId: 'ping@test' }));
  await eventually(() => calls() === 1, 'onChange after the first message');
  await mailbox.append('INBOX', makeEml({ messageId: 'ping-2@test' }));
  await eventually(() => calls() === 2, 'onChange after the second message');
});

test('the watch reconnects after the server restarts and reports mail again', async () => {
  const { calls, box } = await watched('restart');
  expect(calls()).toBe(0);
  await server.pause();
  await server.resume();
  // Reconnected: one onChange for whatever may have arrived while it was away.
  await eventually(() => calls() === 1, 'onChange on reconnect');
  const mailbox = await box();
  await mailbox.append('INBOX', makeEml({ messageId: 'after@test' }));
  await eventually(() => calls() === 2, 'onChange from the new IDLE connection');
});
