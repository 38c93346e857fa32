// Maildir: a folder on the server's disk (delivered to by a local mail server, or npm start's demo mailbox), read
// directly and watched for new files.
import { MailSourceError } from '../mail-source';
import type { Provider } from '../provider';
import { connectDemoMailbox, scheduleDemoEmails } from './demo-mailbox';
import { maildirEmails } from './maildir-preview';
import { createMaildirSource } from './maildir-source';

export const maildir: Provider = {
  id: 'maildir',
  kind: 'maildir',
  label: 'Maildir',

  mailSource({ mailbox }) {
    const dir = mailbox.settings.dir;
    if (typeof dir !== 'string') throw new MailSourceError('not_found', 'Maildir mailbox without a folder');
    return createMaildirSource({ dir });
  },

  previewMessages: async (mailbox) => {
    const dir = mailbox.settings.dir;
    return typeof dir === 'string' ? maildirEmails(dir) : [];
  },

  demo: {
    connect: (db, dataDir) => connectDemoMailbox(db, dataDir),
    schedule: (dataDir) => {
      scheduleDemoEmails(dataDir);
    },
  },
};
