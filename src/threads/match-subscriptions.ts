import type { MailMessage, RecordRef, ThreadSubscription } from '../types';
import { recordKey } from '../sidebar/record-key';
import { knownThreadRoot, threadIdOf } from './derive-thread-id';

// A subscription is stored under two ids: the thread id of the face it was made from (Outlook's conversationId,
// Gmail's thread id) and the thread's root Message-ID, which every source can compute (IMAP and Maildir carry only
// References). A message belongs to it when either of its own ids matches either stored id. Rule 5 looks the
// message's `threadId` up in `threadSubscriptions`, so each match is handed to the rules under that id.

export interface StoredThreadSubscription {
  threadId: string;
  /** Normalised; absent when the face could not read the email's header fields. */
  rootMessageId?: string;
  what?: RecordRef;
}

type ThreadedMessage = Pick<MailMessage, 'internetMessageId' | 'threadId' | 'headers'>;

/** The ids a message's thread is known by: its thread id (rule 5's) and, when its headers were read, its root. */
export function threadKeysOf(message: ThreadedMessage): string[] {
  const keys = new Set([threadIdOf(message)]);
  const root = knownThreadRoot(message);
  if (root) keys.add(root);
  return [...keys].filter((key) => key !== '');
}

/** The rulebook's `threadSubscriptions` for a batch: every stored subscription a message matches, under its id. */
export function subscriptionsFor(
  messages: ThreadedMessage[],
  stored: StoredThreadSubscription[],
): ThreadSubscription[] {
  const byKey = new Map<string, StoredThreadSubscription[]>();
  const index = (key: string | undefined, sub: StoredThreadSubscription) => {
    if (!key) return;
    const list = byKey.get(key) ?? [];
    if (!list.includes(sub)) list.push(sub);
    byKey.set(key, list);
  };
  for (const sub of stored) {
    index(sub.threadId.trim(), sub);
    index(sub.rootMessageId, sub);
  }
  const out: ThreadSubscription[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    const threadId = threadIdOf(message);
    for (const key of threadKeysOf(message)) {
      for (const sub of byKey.get(key) ?? []) {
        const id = `${threadId}\n${sub.what ? recordKey(sub.what) : ''}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(sub.what ? { threadId, what: sub.what } : { threadId });
      }
    }
  }
  return out;
}
