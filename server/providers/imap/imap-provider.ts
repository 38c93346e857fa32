// IMAP: any IMAP server, with a password (or an OAuth access token), read through imapflow; IDLE brings a
// mailbox's run forward. Connected by a check that logs in once (imap-connect.ts). Its calendar is the invitations
// that arrive in the mailbox, read through a source of its own.
import { InvitationCalendarSource } from '../invitation-calendar-source';
import type { Provider, SourceRequest } from '../provider';
import { imapConnectRoutes } from './imap-connect-route';
import { createImapSource } from './imap-source';
import type { ImapAuth, ImapSourceOptions } from './imap-options';

function imapOptionsOf({ mailbox, secret: openSecret }: SourceRequest<object>): ImapSourceOptions {
  const s = mailbox.settings;
  const secret = openSecret();
  const user = String(s.user ?? '');
  const auth: ImapAuth =
    typeof secret.accessToken === 'string'
      ? { user, accessToken: secret.accessToken }
      : { user, pass: String(secret.pass ?? '') };
  return {
    host: String(s.host ?? ''),
    port: Number(s.port ?? 993),
    secure: s.secure !== false,
    auth,
    logger: false,
  };
}

export const imap: Provider = {
  id: 'imap',
  kind: 'imap',
  label: 'IMAP',

  mailSource: (request) => createImapSource(imapOptionsOf(request)),

  calendarSource: (request) => new InvitationCalendarSource(createImapSource(imapOptionsOf(request))),

  routes: (context) => imapConnectRoutes(context),
};
