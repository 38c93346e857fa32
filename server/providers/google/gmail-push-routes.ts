import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../app/http-error';
import { findPushBySubscription } from '../../db/mailbox-push-repo';
import type { GmailPushSettings } from '../../config';
import { GMAIL_PUSH_PATH, gmailPushAudience } from './gmail-push-settings';
import { mailboxChanged } from '../../services/mailbox-changed';
import type { RouteContext } from '../../api/route-context';
import { GmailPushVerifier } from './verify-gmail-push';

// Gmail push: Gmail publishes "this mailbox changed" to the Pub/Sub topic the workers' users.watch named, and the
// topic's push subscription posts it here. The message names the mailbox's address; every Gmail mailbox watched
// under that address runs soon. `public` to the bearer-token hook because the bearer is Pub/Sub's service
// account, not a user: it is verified here (verify-gmail-push.ts) before the body is even read. Any 2xx
// acknowledges the message, so an address nobody watches, or a body that is no notification, is acknowledged too
// (Pub/Sub would retry it otherwise).

const pushSchema = z.object({
  message: z.object({
    /** Base64 of `{"emailAddress": "...", "historyId": 1234}`. */
    data: z.string().min(1),
    messageId: z.string().optional(),
    publishTime: z.string().optional(),
  }),
  subscription: z.string().min(1),
});

const notificationSchema = z.object({
  emailAddress: z.string().min(3).includes('@'),
  historyId: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]),
});

/** The address a push names, or undefined when the push is not a Gmail notification. */
function addressOf(body: unknown): string | undefined {
  const push = pushSchema.safeParse(body);
  if (!push.success) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(push.data.message.data, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = notificationSchema.safeParse(json);
  return parsed.success ? parsed.data.emailAddress.toLowerCase() : undefined;
}

export function gmailPushRoutes({ app, deps }: RouteContext): void {
  let verifier: { settings: GmailPushSettings; verifier: GmailPushVerifier } | undefined;

  const verify = async (request: FastifyRequest) => {
    const settings = deps.config.gmailPush;
    if (!settings)
      throw new HttpError(
        404,
        'gmail_push_off',
        'Gmail push is off: set LIAISON_GMAIL_PUBSUB_TOPIC and LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT.',
      );
    if (verifier?.settings !== settings) verifier = { settings, verifier: new GmailPushVerifier(settings) };
    await verifier.verifier.verify(
      request.headers.authorization,
      gmailPushAudience(settings, deps.config.publicUrl),
    );
  };

  app.post(GMAIL_PUSH_PATH, {
    // No per-caller rate limit: Pub/Sub sends every mailbox's pushes with the same token, so the limit would hold
    // back the whole company's mail together (a 429 only makes Pub/Sub retry later). Each push is verified first.
    config: { access: 'public', rateLimit: false },
    preValidation: verify,
    handler: async (request, reply) => {
      // A verified push that is not a Gmail notification is acknowledged and logged, not refused: Pub/Sub would
      // redeliver a refused message until it expires, and it would never become valid.
      const address = addressOf(request.body);
      if (!address) {
        request.log.warn(
          { body: request.body },
          'Gmail push: not a Gmail notification, acknowledged and dropped',
        );
        return reply.code(204).send();
      }
      const pushes = await findPushBySubscription(deps.db, 'gmail', address);
      for (const push of pushes) await mailboxChanged(deps, push.mailboxId);
      return reply.code(204).send();
    },
  });
}
