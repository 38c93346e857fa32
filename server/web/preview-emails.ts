import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailMessage } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import { emlToMessage } from '../mail/eml-to-message';
import { listReadableFolders } from '../mail/maildir/maildir-folders';
import { demoEmails } from '../sync/demo/demo-emails';

// The emails the preview offers: those in the caller's Maildir mailbox (npm start's demo mailbox, so the preview
// shows what autosharing did to them), or, for a user without one, the demo emails themselves, parsed once.

const LIMIT = 50;

async function maildirEmails(dir: string): Promise<MailMessage[]> {
  const messages: MailMessage[] = [];
  for (const folder of await listReadableFolders(dir)) {
    for (const sub of ['new', 'cur']) {
      const files = await readdir(path.join(dir, folder.dir, sub)).catch(() => [] as string[]);
      for (const file of files)
        messages.push(
          await emlToMessage(await readFile(path.join(dir, folder.dir, sub, file)), folder.folder),
        );
    }
  }
  return messages;
}

let demo: Promise<MailMessage[]> | undefined;
/** The demo set, dated when first asked for (after the user connected), Message-IDs fixed for the server's life. */
function demoSet(now: Date): Promise<MailMessage[]> {
  demo ??= Promise.all(
    demoEmails(now).map((m) => emlToMessage(m.eml, m.folder === 'Sent' ? 'sent' : 'inbox')),
  );
  return demo;
}

export async function previewEmails(
  deps: Pick<AppDeps, 'db' | 'now'>,
  userId: string,
): Promise<MailMessage[]> {
  const mailbox = await getMailboxOfUser(deps.db, userId);
  const dir = mailbox?.kind === 'maildir' ? mailbox.settings.dir : undefined;
  const found = typeof dir === 'string' ? await maildirEmails(dir).catch(() => []) : [];
  const emails = found.length > 0 ? found : await demoSet(deps.now());
  return [...emails].sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, LIMIT);
}
