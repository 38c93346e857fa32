// On disconnect, a watched Gmail mailbox's watch is stopped at Google (users.stop), best effort: its mailbox_push
// row goes with the mailbox row either way, and a notification for an address nobody watches is only acknowledged.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types';
import { getPush } from '../../db/mailbox-push-repo';
import type { Mailbox } from '../../db/mailboxes-repo';
import { gmailAuthClient } from './gmail-auth';
import { GmailMailSource } from './gmail-source';
import type { GmailProvider } from './gmail-app';

export async function stopGmailPush(
  db: Kysely<Database>,
  mailbox: Mailbox,
  provider: GmailProvider,
  refreshToken: string,
): Promise<void> {
  try {
    if ((await getPush(db, mailbox.id))?.provider !== 'gmail') return;
    const source = new GmailMailSource({
      auth: gmailAuthClient(provider, { refreshToken }),
      ...(provider.rootUrl ? { rootUrl: provider.rootUrl } : {}),
      maxRetryWaitMs: 5000,
    });
    await source.stopWatch();
  } catch {
    // Google unreachable or the grant already gone: the watch simply lapses within 7 days.
  }
}
