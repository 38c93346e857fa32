// A Google calendar's push channel stored in mailbox_push (kind `calendar`, provider `google-calendar`): the channel
// id as the subscription id, a hash of its token, and the resourceId needed to stop it.
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../../config';
import type { Database } from '../../db/database-types';
import type { Mailbox } from '../../db/mailboxes-repo';
import { mailboxPush } from '../../db/mailbox-push-repo';
import { googleCalendarNotificationUrl } from './gmail-app';
import type { GoogleCalendarPushOptions, GoogleCalendarPushStore } from './google-calendar-push';

export function googleCalendarPushStore(db: Kysely<Database>, mailboxId: string): GoogleCalendarPushStore {
  const push = mailboxPush(db, mailboxId, 'google-calendar', 'calendar');
  return {
    load: async () => {
      const stored = await push.load();
      return (
        stored && { subscriptionId: stored.subscriptionId, resourceId: stored.resourceId, expiresAt: stored.expiresAt }
      );
    },
    save: ({ subscriptionId, secret, resourceId, expiresAt }) =>
      push.save({ subscriptionId, secret, resourceId, expiresAt }),
    renew: push.renew,
    remove: push.remove,
  };
}

/** Each Google mailbox's calendar push options, when calendar notifications are on (the URL resolved when used). */
export function googleCalendarPushOptions(
  db: Kysely<Database>,
  config: ServerConfig,
): { calendarPush?: (mailbox: Mailbox) => GoogleCalendarPushOptions } {
  if (!googleCalendarNotificationUrl(config)) return {};
  return {
    calendarPush: (mailbox) => ({
      address: googleCalendarNotificationUrl(config) ?? '',
      store: googleCalendarPushStore(db, mailbox.id),
    }),
  };
}
