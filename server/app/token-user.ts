// The Liaison user a verified token names. An embedded token names the user's id: a removed user's token names
// nobody, even once their address is given to someone else. A Microsoft token names an account (tenant + object id):
// the first time, the token's address finds the user and the account is bound to them; afterwards only that account
// signs in as them, so another account carrying the same address (from another allowed tenant, or a colleague with
// the address as an alias) is refused. A Google token's address is verified by Google (and in the organisation's
// Workspace domain when one is set, token-verifier.ts).
import type { Kysely } from 'kysely';
import type { VerifiedIdentity } from '../auth';
import type { Database } from '../db/database-types';
import { bindAccount, findUserByAccount, type ProviderAccount } from '../db/user-identities-repo';
import { findUserByIdBatched } from '../db/user-by-id-batches';
import { findUserByAddress, type User } from '../db/users-repo';
import { forbidden, HttpError } from './http-error';

const notAUser = (email: string) =>
  forbidden(`${email} is not a Liaison user. Ask your Liaison admin to add you.`);

const mismatch = (email: string) =>
  new HttpError(
    403,
    'identity_mismatch',
    `${email} signs in to Liaison with another Microsoft account, not the one you are signed in with. ` +
      'Sign in with your own work account, or ask your Liaison admin if your account changed.',
  );

export async function userOfIdentity(db: Kysely<Database>, identity: VerifiedIdentity): Promise<User> {
  if (identity.provider === 'embedded') {
    const user = await findUserByIdBatched(db, identity.subject);
    if (!user)
      throw forbidden(
        'This sign-in token belongs to someone who is no longer a Liaison user. Ask your Liaison admin to add you.',
      );
    return user;
  }
  if (identity.provider === 'google') {
    const user = await findUserByAddress(db, identity.email);
    if (!user) throw notAUser(identity.email);
    return user;
  }
  const account: ProviderAccount = {
    provider: 'microsoft',
    tenant: identity.tenantId,
    subject: identity.subject,
  };
  const bound = await findUserByAccount(db, account);
  if (bound) return bound;
  const user = await findUserByAddress(db, identity.email);
  if (!user) throw notAUser(identity.email);
  if (!(await bindAccount(db, user.id, account))) throw mismatch(identity.email);
  return user;
}
