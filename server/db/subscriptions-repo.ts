// Thread subscriptions: "auto-save all next emails in this thread", optionally with the
// opportunity or account the rep picked.
import type { Kysely } from 'kysely';
import type { RecordRef, ThreadSubscription } from '../../src';
import type { Database } from './database-types';

const WHAT_KINDS = new Set<RecordRef['kind']>(['opportunity', 'account']);

/** Creates or replaces the user's subscription to a thread. */
export async function subscribeThread(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
  what?: RecordRef,
  /** The subject of the email the rep saved, shown in the dashboard's list. */
  subject?: string,
): Promise<ThreadSubscription> {
  if (threadId.trim() === '') throw new Error('A thread subscription needs a thread id');
  if (what && !WHAT_KINDS.has(what.kind))
    throw new Error(`A thread can only be linked to an opportunity or account`);
  const values = { what_kind: what?.kind ?? null, what_id: what?.id ?? null };
  await db
    .insertInto('thread_subscriptions')
    .values({ user_id: userId, thread_id: threadId, subject: subject ?? null, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doUpdateSet(values))
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
            .whereRef('d.thread_id', '=', 's.thread_id')
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

/** The user's subscriptions among some threads (a sync batch, or the open email's thread). */
export async function findThreadSubscriptions(
  db: Kysely<Database>,
  userId: string,
  threadIds: string[],
): Promise<ThreadSubscription[]> {
  if (threadIds.length === 0) return [];
  const rows = await db
    .selectFrom('thread_subscriptions')
    .select(['thread_id', 'what_kind', 'what_id'])
    .where('user_id', '=', userId)
    .where('thread_id', 'in', [...new Set(threadIds)])
    .execute();
  return rows.map(toSubscription);
}

export function toSubscription(row: { thread_id: string; what_kind: string | null; what_id: string | null }) {
  const subscription: ThreadSubscription = { threadId: row.thread_id };
  if (row.what_kind && row.what_id)
    subscription.what = { kind: row.what_kind as RecordRef['kind'], id: row.what_id };
  return subscription;
}
