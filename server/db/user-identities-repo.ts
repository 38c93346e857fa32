// Which provider account each Liaison user signs in with (migration 0013). A Microsoft account (tenant + object id)
// or a Google account (its `sub`) is bound to the user it first signed in as; from then on the account, not the
// address its tokens carry, names the user. Removing the user removes the binding (foreign key, on delete cascade);
// an admin unbinds it when the person's account was recreated, and the next sign-in binds again.
import type { Kysely } from 'kysely';
import { cachedPlanRows } from './cached-plan';
import type { Database } from './database-types';
import { userFromRow, userQuery, type User } from './users-repo';

export interface ProviderAccount {
  provider: 'microsoft' | 'google';
  /** Microsoft: the lower-cased tenant id (`tid`). Google: empty (a `sub` is unique across Google). */
  tenant: string;
  /** Microsoft: the lower-cased object id (`oid`). Google: the `sub`. */
  subject: string;
}

/** A binding as the admin pages show it. */
export interface BoundAccount extends ProviderAccount {
  boundAt: string;
}

/** The user this account is bound to, if any: one round trip, planned once per session on PGlite. */
export async function findUserByAccount(
  db: Kysely<Database>,
  account: ProviderAccount,
): Promise<User | undefined> {
  const query = userQuery(db)
    .where('users.id', '=', (eb) =>
      eb
        .selectFrom('user_identities')
        .select('user_id')
        .where('provider', '=', account.provider)
        .where('tenant', '=', account.tenant)
        .where('subject', '=', account.subject),
    )
    .compile();
  const [row] = await cachedPlanRows(db, query);
  return row ? userFromRow(row) : undefined;
}

/** The account the user is bound to at this provider, if any. */
export async function boundAccountOf(
  db: Kysely<Database>,
  userId: string,
  provider: ProviderAccount['provider'],
): Promise<ProviderAccount | undefined> {
  const row = await db
    .selectFrom('user_identities')
    .select(['tenant', 'subject'])
    .where('user_id', '=', userId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return row && { provider, tenant: row.tenant, subject: row.subject };
}

/**
 * Binds the account to the user unless either is bound already; says whether the user is now bound to exactly this
 * account. Two first sign-ins racing (two accounts for one user, or one account for two users) bind only one.
 */
export async function bindAccount(
  db: Kysely<Database>,
  userId: string,
  account: ProviderAccount,
): Promise<boolean> {
  await db
    .insertInto('user_identities')
    .values({ provider: account.provider, tenant: account.tenant, subject: account.subject, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const bound = await boundAccountOf(db, userId, account.provider);
  return bound?.tenant === account.tenant && bound.subject === account.subject;
}

/** Every user's bound accounts, by user id (the admin's Users page). */
export async function boundAccountsByUser(db: Kysely<Database>): Promise<Map<string, BoundAccount[]>> {
  const rows = await db
    .selectFrom('user_identities')
    .select(['user_id', 'provider', 'tenant', 'subject', 'created_at'])
    .orderBy('provider')
    .execute();
  const byUser = new Map<string, BoundAccount[]>();
  for (const row of rows) {
    const list = byUser.get(row.user_id) ?? [];
    list.push({
      provider: row.provider as ProviderAccount['provider'],
      tenant: row.tenant,
      subject: row.subject,
      boundAt: new Date(row.created_at).toISOString(),
    });
    byUser.set(row.user_id, list);
  }
  return byUser;
}

/** Removes the user's binding at this provider; says whether there was one. */
export async function unbindAccount(
  db: Kysely<Database>,
  userId: string,
  provider: ProviderAccount['provider'],
): Promise<boolean> {
  const result = await db
    .deleteFrom('user_identities')
    .where('user_id', '=', userId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
