// Maildir: a folder on the server's disk (delivered to by a local mail server, or npm start's demo mailbox), read
// directly and watched for new files. Its calendar is the invitations delivered into it.
import { InvitationCalendarSource } from '../invitation-calendar-source';
import { MailSourceError } from '../mail-source';
import type { Provider, SourceRequest } from '../provider';
import { connectDemoMailbox, scheduleDemoEmails } from './demo-mailbox';
import { deliverToMaildir } from './deliver-to-maildir';
import { maildirEmails, maildirInvitations } from './maildir-preview';
import { createMaildirSource } from './maildir-source';

function dirOf({ mailbox }: SourceRequest<object>): string {
  const dir = mailbox.settings.dir;
  if (typeof dir !== 'string') throw new MailSourceError('not_found', 'Maildir mailbox without a folder');
  return dir;
}

export const maildir: Provider = {
  id: 'maildir',
  kind: 'maildir',
  label: 'Maildir',

  mailSource: (request) => createMaildirSource({ dir: dirOf(request) }),

  calendarSource: (request) => new InvitationCalendarSource(createMaildirSource({ dir: dirOf(request) })),

  previewMessages: async (mailbox) => {
    const dir = mailbox.settings.dir;
    return typeof dir === 'string' ? maildirEmails(dir) : [];
  },
  previewSend: async (mailbox, rawMessage) => {
    const dir = mailbox.settings.dir;
    if (typeof dir !== 'string') throw new MailSourceError('not_found', 'Maildir mailbox without a folder');
    await deliverToMaildir(dir, 'Sent', rawMessage);
  },
  previewEvents: async (mailbox, window) => {
    const dir = mailbox.settings.dir;
    return typeof dir === 'string' ? maildirInvitations(dir, window) : [];
  },

  demo: {
    connect: (db, dataDir) => connectDemoMailbox(db, dataDir),
    schedule: (dataDir) => {
      scheduleDemoEmails(dataDir);
    },
  },
};
