// The Liaison user a verified token names. An embedded token names the user's id: a removed user's token names
// nobody, even once their address is given to someone else. A Microsoft token names an account (tenant + object id),
// a Google token one too (its `sub`; the address is verified by Google and in the organisation's Workspace domain
// when one is set, token-verifier.ts): the first time, the token's address finds the user and the account is bound
// to them; afterwards only that account signs in as them, so another account carrying the same address (from
// another allowed tenant, a recreated account, a colleague with the address as an alias) is refused until an admin
// unbinds the old one (Users page).
import type { Kysely } from 'kysely';
import type { VerifiedIdentity } from '../auth';
import type { Database } from '../db/database-types';
import { bindAccount, findUserByAccount, type ProviderAccount } from '../db/user-identities-repo';
import { findUserByIdBatched } from '../db/user-by-id-batches';
import { findUserByAddress, type User } from '../db/users-repo';
import type { VersionedCache } from '../services/versioned-cache';
import { forbidden, HttpError } from './http-error';

/** Every bearer request names its user: kept between requests while the users' tables are unchanged. */
async function userById(
  db: Kysely<Database>,
  id: string,
  users: VersionedCache<User> | undefined,
): Promise<User | undefined> {
  const kept = users?.get(id);
  if (kept) return kept;
  const stamp = users?.stamp();
  const user = await findUserByIdBatched(db, id);
  if (user) users?.set(id, stamp, user);
  return user;
}

const notAUser = (email: string) =>
  forbidden(`${email} is not a Liaison user. Ask your Liaison admin to add you.`);

const PROVIDER_NAMES = { microsoft: 'Microsoft', google: 'Google' } as const;

const mismatch = (email: string, provider: ProviderAccount['provider']) =>
  new HttpError(
    403,
    'identity_mismatch',
    `${email} signs in to Liaison with another ${PROVIDER_NAMES[provider]} account, not the one you are signed in ` +
      `with. Sign in with your own work account; if your account was recreated, ask your Liaison admin to unbind ` +
      `the old one (Users, your name, Unbind ${PROVIDER_NAMES[provider]} account).`,
  );

export async function userOfIdentity(
  db: Kysely<Database>,
  identity: VerifiedIdentity,
  /** `serve`: users kept while the users' tables are unchanged (versioned-cache.ts). */
  users?: VersionedCache<User>,
): Promise<User> {
  if (identity.provider === 'embedded') {
    const user = await userById(db, identity.subject, users);
    if (!user)
      throw forbidden(
        'This sign-in token belongs to someone who is no longer a Liaison user. Ask your Liaison admin to add you.',
      );
    return user;
  }
  const account: ProviderAccount =
    identity.provider === 'google'
      ? { provider: 'google', tenant: '', subject: identity.subject }
      : { provider: 'microsoft', tenant: identity.tenantId, subject: identity.subject };
  const bound = await findUserByAccount(db, account);
  if (bound) return bound;
  const user = await findUserByAddress(db, identity.email);
  if (!user) throw notAUser(identity.email);
  if (!(await bindAccount(db, user.id, account))) throw mismatch(identity.email, account.provider);
  return user;
}
