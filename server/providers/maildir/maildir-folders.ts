import { readdirSync } from 'node:fs';
import type { Folder } from '../../../src';

// Which folders of a Maildir++ tree are read: the root (its cur/ and new/) is the inbox, `.Sent` and `.Archive`
// (and their common aliases) are sent and archive. `.Drafts`, `.Junk`, `.Trash`, nested folders such as
// `.Archive.2024` and everything else are never read.

export const INBOX_KEY = 'INBOX';

const READABLE: Record<string, Folder> = {
  sent: 'sent',
  'sent items': 'sent',
  'sent messages': 'sent',
  archive: 'archive',
  archives: 'archive',
};

export interface MaildirFolder {
  /** `INBOX` for the root, else the Maildir++ name without its dot (`Sent`). Also the cursor's key. */
  key: string;
  /** The folder's directory relative to the Maildir root: '' or `.Sent`. */
  dir: string;
  folder: Folder;
}

export function folderOfName(name: string): Folder | undefined {
  return READABLE[name.toLowerCase()];
}

/**
 * The readable folders present under `root`, inbox first. Rejects when `root` cannot be read. The listing is
 * synchronous, as the source's other reads are (maildir-files.ts): one small directory costs microseconds, far
 * less than a round trip through the thread pool, and an idle sweep lists thousands of them.
 */
export async function listReadableFolders(root: string): Promise<MaildirFolder[]> {
  const entries = readdirSync(root, { withFileTypes: true });
  const folders: MaildirFolder[] = [{ key: INBOX_KEY, dir: '', folder: 'inbox' }];
  const order: Folder[] = ['sent', 'archive'];
  const found = entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('.') && entry.name.length > 1)
    .map((entry) => ({
      key: entry.name.slice(1),
      dir: entry.name,
      folder: folderOfName(entry.name.slice(1)),
    }))
    .filter((f): f is MaildirFolder => f.folder !== undefined)
    .sort((a, b) => order.indexOf(a.folder) - order.indexOf(b.folder) || a.key.localeCompare(b.key));
  return folders.concat(found);
}

/** `Sent` → `.Sent`; `INBOX` (any case) → '' (the root). */
export function folderDir(name: string): string {
  if (name === '' || name.toUpperCase() === INBOX_KEY) return '';
  if (name.includes('/') || name.startsWith('.')) throw new Error(`not a Maildir++ folder name: ${name}`);
  return `.${name}`;
}
