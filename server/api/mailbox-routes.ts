import { z } from 'zod';
import {
  imapConnectRequestSchema,
  MAILBOX_PAGE_PATH,
  mailboxStatusSchema,
  oauthCallbackQuerySchema,
  oauthConnectRequestSchema,
  oauthConnectResponseSchema,
} from '../../src/api/mailbox-api';
import { callerOf } from '../app/access-control';
import { HttpError } from '../app/http-error';
import { disconnectUserMailbox } from '../services/mailbox-disconnect';
import { connectImapMailbox } from '../providers/imap/imap-connect';
import {
  finishMailboxOAuth,
  startMailboxOAuth,
  withRelease,
  type OAuthMailboxKind,
} from '../services/mailbox-oauth';
import { GMAIL_CALLBACK_PATH, GRAPH_CALLBACK_PATH } from '../services/mailbox-providers';
import { mailboxStatusOf } from '../services/mailbox-status';
import type { RouteContext } from './route-context';

// "My mailbox": each signed-in user sees and connects their own mailbox (Microsoft 365 or Google by OAuth, any
// IMAP server with a password), or disconnects it. A new connection syncs at once where this process runs a sync
// worker, else at the workers' next reconcile pass.

/** IMAP connection attempts per user and minute. */
export const IMAP_ATTEMPTS_PER_MINUTE = 10;

export function mailboxRoutes({ app, deps }: RouteContext): void {
  const status = (userId: string) => mailboxStatusOf(deps, userId);

  app.get('/api/mailbox', {
    config: { access: 'user' },
    schema: { response: { 200: mailboxStatusSchema } },
    handler: async (request) => status(callerOf(request).user.id),
  });

  const oauth: [OAuthMailboxKind, string][] = [
    ['graph', GRAPH_CALLBACK_PATH],
    ['gmail', GMAIL_CALLBACK_PATH],
  ];
  for (const [kind, callbackPath] of oauth) {
    app.post(`/api/mailbox/${kind}/connect`, {
      config: { access: 'user' },
      schema: { body: oauthConnectRequestSchema, response: { 200: oauthConnectResponseSchema } },
      handler: async (request) => ({
        authorizeUrl: await startMailboxOAuth(deps, callerOf(request).user, kind, request.body.loginHint),
      }),
    });

    // The provider sends the browser here; it goes back to the page with the outcome in the address.
    app.get(callbackPath, {
      config: { access: 'user' },
      schema: { querystring: oauthCallbackQuerySchema },
      handler: async (request, reply) => {
        try {
          await finishMailboxOAuth(deps, callerOf(request).user, kind, request.query);
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          const query = new URLSearchParams({ error: error.code, message: error.message });
          return reply.redirect(`${MAILBOX_PAGE_PATH}?${query.toString()}`, 303);
        }
        return reply.redirect(`${MAILBOX_PAGE_PATH}?connected=${kind}`, 303);
      },
    });
  }

  app.post('/api/mailbox/imap', {
    // Each attempt logs in to a host the user names: few a minute, so it can neither guess passwords nor map
    // which hosts and ports answer.
    config: { access: 'user', rateLimit: { max: IMAP_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { body: imapConnectRequestSchema, response: { 200: mailboxStatusSchema } },
    handler: async (request) => {
      const user = callerOf(request).user;
      await connectImapMailbox(withRelease(deps), user, request.body);
      return status(user.id);
    },
  });

  app.delete('/api/mailbox', {
    config: { access: 'user' },
    schema: { response: { 200: mailboxStatusSchema.extend({ disconnected: z.boolean() }) } },
    handler: async (request) => {
      const user = callerOf(request).user;
      const disconnected = await disconnectUserMailbox(deps, user.id);
      return { ...(await status(user.id)), disconnected };
    },
  });
}
