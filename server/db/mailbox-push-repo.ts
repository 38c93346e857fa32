// Provider push subscriptions per mailbox (migration 0006): what a worker renews, and what the HTTP server's
// notification routes look up to know which mailbox changed. At most one per mailbox.
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, Timestamp } from './database-types';
import { toIso } from './jsonb';

export interface MailboxPushTable {
  mailbox_id: string;
  provider: 'graph' | 'gmail';
  subscription_id: string;
  secret_hash: string | null;
  expires_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailboxPush {
  mailboxId: string;
  provider: 'graph' | 'gmail';
  subscriptionId: string;
  secretHash: string | null;
  expiresAt: string;
}

const withPush = (db: Kysely<Database>) => db.withTables<{ mailbox_push: MailboxPushTable }>();

/** The hash stored for a secret (never the secret itself). */
export function pushSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates or replaces the mailbox's push subscription. */
export async function savePush(
  db: Kysely<Database>,
  push: {
    mailboxId: string;
    provider: 'graph' | 'gmail';
    subscriptionId: string;
    secret?: string;
    expiresAt: Date;
  },
): Promise<void> {
  const values = {
    provider: push.provider,
    subscription_id: push.subscriptionId,
    secret_hash: push.secret === undefined ? null : pushSecretHash(push.secret),
    expires_at: push.expiresAt,
    updated_at: new Date(),
  };
  await withPush(db)
    .insertInto('mailbox_push')
    .values({ mailbox_id: push.mailboxId, ...values })
    .onConflict((oc) => oc.column('mailbox_id').doUpdateSet(values))
    .execute();
}

/**
 * Moves the expiry of a subscription this worker renewed, only if nobody else renewed or replaced it meanwhile
 * (several workers may hold the same mailbox's source): true when this call won.
 */
export async function renewPush(
  db: Kysely<Database>,
  mailboxId: string,
  previousExpiresAt: string,
  expiresAt: Date,
): Promise<boolean> {
  const result = await withPush(db)
    .updateTable('mailbox_push')
    .set({ expires_at: expiresAt, updated_at: new Date() })
    .where('mailbox_id', '=', mailboxId)
    .where('expires_at', '=', new Date(previousExpiresAt))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getPush(db: Kysely<Database>, mailboxId: string): Promise<MailboxPush | undefined> {
  const row = await withPush(db)
    .selectFrom('mailbox_push')
    .selectAll()
    .where('mailbox_id', '=', mailboxId)
    .executeTakeFirst();
  return row ? toPush(row) : undefined;
}

/** The subscriptions a notification names (Graph: its subscription id; Gmail: the mailbox address). */
export async function findPushBySubscription(
  db: Kysely<Database>,
  provider: 'graph' | 'gmail',
  subscriptionId: string,
): Promise<MailboxPush[]> {
  const rows = await withPush(db)
    .selectFrom('mailbox_push')
    .selectAll()
    .where('provider', '=', provider)
    .where('subscription_id', '=', subscriptionId)
    .execute();
  return rows.map(toPush);
}

export async function deletePush(db: Kysely<Database>, mailboxId: string): Promise<void> {
  await withPush(db).deleteFrom('mailbox_push').where('mailbox_id', '=', mailboxId).execute();
}

/** One mailbox's push of one provider, as the workers' watchers use it (a row of the other provider is none). */
export function mailboxPush(db: Kysely<Database>, mailboxId: string, provider: 'graph' | 'gmail') {
  return {
    load: async (): Promise<MailboxPush | undefined> => {
      const push = await getPush(db, mailboxId);
      return push?.provider === provider ? push : undefined;
    },
    save: (push: { subscriptionId: string; secret?: string; expiresAt: Date }) =>
      savePush(db, { mailboxId, provider, ...push }),
    renew: (previousExpiresAt: string, expiresAt: Date) =>
      renewPush(db, mailboxId, previousExpiresAt, expiresAt),
  };
}

function toPush(row: Selectable<MailboxPushTable>): MailboxPush {
  return {
    mailboxId: row.mailbox_id,
    provider: row.provider,
    subscriptionId: row.subscription_id,
    secretHash: row.secret_hash,
    expiresAt: toIso(row.expires_at),
  };
}
