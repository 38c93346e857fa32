// What a Gmail source's push needs from the database, bound to one mailbox: its stored watch in mailbox_push (the
// address as the subscription id, so a notification naming the address finds the mailbox; no secret).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types';
import type { Mailbox } from '../../db/mailboxes-repo';
import { mailboxPush } from '../../db/mailbox-push-repo';
import type { GmailPushOptions } from './gmail-push-watcher';

export function gmailPushOptions(
  db: Kysely<Database>,
  topicName: string,
  log?: (line: string) => void,
): (mailbox: Mailbox) => GmailPushOptions {
  return (mailbox) => {
    const push = mailboxPush(db, mailbox.id, 'gmail');
    const address = typeof mailbox.settings.address === 'string' ? mailbox.settings.address : undefined;
    return {
      topicName,
      ...(address ? { address } : {}),
      load: async () => {
        const stored = await push.load();
        return stored && { expiresAt: stored.expiresAt };
      },
      save: (subscriptionId, expiresAt) => push.save({ subscriptionId, expiresAt }),
      renew: push.renew,
      ...(log ? { log: (line: string) => log(`mailbox ${mailbox.id}: ${line}`) } : {}),
    };
  };
}
