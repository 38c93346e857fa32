// Connecting Microsoft 365 (msal-node) and Gmail (google-auth-library) with the OAuth 2.0 authorisation code flow
// and PKCE (S256). The `state` sent to the provider is redeemed once (oauth-states.ts), so a redirect back can only
// complete a connection that same user started, within ten minutes, and only once. The refresh token (msal's token
// cache for Microsoft) is stored sealed; the cursor starts at the connection time.
import type { ServerConfig } from '../config';
import { HttpError } from '../app/http-error';
import type { Mailbox } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { GmailMailSource, gmailAuthClient, gmailSignInUrl, redeemGmailCode } from '../providers/google';
import { GraphMailSource, graphSignInUrl, graphTokenProvider, redeemGraphCode } from '../providers/microsoft';
import { MailSourceError } from '../providers/mail-source';
import { gmailProvider, graphProvider } from './mailbox-providers';
import { disconnectUserMailbox } from './mailbox-disconnect';
import { storeVerifiedMailbox, type MailboxStoreDeps } from './mailbox-store';
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

export type OAuthMailboxKind = 'graph' | 'gmail';

const NAMES: Record<OAuthMailboxKind, string> = { graph: 'Microsoft 365', gmail: 'Google' };

export interface MailboxOAuthDeps extends MailboxStoreDeps {
  config: ServerConfig;
  now: () => Date;
}

/** A rep reads this on My mailbox: what to do, in their words (the settings it needs are the README's, for admins). */
function notConfigured(kind: OAuthMailboxKind): HttpError {
  return new HttpError(
    409,
    `${kind}_not_configured`,
    `${NAMES[kind]} sign-in is not set up on this server yet: ask your Liaison admin, or connect with IMAP.`,
  );
}

/** The provider's sign-in URL for this user (the dashboard opens it). */
export async function startMailboxOAuth(
  deps: MailboxOAuthDeps,
  user: User,
  kind: OAuthMailboxKind,
  loginHint?: string,
): Promise<string> {
  const hint = loginHint ?? user.addresses[0];
  if (kind === 'graph') {
    const provider = graphProvider(deps.config);
    if (!provider) throw notConfigured(kind);
    const { state, codeChallenge } = await startOAuth(deps, kind, user.id);
    return graphSignInUrl(provider, state, codeChallenge, hint);
  }
  const provider = gmailProvider(deps.config);
  if (!provider) throw notConfigured(kind);
  const { state, codeChallenge } = await startOAuth(deps, kind, user.id);
  return gmailSignInUrl(provider, state, codeChallenge, hint);
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
  const name = NAMES[kind];
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
    return kind === 'graph'
      ? await finishGraph(deps, user, query.code, redeemed.codeVerifier)
      : await finishGmail(deps, user, query.code, redeemed.codeVerifier);
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

async function finishGraph(
  deps: MailboxOAuthDeps,
  user: User,
  code: string,
  codeVerifier: string,
): Promise<Mailbox> {
  const provider = graphProvider(deps.config);
  if (!provider) throw notConfigured('graph');
  const grant = await redeemGraphCode(provider, code, codeVerifier);
  if (!grant.username) throw new MailSourceError('auth', 'Microsoft returned no account for the sign-in');
  const connectedAt = deps.now();
  const source = new GraphMailSource({
    tokens: graphTokenProvider(provider, grant),
    ...(provider.baseUrl ? { baseUrl: provider.baseUrl } : {}),
  });
  const cursor = await source.initialCursor(connectedAt);
  return storeVerifiedMailbox(withRelease(deps), user, {
    kind: 'graph',
    address: grant.username,
    settings: {},
    secret: { ...grant },
    connectedAt,
    cursor,
  });
}

async function finishGmail(
  deps: MailboxOAuthDeps,
  user: User,
  code: string,
  codeVerifier: string,
): Promise<Mailbox> {
  const provider = gmailProvider(deps.config);
  if (!provider) throw notConfigured('gmail');
  const grant = await redeemGmailCode(provider, code, codeVerifier);
  const connectedAt = deps.now();
  const source = new GmailMailSource({
    auth: gmailAuthClient(provider, grant),
    ...(provider.rootUrl ? { rootUrl: provider.rootUrl } : {}),
  });
  const { emailAddress } = await source.profile();
  return storeVerifiedMailbox(withRelease(deps), user, {
    kind: 'gmail',
    address: emailAddress,
    settings: {},
    secret: { ...grant },
    connectedAt,
    cursor: await source.initialCursor(connectedAt),
  });
}

/** Replacing another account disconnects it fully (revoke, unsubscribe), as the Disconnect button does. */
export function withRelease<T extends MailboxOAuthDeps>(deps: T): T {
  return { ...deps, release: (userId: string) => disconnectUserMailbox(deps, userId) };
}
