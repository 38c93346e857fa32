import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailMessage } from '../../../src';
import { emlToMessage } from '../eml-to-message';
import { listReadableFolders } from './maildir-folders';

// Every email in a Maildir's readable folders, for the preview pages (npm start's demo mailbox, so the preview
// shows what autosharing did to them).

export async function maildirEmails(dir: string): Promise<MailMessage[]> {
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
