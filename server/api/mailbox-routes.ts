import { z } from 'zod';
import {
  MAILBOX_PAGE_PATH,
  mailboxStatusSchema,
  oauthCallbackQuerySchema,
  oauthConnectRequestSchema,
  oauthConnectResponseSchema,
} from '../../src/api/mailbox-api';
import { callerOf } from '../app/access-control';
import { HttpError } from '../app/http-error';
import { PROVIDERS } from '../providers/registry';
import { disconnectUserMailbox } from '../services/mailbox-disconnect';
import { finishMailboxOAuth, startMailboxOAuth } from '../services/mailbox-oauth';
import { mailboxStatusOf } from '../services/mailbox-status';
import type { RouteContext } from './route-context';

// "My mailbox": each signed-in user sees and connects their own mailbox (by OAuth with each provider that signs
// people in; other ways, such as IMAP's password, are their provider's own routes), or disconnects it. A new
// connection syncs at once where this process runs a sync worker, else at the workers' next reconcile pass.

export function mailboxRoutes({ app, deps }: RouteContext): void {
  const status = (userId: string) => mailboxStatusOf(deps, userId);

  app.get('/api/mailbox', {
    config: { access: 'user' },
    schema: { response: { 200: mailboxStatusSchema } },
    handler: async (request) => status(callerOf(request).user.id),
  });

  for (const { kind, oauth } of PROVIDERS) {
    if (!oauth) continue;
    app.post(`/api/mailbox/${kind}/connect`, {
      config: { access: 'user' },
      schema: { body: oauthConnectRequestSchema, response: { 200: oauthConnectResponseSchema } },
      handler: async (request) => ({
        authorizeUrl: await startMailboxOAuth(deps, callerOf(request).user, kind, request.body.loginHint),
      }),
    });

    // The provider sends the browser here; it goes back to the page with the outcome in the address.
    app.get(oauth.callbackPath, {
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
