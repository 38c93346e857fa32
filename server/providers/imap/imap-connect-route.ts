import { imapConnectRequestSchema, mailboxStatusSchema } from '../../../src/api/mailbox-api';
import type { RouteContext } from '../../api/route-context';
import { callerOf } from '../../app/access-control';
import { withRelease } from '../../services/mailbox-oauth';
import { mailboxStatusOf } from '../../services/mailbox-status';
import { connectImapMailbox } from './imap-connect';

// My mailbox's IMAP connection: any IMAP server, with a user name and password, checked before it is saved.

/** IMAP connection attempts per user and minute. */
export const IMAP_ATTEMPTS_PER_MINUTE = 10;

export function imapConnectRoutes({ app, deps }: RouteContext): void {
  app.post('/api/mailbox/imap', {
    // Each attempt logs in to a host the user names: few a minute, so it can neither guess passwords nor map
    // which hosts and ports answer.
    config: { access: 'user', rateLimit: { max: IMAP_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { body: imapConnectRequestSchema, response: { 200: mailboxStatusSchema } },
    handler: async (request) => {
      const user = callerOf(request).user;
      await connectImapMailbox(withRelease(deps), user, request.body);
      return mailboxStatusOf(deps, user.id);
    },
  });
}
