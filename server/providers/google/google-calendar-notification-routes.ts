import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../app/http-error';
import { findPushBySubscription, pushSecretMatches } from '../../db/mailbox-push-repo';
import { mailboxChanged } from '../../services/mailbox-changed';
import type { RouteContext } from '../../api/route-context';
import { GOOGLE_CALENDAR_NOTIFICATIONS_PATH } from './gmail-app';

// Google Calendar push notifications (the channels are opened by the calendar's runs: google-calendar-push.ts).
// Google posts no body and no credentials, only headers: the channel id, the token given when it was opened, the
// watched resource's id and its state (`sync` when the channel opens, `exists` when something changed). A
// notification counts only if its token hashes to the one stored for the channel (constant time) and its resource is
// the channel's; the answer is the same 200 whatever matched, so a caller learns nothing about which channels exist.
// Everything is read in onRequest, before any body parsing: Google's empty body may come with any content type.

/** Notifications one address may post a minute (Google posts every account's from a few addresses). */
export const GOOGLE_CALENDAR_NOTIFICATIONS_PER_MINUTE = 20_000;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= 512 ? value : undefined;
};

export function googleCalendarNotificationRoutes({ app, deps }: RouteContext): void {
  app.post(GOOGLE_CALENDAR_NOTIFICATIONS_PATH, {
    config: {
      access: 'public',
      rateLimit: { max: GOOGLE_CALENDAR_NOTIFICATIONS_PER_MINUTE, timeWindow: '1 minute' },
    },
    onRequest: async (request, reply) => {
      if (!deps.config.gmail?.calendarNotifications)
        throw new HttpError(
          404,
          'google_calendar_notifications_off',
          'Google Calendar notifications are off here (LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS).',
        );
      const channelId = header(request, 'x-goog-channel-id');
      const state = header(request, 'x-goog-resource-state');
      // `sync` only says the channel is open: nothing changed yet.
      if (channelId && state && state !== 'sync') {
        const token = header(request, 'x-goog-channel-token');
        const resourceId = header(request, 'x-goog-resource-id');
        for (const push of await findPushBySubscription(deps.db, 'google-calendar', channelId)) {
          if (pushSecretMatches(push.secretHash, token) && push.resourceId === resourceId)
            // Persisted as a run request before answering; a failure here is a 5xx, which Google retries.
            await mailboxChanged(deps, push.mailboxId);
        }
      }
      return reply.code(200).send();
    },
    handler: async (_request, reply) => reply.code(200).send(),
  });
}
