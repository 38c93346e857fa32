export { ImapSource, createImapSource, DEFAULT_IMAP_BATCH_LIMIT } from './imap-source';
export type { ImapSourceOptions, ImapAuth } from './imap-options';
export type { ImapCursor, ImapFolderPosition } from './imap-cursor';
export { folderRoleOf } from './folder-role';
