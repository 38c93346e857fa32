// A Graph source's push store (graph-push.ts) on the mailbox_push table, for one mailbox.
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../../config';
import type { Database } from '../../db/database-types';
import { mailboxPush } from '../../db/mailbox-push-repo';
import type { GraphPushStore } from './graph-push';
import { graphNotificationUrl } from '../../services/mailbox-providers';
import type { SourceFactoryOptions } from '../../sync/mail-source-factory';

export function graphPushStore(db: Kysely<Database>, mailboxId: string): GraphPushStore {
  const push = mailboxPush(db, mailboxId, 'graph');
  return {
    load: async () => {
      const stored = await push.load();
      return stored && { subscriptionId: stored.subscriptionId, expiresAt: stored.expiresAt };
    },
    save: ({ subscriptionId, clientState, expiresAt }) =>
      push.save({ subscriptionId, secret: clientState, expiresAt }),
    renew: push.renew,
  };
}

/** The factory's Graph push options when notifications are on (the URL resolved each time a source is built). */
export function graphPushOptions(
  db: Kysely<Database>,
  config: ServerConfig,
  log: (line: string) => void = () => {},
): Pick<SourceFactoryOptions, 'graphPush'> {
  if (!graphNotificationUrl(config)) return {};
  return {
    graphPush: {
      notificationUrl: () => graphNotificationUrl(config) ?? '',
      store: (mailboxId) => graphPushStore(db, mailboxId),
      log: (message, error) => log(`sync: ${message}${error instanceof Error ? `: ${error.message}` : ''}`),
    },
  };
}
