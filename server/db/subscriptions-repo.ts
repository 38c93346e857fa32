// Thread subscriptions: "auto-save all next emails in this thread", optionally with the
// opportunity or account the rep picked.
import type { Kysely } from 'kysely';
import type { RecordRef, StoredThreadSubscription, ThreadSubscription } from '../../src';
import type { Database } from './database-types';

const WHAT_KINDS = new Set<RecordRef['kind']>(['opportunity', 'account']);

/**
 * Creates or replaces the user's subscription to a thread, under the face's thread id and, when the face read the
 * email's headers, the thread's root Message-ID (normalised, see `knownThreadRoot`); a later subscription without
 * the root keeps the one already known.
 */
export async function subscribeThread(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
  what?: RecordRef,
  /** The subject of the email the rep saved, shown in the dashboard's list. */
  subject?: string,
  rootMessageId?: string,
): Promise<ThreadSubscription> {
  if (threadId.trim() === '') throw new Error('A thread subscription needs a thread id');
  if (what && !WHAT_KINDS.has(what.kind))
    throw new Error(`A thread can only be linked to an opportunity or account`);
  const values = { what_kind: what?.kind ?? null, what_id: what?.id ?? null };
  const root = rootMessageId?.trim() ? rootMessageId.trim() : null;
  await db
    .insertInto('thread_subscriptions')
    .values({
      user_id: userId,
      thread_id: threadId,
      subject: subject ?? null,
      root_message_id: root,
      ...values,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'thread_id']).doUpdateSet((eb) => ({
        ...values,
        root_message_id: eb.fn.coalesce(
          eb.ref('excluded.root_message_id'),
          eb.ref('thread_subscriptions.root_message_id'),
        ),
      })),
    )
    .execute();
  return toSubscription({ thread_id: threadId, ...values });
}

export async function unsubscribeThread(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('thread_subscriptions')
    .where('user_id', '=', userId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** All of a user's subscriptions, newest first, with a subject to show (see `subscriptionSchema`). */
export async function listThreadSubscriptions(
  db: Kysely<Database>,
  userId: string,
): Promise<(ThreadSubscription & { subject?: string })[]> {
  const rows = await db
    .selectFrom('thread_subscriptions as s')
    .select(['s.thread_id', 's.what_kind', 's.what_id'])
    .select((eb) =>
      eb.fn
        .coalesce(
          's.subject',
          eb
            .selectFrom('decision_log as d')
            .select('d.subject')
            .whereRef('d.user_id', '=', 's.user_id')
            // An IMAP or Maildir email is logged under the thread's root, not the face's thread id.
            .where((w) =>
              w.or([
                w('d.thread_id', '=', w.ref('s.thread_id')),
                w('d.thread_id', '=', w.ref('s.root_message_id')),
              ]),
            )
            .orderBy('d.decided_at', 'desc')
            .limit(1),
        )
        .as('subject'),
    )
    .where('s.user_id', '=', userId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.thread_id')
    .execute();
  return rows.map((row) => ({ ...toSubscription(row), ...(row.subject ? { subject: row.subject } : {}) }));
}

/**
 * The user's subscriptions stored under any of these ids, as thread id or as root Message-ID (`threadKeysOf` of a
 * sync batch, or of the open email); `subscriptionsFor` tells which message each one concerns.
 */
export async function findThreadSubscriptions(
  db: Kysely<Database>,
  userId: string,
  keys: string[],
): Promise<StoredThreadSubscription[]> {
  if (keys.length === 0) return [];
  const unique = [...new Set(keys)];
  const rows = await db
    .selectFrom('thread_subscriptions')
    .select(['thread_id', 'root_message_id', 'what_kind', 'what_id'])
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('thread_id', 'in', unique), eb('root_message_id', 'in', unique)]))
    .orderBy('created_at')
    .orderBy('thread_id')
    .execute();
  return rows.map(toStoredSubscription);
}

export function toStoredSubscription(row: {
  thread_id: string;
  root_message_id: string | null;
  what_kind: string | null;
  what_id: string | null;
}): StoredThreadSubscription {
  const subscription: StoredThreadSubscription = toSubscription(row);
  if (row.root_message_id) subscription.rootMessageId = row.root_message_id;
  return subscription;
}

export function toSubscription(row: { thread_id: string; what_kind: string | null; what_id: string | null }) {
  const subscription: ThreadSubscription = { threadId: row.thread_id };
  if (row.what_kind && row.what_id)
    subscription.what = { kind: row.what_kind as RecordRef['kind'], id: row.what_id };
  return subscription;
}
