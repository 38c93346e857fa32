// A Graph source's push store (server/mail/graph/graph-push.ts) on the mailbox_push table, for one mailbox.
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database-types';
import { getPush, renewPush, savePush } from '../db/mailbox-push-repo';
import type { GraphPushStore } from '../mail/graph';
import { graphNotificationUrl } from '../services/mailbox-providers';
import type { SourceFactoryOptions } from './mail-source-factory';

export function graphPushStore(db: Kysely<Database>, mailboxId: string): GraphPushStore {
  return {
    load: async () => {
      const push = await getPush(db, mailboxId);
      // A row of another provider (a Gmail watch) is not a Graph subscription to reuse.
      return push?.provider === 'graph'
        ? { subscriptionId: push.subscriptionId, expiresAt: push.expiresAt }
        : undefined;
    },
    save: ({ subscriptionId, clientState, expiresAt }) =>
      savePush(db, { mailboxId, provider: 'graph', subscriptionId, secret: clientState, expiresAt }),
    renew: (previousExpiresAt, expiresAt) => renewPush(db, mailboxId, previousExpiresAt, expiresAt),
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
