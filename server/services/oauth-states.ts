// The `state` and PKCE of every authorisation code flow Liaison starts (Microsoft 365 and Gmail mailboxes, the
// Salesforce connection). The state is 32 random bytes; only its hash is kept (migration 0013), with who started
// the attempt, for what, its expiry and the PKCE code verifier, sealed. The provider's redirect back redeems it
// once: a replayed redirect, another user's, an expired or an unknown one is refused. The code challenge (S256)
// goes to the provider with the state, the verifier with the code, so a code intercepted on its way back is
// useless to anyone else.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashToken, randomToken } from '../auth';
import type { Database } from '../db/database-types';
import type { MailboxKind } from '../db/mailboxes-repo';
import type { SecretBox } from '../secrets';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** A mailbox provider's sign-in (its mailbox kind), or the Salesforce connection. */
export type OAuthKind = MailboxKind | 'salesforce';

export interface OAuthStateDeps {
  db: Kysely<Database>;
  secrets: SecretBox;
  now: () => Date;
}

export interface StartedOAuth {
  state: string;
  /** base64url(SHA-256(verifier)): the S256 code challenge to send with the authorisation request. */
  codeChallenge: string;
}

export type RedeemedOAuth =
  | { ok: true; codeVerifier: string; details: Record<string, unknown> }
  | { ok: false; reason: 'unknown' | 'other_user' | 'expired' | 'used' };

const sealAd = (stateHash: string) => `oauth-pkce:${stateHash}`;

/** A fresh attempt: its state and code challenge; `details` come back at the redirect (the Salesforce login). */
export async function startOAuth(
  deps: OAuthStateDeps,
  kind: OAuthKind,
  userId: string,
  details: Record<string, unknown> = {},
): Promise<StartedOAuth> {
  const state = randomToken();
  const stateHash = hashToken(state);
  // RFC 7636: 43 to 128 characters from the unreserved set; 32 random bytes in base64url are 43.
  const codeVerifier = randomBytes(32).toString('base64url');
  const now = deps.now();
  await deps.db.deleteFrom('oauth_states').where('expires_at', '<', now).execute();
  await deps.db
    .insertInto('oauth_states')
    .values({
      state_hash: stateHash,
      kind,
      user_id: userId,
      sealed_verifier: deps.secrets.seal(codeVerifier, sealAd(stateHash)),
      details: JSON.stringify(details),
      created_at: now,
      expires_at: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
    })
    .execute();
  return { state, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/** The redirect back: the attempt's code verifier and details, once; a refusal says why. */
export async function redeemOAuth(
  deps: OAuthStateDeps,
  kind: OAuthKind,
  userId: string,
  state: string | undefined,
): Promise<RedeemedOAuth> {
  if (!state || !/^[A-Za-z0-9_-]{43}$/.test(state)) return { ok: false, reason: 'unknown' };
  const stateHash = hashToken(state);
  const row = await deps.db
    .selectFrom('oauth_states')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  if (!row || row.kind !== kind) return { ok: false, reason: 'unknown' };
  // Someone else's redirect does not use up the attempt: its owner may still finish it.
  if (row.user_id !== userId) return { ok: false, reason: 'other_user' };
  const now = deps.now();
  if (new Date(row.expires_at).getTime() < now.getTime()) return { ok: false, reason: 'expired' };
  const marked = await deps.db
    .updateTable('oauth_states')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
  return {
    ok: true,
    codeVerifier: deps.secrets.open(row.sealed_verifier, sealAd(stateHash)),
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
