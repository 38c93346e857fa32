import type { ImapFlow } from 'imapflow';
import type { Folder } from '../../../src';
import { folderRoleOf, isReadable, READABLE_FOLDERS } from './folder-role';

// The mailboxes a sync reads, from LIST: inbox, sent and archive folders, in that order. Drafts, Junk, Trash,
// All Mail and every other folder are never opened.

export interface ReadableFolder {
  path: string;
  folder: Folder;
}

export async function listReadableFolders(client: ImapFlow): Promise<ReadableFolder[]> {
  const listed = await client.list();
  return listed
    .filter((mailbox) => !mailbox.flags.has('\\Noselect') && !mailbox.flags.has('\\NonExistent'))
    .map((mailbox) => ({ path: mailbox.path, folder: folderRoleOf(mailbox) }))
    .filter(({ folder }) => isReadable(folder))
    .sort(
      (a, b) =>
        READABLE_FOLDERS.indexOf(a.folder) - READABLE_FOLDERS.indexOf(b.folder) ||
        a.path.localeCompare(b.path),
    );
}
