// Connecting a mailbox whose provider signs people in (Microsoft 365, Google: Provider.oauth) with the OAuth 2.0
// authorisation code flow and PKCE (S256). The `state` sent to the provider is redeemed once (oauth-states.ts), so a redirect back can only
// complete a connection that same user started, within ten minutes, and only once. The refresh token (msal's token
// cache for Microsoft) is stored sealed; the cursor starts at the connection time.
import { HttpError } from '../app/http-error';
import type { Mailbox, MailboxKind } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { MailSourceError } from '../providers/mail-source';
import type { OAuthSignIn, Provider, ProviderDeps } from '../providers/provider';
import { providerOf } from '../providers/registry';
import { disconnectUserMailbox } from './mailbox-disconnect';
import { storeVerifiedMailbox } from './mailbox-store';
import { redeemOAuth, startOAuth, type RedeemedOAuth } from './oauth-states';

/** Why a redirect back was refused, in words; `where` is the page to start again from. */
export function stateRefusal(
  reason: Extract<RedeemedOAuth, { ok: false }>['reason'],
  name: string,
  where: string,
): string {
  switch (reason) {
    case 'used':
      return `This ${name} answer was used already: each connection attempt completes once. Start again from ${where}.`;
    case 'expired':
      return `This ${name} connection attempt expired (after 10 minutes). Start again from ${where}.`;
    case 'other_user':
      return `This ${name} connection attempt was started by someone else. Start again from ${where}.`;
    default:
      return `This ${name} answer does not belong to a connection started here. Start again from ${where}.`;
  }
}

/** A mailbox kind whose provider signs people in with OAuth (its routes: mailbox-routes.ts). */
export type OAuthMailboxKind = MailboxKind;

export type MailboxOAuthDeps = ProviderDeps;

/** A rep reads this on My mailbox: what to do, in their words (the settings it needs are the README's, for admins). */
function notConfigured(kind: OAuthMailboxKind, name: string): HttpError {
  return new HttpError(
    409,
    `${kind}_not_configured`,
    `${name} sign-in is not set up on this server yet: ask your Liaison admin, or connect with IMAP.`,
  );
}

/** The provider of `kind` and its sign-in. */
function signInOf(kind: OAuthMailboxKind): { provider: Provider<object>; oauth: OAuthSignIn } {
  const provider = providerOf(kind);
  if (!provider.oauth) throw new Error(`${provider.label} has no OAuth sign-in`);
  return { provider, oauth: provider.oauth };
}

/** The provider's sign-in URL for this user (the dashboard opens it). */
export async function startMailboxOAuth(
  deps: MailboxOAuthDeps,
  user: User,
  kind: OAuthMailboxKind,
  loginHint?: string,
): Promise<string> {
  const hint = loginHint ?? user.addresses[0];
  const { provider, oauth } = signInOf(kind);
  if (!oauth.configured(deps.config)) throw notConfigured(kind, provider.label);
  const { state, codeChallenge } = await startOAuth(deps, kind, user.id);
  return oauth.signInUrl(deps.config, state, codeChallenge, hint);
}

export interface OAuthCallback {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/** Completes the connection from the provider's redirect back; throws an HttpError that says what went wrong. */
export async function finishMailboxOAuth(
  deps: MailboxOAuthDeps,
  user: User,
  kind: OAuthMailboxKind,
  query: OAuthCallback,
): Promise<Mailbox> {
  const { provider, oauth } = signInOf(kind);
  const name = provider.label;
  if (query.error) {
    throw new HttpError(
      400,
      'provider_refused',
      `${name} did not connect your mailbox: ${query.error_description ?? query.error}.`,
    );
  }
  const redeemed = await redeemOAuth(deps, kind, user.id, query.state);
  if (!redeemed.ok)
    throw new HttpError(400, 'bad_state', stateRefusal(redeemed.reason, name, 'the My mailbox page'));
  if (!query.code)
    throw new HttpError(
      400,
      'bad_state',
      `${name} sent no sign-in code back. Start again from the My mailbox page.`,
    );
  try {
    if (!oauth.configured(deps.config)) throw notConfigured(kind, name);
    const verified = await oauth.redeem(deps.config, query.code, redeemed.codeVerifier, () => deps.now());
    return await storeVerifiedMailbox(withRelease(deps), user, verified);
  } catch (error) {
    if (error instanceof MailSourceError) {
      throw new HttpError(
        error.kind === 'auth' || error.kind === 'consent_revoked' ? 400 : 502,
        'provider_error',
        `${name} did not complete the connection (${error.message}). Try again.`,
      );
    }
    throw error;
  }
}

/** Replacing another account disconnects it fully (revoke, unsubscribe), as the Disconnect button does. */
export function withRelease<T extends MailboxOAuthDeps>(deps: T): T {
  return { ...deps, release: (userId: string) => disconnectUserMailbox(deps, userId) };
}
