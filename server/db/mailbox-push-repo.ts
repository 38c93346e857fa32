// Provider push subscriptions per mailbox (migrations 0006, 0017): what a worker or a calendar run renews, and what
// the HTTP server's notification routes look up to know which mailbox changed. At most one per mailbox and kind
// (its mail's, its calendar's).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, Timestamp } from './database-types';
import { toIso } from './jsonb';

export type PushProvider = 'graph' | 'gmail' | 'google-calendar';
export type PushKind = 'mail' | 'calendar';

export interface MailboxPushTable {
  mailbox_id: string;
  kind: PushKind;
  provider: PushProvider;
  subscription_id: string;
  secret_hash: string | null;
  resource_id: string | null;
  expires_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailboxPush {
  mailboxId: string;
  kind: PushKind;
  provider: PushProvider;
  subscriptionId: string;
  secretHash: string | null;
  /** What the provider named the watched resource (a Google channel's resourceId, needed to stop it). */
  resourceId: string | null;
  expiresAt: string;
}

const withPush = (db: Kysely<Database>) => db.withTables<{ mailbox_push: MailboxPushTable }>();

/** The hash stored for a secret (never the secret itself). */
export function pushSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether a secret a notification carries is the one stored as `secretHash` (compared in constant time). */
export function pushSecretMatches(secretHash: string | null, given: string | null | undefined): boolean {
  if (!secretHash || typeof given !== 'string') return false;
  const expected = Buffer.from(secretHash, 'hex');
  const hashed = createHash('sha256').update(given).digest();
  return expected.length === hashed.length && timingSafeEqual(expected, hashed);
}

/** Creates or replaces the mailbox's push subscription of its kind (mail unless told). */
export async function savePush(
  db: Kysely<Database>,
  push: {
    mailboxId: string;
    kind?: PushKind;
    provider: PushProvider;
    subscriptionId: string;
    secret?: string;
    resourceId?: string;
    expiresAt: Date;
  },
): Promise<void> {
  const values = {
    provider: push.provider,
    subscription_id: push.subscriptionId,
    secret_hash: push.secret === undefined ? null : pushSecretHash(push.secret),
    resource_id: push.resourceId ?? null,
    expires_at: push.expiresAt,
    updated_at: new Date(),
  };
  await withPush(db)
    .insertInto('mailbox_push')
    .values({ mailbox_id: push.mailboxId, kind: push.kind ?? 'mail', ...values })
    .onConflict((oc) => oc.columns(['mailbox_id', 'kind']).doUpdateSet(values))
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
  kind: PushKind = 'mail',
): Promise<boolean> {
  const result = await withPush(db)
    .updateTable('mailbox_push')
    .set({ expires_at: expiresAt, updated_at: new Date() })
    .where('mailbox_id', '=', mailboxId)
    .where('kind', '=', kind)
    .where('expires_at', '=', new Date(previousExpiresAt))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getPush(
  db: Kysely<Database>,
  mailboxId: string,
  kind: PushKind = 'mail',
): Promise<MailboxPush | undefined> {
  const row = await withPush(db)
    .selectFrom('mailbox_push')
    .selectAll()
    .where('mailbox_id', '=', mailboxId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? toPush(row) : undefined;
}

/** The subscriptions a notification names (Graph: its subscription id; Gmail: the mailbox address; Google
 * Calendar: the channel id). */
export async function findPushBySubscription(
  db: Kysely<Database>,
  provider: PushProvider,
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

/** Forgets the mailbox's push of one kind, or all of them. */
export async function deletePush(db: Kysely<Database>, mailboxId: string, kind?: PushKind): Promise<void> {
  let query = withPush(db).deleteFrom('mailbox_push').where('mailbox_id', '=', mailboxId);
  if (kind) query = query.where('kind', '=', kind);
  await query.execute();
}

/**
 * One mailbox's push of one provider and kind, as the watchers use it (a row of another provider is none). `remove`
 * forgets only the row it was given: a replacement stored meanwhile stays.
 */
export function mailboxPush(
  db: Kysely<Database>,
  mailboxId: string,
  provider: PushProvider,
  kind: PushKind = 'mail',
) {
  return {
    load: async (): Promise<MailboxPush | undefined> => {
      const push = await getPush(db, mailboxId, kind);
      return push?.provider === provider ? push : undefined;
    },
    save: (push: { subscriptionId: string; secret?: string; resourceId?: string; expiresAt: Date }) =>
      savePush(db, { mailboxId, kind, provider, ...push }),
    renew: (previousExpiresAt: string, expiresAt: Date) =>
      renewPush(db, mailboxId, previousExpiresAt, expiresAt, kind),
    remove: async (subscriptionId: string): Promise<void> => {
      await withPush(db)
        .deleteFrom('mailbox_push')
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where('subscription_id', '=', subscriptionId)
        .execute();
    },
  };
}

function toPush(row: Selectable<MailboxPushTable>): MailboxPush {
  return {
    mailboxId: row.mailbox_id,
    kind: row.kind,
    provider: row.provider,
    subscriptionId: row.subscription_id,
    secretHash: row.secret_hash,
    resourceId: row.resource_id,
    expiresAt: toIso(row.expires_at),
  };
}
