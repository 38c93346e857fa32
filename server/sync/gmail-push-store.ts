// What a Gmail source's push needs from the database, bound to one mailbox: its stored watch in mailbox_push (the
// address as the subscription id, so a notification naming the address finds the mailbox; no secret).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types';
import type { Mailbox } from '../db/mailboxes-repo';
import { getPush, renewPush, savePush } from '../db/mailbox-push-repo';
import type { GmailPushOptions } from '../mail/gmail';

export function gmailPushOptions(
  db: Kysely<Database>,
  topicName: string,
  log?: (line: string) => void,
): (mailbox: Mailbox) => GmailPushOptions {
  return (mailbox) => {
    const address = typeof mailbox.settings.address === 'string' ? mailbox.settings.address : undefined;
    return {
      topicName,
      ...(address ? { address } : {}),
      load: async () => {
        const push = await getPush(db, mailbox.id);
        return push?.provider === 'gmail' ? { expiresAt: push.expiresAt } : undefined;
      },
      save: (subscriptionId, expiresAt) =>
        savePush(db, { mailboxId: mailbox.id, provider: 'gmail', subscriptionId, expiresAt }),
      renew: (previousExpiresAt, expiresAt) => renewPush(db, mailbox.id, previousExpiresAt, expiresAt),
      ...(log ? { log: (line: string) => log(`mailbox ${mailbox.id}: ${line}`) } : {}),
    };
  };
}
