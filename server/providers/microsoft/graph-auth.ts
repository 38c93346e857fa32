/**
 * Microsoft 365 sign-in for mailbox sync with msal-node: the authorisation code flow with refresh.
 * The engine stores the serialised msal token cache (encrypted elsewhere) and gets it back through
 * `onCacheChange` whenever msal rotates the refresh token; a bare refresh token is accepted too.
 */
import type {
  AccountInfo,
  ConfidentialClientApplication,
  Configuration,
  ICachePlugin,
  TokenCacheContext,
} from '@azure/msal-node';
import { msalNode } from '../../runtime/heavy-modules';
import { authError } from './graph-errors';

/** What the sign-in asks for: identity, refresh (offline_access), read-only mail and read-only calendar. */
export const GRAPH_SIGN_IN_SCOPES = [
  'openid',
  'profile',
  'email',
  'User.Read',
  'offline_access',
  'Mail.Read',
  'Calendars.Read',
];
/**
 * The resource scopes a mail token is requested for (msal adds openid/profile/offline_access itself). Mail never asks
 * for Calendars.Read: mailboxes connected before it was in the consent would otherwise stop syncing mail.
 */
const RESOURCE_SCOPES = ['User.Read', 'Mail.Read'];
/** What the calendar source's tokens are requested for. */
export const GRAPH_CALENDAR_SCOPES = ['Calendars.Read'];

export interface GraphAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Tenant id or `organizations` (work and school accounts; the default). */
  tenant?: string;
  /** Defaults to https://login.microsoftonline.com/{tenant}; tests give the emulator's. */
  authority?: string;
  knownAuthorities?: string[];
  /** OpenID metadata and cloud discovery as JSON, so msal makes no discovery call (tests, sovereign clouds). */
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
}

/** What the engine keeps for a connected Microsoft 365 mailbox (encrypt before storing). */
export interface GraphGrant {
  /** msal's serialised token cache (holds the refresh token). */
  tokenCache?: string;
  homeAccountId?: string;
  /** Alternative to the cache: a refresh token obtained elsewhere. */
  refreshToken?: string;
  username?: string;
}

export interface GraphTokenProvider {
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

function msalConfig(config: GraphAuthConfig, cachePlugin?: ICachePlugin): Configuration {
  const tenant = config.tenant ?? 'organizations';
  const auth: Configuration['auth'] = {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authority: config.authority ?? `https://login.microsoftonline.com/${tenant}`,
  };
  if (config.knownAuthorities) auth.knownAuthorities = config.knownAuthorities;
  if (config.authorityMetadata) auth.authorityMetadata = config.authorityMetadata;
  if (config.cloudDiscoveryMetadata) auth.cloudDiscoveryMetadata = config.cloudDiscoveryMetadata;
  return cachePlugin ? { auth, cache: { cachePlugin } } : { auth };
}

/**
 * The sign-in URL to send the user to; `state` comes back with the code (CSRF protection), and the S256
 * `codeChallenge` (PKCE) binds the code to the verifier given to `redeemGraphCode`.
 */
export async function graphSignInUrl(
  config: GraphAuthConfig,
  state: string,
  codeChallenge: string,
  loginHint?: string,
): Promise<string> {
  const app = new (msalNode().ConfidentialClientApplication)(msalConfig(config));
  const request: Parameters<ConfidentialClientApplication['getAuthCodeUrl']>[0] = {
    scopes: GRAPH_SIGN_IN_SCOPES,
    redirectUri: config.redirectUri,
    state,
    prompt: 'select_account',
    codeChallenge,
    codeChallengeMethod: 'S256',
  };
  if (loginHint) request.loginHint = loginHint;
  return app.getAuthCodeUrl(request);
}

/** Redeems the code from the redirect: the grant to store and who signed in. */
export async function redeemGraphCode(
  config: GraphAuthConfig,
  code: string,
  codeVerifier: string,
): Promise<GraphGrant> {
  let cache = '';
  const plugin: ICachePlugin = {
    beforeCacheAccess: async () => undefined,
    afterCacheAccess: async (ctx: TokenCacheContext) => {
      if (ctx.cacheHasChanged) cache = ctx.tokenCache.serialize();
    },
  };
  const app = new (msalNode().ConfidentialClientApplication)(msalConfig(config, plugin));
  try {
    const result = await app.acquireTokenByCode({
      code,
      scopes: RESOURCE_SCOPES,
      redirectUri: config.redirectUri,
      codeVerifier,
    });
    const grant: GraphGrant = { tokenCache: cache };
    if (result.account) {
      grant.homeAccountId = result.account.homeAccountId;
      grant.username = result.account.username;
    }
    return grant;
  } catch (e) {
    throw authError(e);
  }
}

/**
 * Access tokens for one mailbox from its stored grant; msal refreshes them (and rotates the refresh
 * token, reported through `onCacheChange` so the engine can store it again).
 */
export function graphTokenProvider(
  config: GraphAuthConfig,
  grant: GraphGrant,
  onCacheChange?: (tokenCache: string) => void | Promise<void>,
  scopes: string[] = RESOURCE_SCOPES,
): GraphTokenProvider {
  let cache = grant.tokenCache ?? '';
  let homeAccountId = grant.homeAccountId;
  const plugin: ICachePlugin = {
    beforeCacheAccess: async (ctx) => {
      if (cache) ctx.tokenCache.deserialize(cache);
    },
    afterCacheAccess: async (ctx) => {
      if (!ctx.cacheHasChanged) return;
      cache = ctx.tokenCache.serialize();
      await onCacheChange?.(cache);
    },
  };
  const app = new (msalNode().ConfidentialClientApplication)(msalConfig(config, plugin));

  const account = async (): Promise<AccountInfo | null> =>
    homeAccountId ? app.getTokenCache().getAccountByHomeId(homeAccountId) : null;

  return {
    async getAccessToken(options = {}) {
      try {
        const known = await account();
        if (known) {
          const result = await app.acquireTokenSilent({
            account: known,
            scopes,
            forceRefresh: options.forceRefresh ?? false,
          });
          return result.accessToken;
        }
        if (!grant.refreshToken)
          throw Object.assign(new Error('no account in the token cache and no refresh token'), {
            errorCode: 'no_tokens_found',
          });
        const result = await app.acquireTokenByRefreshToken({
          refreshToken: grant.refreshToken,
          scopes,
          forceCache: true,
        });
        if (!result)
          throw Object.assign(new Error('the refresh token gave no access token'), {
            errorCode: 'no_tokens_found',
          });
        homeAccountId = result.account?.homeAccountId ?? homeAccountId;
        return result.accessToken;
      } catch (e) {
        throw authError(e);
      }
    },
  };
}
