// A Graph source's push store (graph-push.ts) on the mailbox_push table, for one mailbox.
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../../config';
import type { Database } from '../../db/database-types';
import { mailboxPush } from '../../db/mailbox-push-repo';
import { graphNotificationUrl } from './graph-app';
import type { GraphCalendarPushStore } from './graph-calendar-push';
import type { GraphPushOptions, GraphPushStore } from './graph-push';

/** What a Graph source's push needs, per mailbox: the URL (resolved when a source is built) and its stores. */
export type GraphPushFactoryOptions = Omit<GraphPushOptions, 'notificationUrl' | 'store'> & {
  notificationUrl: () => string;
  store: (mailboxId: string) => GraphPushStore;
  /** The calendar's subscription, beside the inbox's. */
  calendarStore: (mailboxId: string) => GraphCalendarPushStore;
};

export function graphPushStore(
  db: Kysely<Database>,
  mailboxId: string,
  kind: 'mail' | 'calendar' = 'mail',
): GraphCalendarPushStore {
  const push = mailboxPush(db, mailboxId, 'graph', kind);
  return {
    load: async () => {
      const stored = await push.load();
      return stored && { subscriptionId: stored.subscriptionId, expiresAt: stored.expiresAt };
    },
    save: ({ subscriptionId, clientState, expiresAt }) =>
      push.save({ subscriptionId, secret: clientState, expiresAt }),
    renew: push.renew,
    remove: push.remove,
  };
}

/** The factory's Graph push options when notifications are on (the URL resolved each time a source is built). */
export function graphPushOptions(
  db: Kysely<Database>,
  config: ServerConfig,
  log: (line: string) => void = () => {},
): { graphPush?: GraphPushFactoryOptions } {
  if (!graphNotificationUrl(config)) return {};
  return {
    graphPush: {
      notificationUrl: () => graphNotificationUrl(config) ?? '',
      store: (mailboxId) => graphPushStore(db, mailboxId),
      calendarStore: (mailboxId) => graphPushStore(db, mailboxId, 'calendar'),
      log: (message, error) => log(`sync: ${message}${error instanceof Error ? `: ${error.message}` : ''}`),
    },
  };
}
