/**
 * Gmail sign-in with google-auth-library: the authorisation code flow with offline access (a refresh
 * token), read-only mail and calendar scopes. The engine stores the refresh token (encrypted elsewhere).
 */
import type { OAuth2Client } from 'google-auth-library';
import { googleAuth } from '../../runtime/heavy-modules';
import { gmailError } from './gmail-errors';

/** Read-only calendar: events.list on the primary calendar (google-calendar-source.ts). */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';

/** What the consent asks for: identity, read-only mail, read-only calendar. */
export const GMAIL_SCOPES = [
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/gmail.readonly',
  GOOGLE_CALENDAR_SCOPE,
];

export interface GmailAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Google's endpoints by default; tests give the emulator's. */
  endpoints?: { oauth2TokenUrl?: string; oauth2AuthBaseUrl?: string; oauth2RevokeUrl?: string };
}

export interface GmailGrant {
  refreshToken: string;
  scope?: string;
}

function client(config: GmailAuthConfig): OAuth2Client {
  return new (googleAuth().OAuth2Client)({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
    ...(config.endpoints ? { endpoints: config.endpoints } : {}),
    // Refresh on a 401 even while the access token looks unexpired (it may have been revoked).
    forceRefreshOnFailure: true,
    // Node's own fetch: gaxios otherwise loads node-fetch with import(), which jest's CommonJS cannot run.
    transporterOptions: { fetchImplementation: fetch },
  });
}

/** The consent URL; the S256 `codeChallenge` (PKCE) binds the code to the verifier given to `redeemGmailCode`. */
export function gmailSignInUrl(
  config: GmailAuthConfig,
  state: string,
  codeChallenge: string,
  loginHint?: string,
): string {
  return client(config).generateAuthUrl({
    code_challenge: codeChallenge,
    code_challenge_method: googleAuth().CodeChallengeMethod.S256,
    access_type: 'offline',
    prompt: 'consent', // a refresh token on every connection, also when reconnecting
    scope: GMAIL_SCOPES,
    include_granted_scopes: true,
    state,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
}

export async function redeemGmailCode(
  config: GmailAuthConfig,
  code: string,
  codeVerifier: string,
): Promise<GmailGrant> {
  try {
    const { tokens } = await client(config).getToken({ code, codeVerifier });
    if (!tokens.refresh_token)
      throw new Error('Google returned no refresh token (offline access not granted)');
    return tokens.scope
      ? { refreshToken: tokens.refresh_token, scope: tokens.scope }
      : { refreshToken: tokens.refresh_token };
  } catch (e) {
    throw gmailError(e);
  }
}

/** An OAuth2Client for one mailbox; it refreshes access tokens itself from the stored refresh token. */
export function gmailAuthClient(config: GmailAuthConfig, grant: GmailGrant): OAuth2Client {
  const auth = client(config);
  auth.setCredentials({ refresh_token: grant.refreshToken });
  return auth;
}
