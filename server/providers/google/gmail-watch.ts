/**
 * Gmail push: `users.watch` asks Gmail to publish a notification to a Cloud Pub/Sub topic whenever the INBOX
 * changes (Pub/Sub then posts it to the server's /notifications/gmail); `users.stop` ends it. A watch lasts about
 * 7 days and must be renewed by calling watch again (Google advises daily). Both go through the source's own gmail
 * client, so they share its credentials and root URL.
 */
import type { gmail_v1 } from '@googleapis/gmail';

export interface GmailWatch {
  /** The mailbox's history id when the watch was set. */
  historyId: string;
  /** When Gmail stops sending notifications unless watch is called again. */
  expiresAt: Date;
}

/** The labels whose changes are pushed: new mail is what brings a run forward. */
export const WATCHED_LABELS = ['INBOX'];

/** POST gmail/v1/users/me/watch: `{ historyId, expiration }` (epoch milliseconds, as a string). */
export async function watchInbox(api: gmail_v1.Gmail, topicName: string): Promise<GmailWatch> {
  const res = await api.users.watch({
    userId: 'me',
    requestBody: { topicName, labelIds: WATCHED_LABELS, labelFilterBehavior: 'include' },
  });
  const expiration = Number(res.data.expiration);
  if (!Number.isFinite(expiration) || expiration <= 0)
    throw new Error(`Gmail answered watch without an expiration (${String(res.data.expiration)})`);
  return { historyId: String(res.data.historyId ?? ''), expiresAt: new Date(expiration) };
}

/** POST gmail/v1/users/me/stop: no more notifications for this mailbox (for any topic). */
export async function stopWatch(api: gmail_v1.Gmail): Promise<void> {
  await api.users.stop({ userId: 'me' });
}
