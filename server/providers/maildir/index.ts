export { MaildirSource, createMaildirSource, DEFAULT_MAILDIR_BATCH_LIMIT } from './maildir-source';
export { deliverToMaildir, type Delivered } from './deliver-to-maildir';
export type { MaildirCursor, MaildirFolderPosition } from './maildir-cursor';
