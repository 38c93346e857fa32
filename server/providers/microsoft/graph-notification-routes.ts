import { z } from 'zod';
import { HttpError } from '../../app/http-error';
import { findPushBySubscription, pushSecretMatches } from '../../db/mailbox-push-repo';
import { mailboxChanged } from '../../services/mailbox-changed';
import { GRAPH_NOTIFICATIONS_PATH } from './graph-app';
import type { RouteContext } from '../../api/route-context';

// Microsoft Graph change notifications (the subscriptions are made by the workers: graph-push.ts).
// Public, since Graph sends no credentials: a notification counts only if its clientState hashes to the one stored
// for its subscription (compared in constant time), and the answer is the same 202 whatever matched, so a caller
// learns nothing about which subscriptions exist. Matching mailboxes run soon (mailboxChanged).

/**
 * One changeNotification as Graph documents it (only what is read here is checked; the rest is dropped). Optional
 * properties may come as null.
 */
const changeNotificationSchema = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(255).nullish(),
  changeType: z.string().max(100).nullish(),
  lifecycleEvent: z.string().max(100).nullish(),
  resource: z.string().max(2000).nullish(),
  subscriptionExpirationDateTime: z.string().max(100).nullish(),
  tenantId: z.string().max(100).nullish(),
});

/** A changeNotificationCollection. */
const notificationCollectionSchema = z.object({
  value: z.array(changeNotificationSchema).max(1000),
  validationTokens: z.array(z.string()).nullish(),
});

/** Notifications one address may post a minute. */
export const GRAPH_NOTIFICATIONS_PER_MINUTE = 20_000;

export function graphNotificationRoutes({ app, deps }: RouteContext): void {
  const off = () =>
    new HttpError(
      404,
      'graph_notifications_off',
      'Microsoft Graph change notifications are off here (LIAISON_GRAPH_NOTIFICATIONS).',
    );

  app.post(GRAPH_NOTIFICATIONS_PATH, {
    // Graph posts every tenant's notifications from a few addresses: the per-caller limit of people's requests
    // would drop them. Each costs one indexed lookup, so a high per-address ceiling still guards the server.
    config: { access: 'public', rateLimit: { max: GRAPH_NOTIFICATIONS_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { body: notificationCollectionSchema },
    // The validation handshake, answered before any body parsing: Graph posts `?validationToken=…` (text/plain,
    // usually empty) and wants the decoded token back as text/plain within 10 seconds.
    onRequest: async (request, reply) => {
      const token = (request.query as Record<string, unknown>).validationToken;
      if (token === undefined) return;
      if (!deps.config.graph?.notifications) throw off();
      if (typeof token !== 'string')
        throw new HttpError(400, 'invalid_request', 'validationToken must be given once.');
      return reply.code(200).type('text/plain; charset=utf-8').send(token);
    },
    handler: async (request, reply) => {
      if (!deps.config.graph?.notifications) throw off();
      const changed = new Set<string>();
      const seen = new Set<string>();
      for (const notification of request.body.value) {
        const key = `${notification.subscriptionId}\0${notification.clientState ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const push of await findPushBySubscription(deps.db, 'graph', notification.subscriptionId)) {
          if (pushSecretMatches(push.secretHash, notification.clientState)) changed.add(push.mailboxId);
        }
      }
      // Persisted as run requests before answering; a failure here is a 5xx, which Graph retries.
      for (const mailboxId of changed) await mailboxChanged(deps, mailboxId);
      return reply.code(202).send();
    },
  });
}
