import type { Folder } from '../../../src';

// Which rulebook Folder an IMAP mailbox is, from its special-use flag (RFC 6154) or, on servers without the
// extension, imapflow's guess from well-known names. Only inbox, sent and archive are ever read. `\All` (Gmail's
// All Mail) is never read: it would return every message a second time.

const BY_SPECIAL_USE: Record<string, Folder> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Archive': 'archive',
  '\\Drafts': 'drafts',
  '\\Junk': 'junk',
  '\\Trash': 'deleted',
};

export const READABLE_FOLDERS: readonly Folder[] = ['inbox', 'sent', 'archive'];

export function folderRoleOf(mailbox: { path: string; specialUse?: string | undefined }): Folder {
  if (mailbox.path.toUpperCase() === 'INBOX') return 'inbox';
  return (mailbox.specialUse && BY_SPECIAL_USE[mailbox.specialUse]) || 'other';
}

export function isReadable(folder: Folder): boolean {
  return READABLE_FOLDERS.includes(folder);
}
