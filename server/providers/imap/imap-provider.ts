// IMAP: any IMAP server, with a password (or an OAuth access token), read through imapflow; IDLE brings a
// mailbox's run forward. Connected by a check that logs in once (imap-connect.ts).
import type { Provider } from '../provider';
import { imapConnectRoutes } from './imap-connect-route';
import { createImapSource } from './imap-source';
import type { ImapAuth } from './imap-options';

export const imap: Provider = {
  id: 'imap',
  kind: 'imap',
  label: 'IMAP',

  mailSource({ mailbox, secret: openSecret }) {
    const s = mailbox.settings;
    const secret = openSecret();
    const user = String(s.user ?? '');
    const auth: ImapAuth =
      typeof secret.accessToken === 'string'
        ? { user, accessToken: secret.accessToken }
        : { user, pass: String(secret.pass ?? '') };
    return createImapSource({
      host: String(s.host ?? ''),
      port: Number(s.port ?? 993),
      secure: s.secure !== false,
      auth,
      logger: false,
    });
  },

  routes: (context) => imapConnectRoutes(context),
};
