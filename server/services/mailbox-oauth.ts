// Connecting Microsoft 365 (msal-node) and Gmail (google-auth-library) with the OAuth 2.0 authorisation code flow.
// The `state` sent to the provider is sealed (AES-GCM) with the user's id, the kind and an expiry, so a redirect
// back can only complete a connection that same user started, within ten minutes. The refresh token (msal's token
// cache for Microsoft) is stored sealed; the cursor starts at the connection time.
import type { ServerConfig } from '../config';
import { HttpError } from '../app/http-error';
import type { Mailbox } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { GmailMailSource, gmailAuthClient, gmailSignInUrl, redeemGmailCode } from '../mail/gmail';
import { GraphMailSource, graphSignInUrl, graphTokenProvider, redeemGraphCode } from '../mail/graph';
import { MailSourceError } from '../mail/mail-source';
import { gmailProvider, graphProvider } from './mailbox-providers';
import { disconnectUserMailbox } from './mailbox-disconnect';
import { storeVerifiedMailbox, type MailboxStoreDeps } from './mailbox-store';

export type OAuthMailboxKind = 'graph' | 'gmail';

const STATE_AD = 'mailbox-oauth-state';
const STATE_TTL_MS = 10 * 60_000;
const NAMES: Record<OAuthMailboxKind, string> = { graph: 'Microsoft 365', gmail: 'Google' };

export interface MailboxOAuthDeps extends MailboxStoreDeps {
  config: ServerConfig;
  now: () => Date;
}

interface OAuthState {
  u: string;
  k: OAuthMailboxKind;
  exp: number;
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
  const state: OAuthState = { u: user.id, k: kind, exp: deps.now().getTime() + STATE_TTL_MS };
  const sealed = deps.secrets.seal(JSON.stringify(state), STATE_AD);
  const hint = loginHint ?? user.addresses[0];
  if (kind === 'graph') {
    const provider = graphProvider(deps.config);
    if (!provider) throw notConfigured(kind);
    return graphSignInUrl(provider, sealed, hint);
  }
  const provider = gmailProvider(deps.config);
  if (!provider) throw notConfigured(kind);
  return gmailSignInUrl(provider, sealed, hint);
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
  let state: OAuthState;
  try {
    state = JSON.parse(deps.secrets.open(query.state ?? '', STATE_AD)) as OAuthState;
  } catch {
    throw new HttpError(
      400,
      'bad_state',
      `This ${name} answer does not belong to a connection started here. Start again from the My mailbox page.`,
    );
  }
  if (state.u !== user.id || state.k !== kind || state.exp < deps.now().getTime() || !query.code) {
    throw new HttpError(
      400,
      'bad_state',
      `This ${name} connection attempt expired or was started by someone else. Start again from the My mailbox page.`,
    );
  }
  try {
    return kind === 'graph'
      ? await finishGraph(deps, user, query.code)
      : await finishGmail(deps, user, query.code);
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

async function finishGraph(deps: MailboxOAuthDeps, user: User, code: string): Promise<Mailbox> {
  const provider = graphProvider(deps.config);
  if (!provider) throw notConfigured('graph');
  const grant = await redeemGraphCode(provider, code);
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

async function finishGmail(deps: MailboxOAuthDeps, user: User, code: string): Promise<Mailbox> {
  const provider = gmailProvider(deps.config);
  if (!provider) throw notConfigured('gmail');
  const grant = await redeemGmailCode(provider, code);
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
