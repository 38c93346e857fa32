// Connecting an org: the OAuth 2.0 web server flow (authorize URL → code → tokens, scopes `api refresh_token`),
// the refresh token sealed at rest with the organisation id as associated data, and revocation on disconnect.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { jsforce } from '../../runtime/heavy-modules';
import type { SecretBox } from '../../secrets';
import type { SalesforceSession } from './salesforce-client';

export const SALESFORCE_SCOPES = 'api refresh_token';

/** Production, sandbox, a My Domain (`acme` or `acme.my.salesforce.com`), or an explicit login URL. */
export type SalesforceLogin = 'production' | 'sandbox' | { myDomain: string } | { loginUrl: string };

export interface SalesforceApp {
  /** The connected app's consumer key and secret. */
  clientId: string;
  clientSecret: string;
  /** The callback URL registered on the connected app, e.g. `https://liaison.example.com/admin/salesforce/callback`. */
  redirectUri: string;
}

/** Salesforce's own login hosts: production, sandbox, and My Domains (sandbox, scratch and developer forms too). */
const SALESFORCE_HOST =
  /^(login\.salesforce\.com|test\.salesforce\.com|[a-z0-9-]+(\.[a-z0-9-]+)*\.my\.salesforce\.com)$/;

/**
 * The login server's origin. An explicit login URL must be https on Salesforce's own hosts, unless the admin allowed
 * its origin (SALESFORCE_ALLOWED_LOGIN_URLS, `allowed`): the server sends its client secret and the codes there.
 */
export function salesforceLoginUrl(login: SalesforceLogin, allowed: readonly string[] = []): string {
  if (login === 'production') return 'https://login.salesforce.com';
  if (login === 'sandbox') return 'https://test.salesforce.com';
  if ('loginUrl' in login) {
    let url: URL;
    try {
      url = new URL(login.loginUrl);
    } catch {
      throw new Error(`"${login.loginUrl}" is not a web address`);
    }
    if (allowed.includes(url.origin)) return url.origin;
    if (url.protocol !== 'https:' || !SALESFORCE_HOST.test(url.hostname) || url.port !== '')
      throw new Error(
        `"${url.origin}" is not a Salesforce login address: use login.salesforce.com, test.salesforce.com or your ` +
          'My Domain (like https://acme.my.salesforce.com), or ask whoever runs Liaison to allow it with SALESFORCE_ALLOWED_LOGIN_URLS',
      );
    return url.origin;
  }
  const name = login.myDomain
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/.*$/, '');
  const host = name.includes('.') ? name : `${name}.my.salesforce.com`;
  if (!SALESFORCE_HOST.test(host) || !host.endsWith('.my.salesforce.com')) {
    throw new Error(`"${login.myDomain}" is not a Salesforce My Domain (like acme.my.salesforce.com)`);
  }
  return `https://${host}`;
}

function oauth2(app: SalesforceApp, loginUrl: string) {
  return new (jsforce().OAuth2)({
    loginUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
  });
}

/**
 * Where the admin's browser goes to consent (`loginUrl` from `salesforceLoginUrl`); `state` must be checked on the
 * way back (CSRF), and the code is redeemed with the verifier of `codeChallenge` (PKCE; Salesforce's is always S256).
 */
export function salesforceAuthorizeUrl(
  app: SalesforceApp,
  loginUrl: string,
  state: string,
  codeChallenge: string,
): string {
  return oauth2(app, loginUrl).getAuthorizationUrl({
    scope: SALESFORCE_SCOPES,
    state,
    prompt: 'login consent',
    code_challenge: codeChallenge,
  });
}

export interface SalesforceGrant {
  loginUrl: string;
  instanceUrl: string;
  accessToken: string;
  refreshToken: string;
  /** The org (00D…) and the user (005…) who consented: the integration user. */
  salesforceOrgId: string;
  salesforceUserId: string;
}

/** Salesforce signs token answers: Base64(HMAC-SHA256(client secret, id + issued_at)). */
export function validTokenSignature(
  clientSecret: string,
  res: { id: string; issued_at?: string; signature?: string },
): boolean {
  const expected = createHmac('sha256', clientSecret)
    .update(`${res.id}${res.issued_at ?? ''}`)
    .digest();
  const given = Buffer.from(String(res.signature ?? ''), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Trades the callback's `code` for tokens, checking the answer's signature with the client secret. */
export async function exchangeSalesforceCode(
  app: SalesforceApp,
  loginUrl: string,
  code: string,
  codeVerifier: string,
): Promise<SalesforceGrant> {
  const res = await oauth2(app, loginUrl).requestToken(code, { code_verifier: codeVerifier });
  if (!validTokenSignature(app.clientSecret, res))
    throw new Error('Salesforce token answer has a wrong signature');
  if (!res.refresh_token) {
    throw new Error(
      'Salesforce gave no refresh token: add the "refresh_token, offline_access" scope to the connected app',
    );
  }
  const [, orgId = '', userId = ''] = /\/id\/([^/]+)\/([^/]+)$/.exec(res.id) ?? [];
  return {
    loginUrl,
    instanceUrl: res.instance_url,
    accessToken: res.access_token,
    refreshToken: res.refresh_token,
    salesforceOrgId: orgId,
    salesforceUserId: userId,
  };
}

/** What the server stores about the connection: no token in clear. */
export interface StoredSalesforceConnection {
  loginUrl: string;
  instanceUrl: string;
  sealedRefreshToken: string;
  /** The latest access token, sealed, so other processes reuse it instead of refreshing again. */
  sealedAccessToken?: string;
  salesforceOrgId: string;
  salesforceUserId: string;
  /** ISO 8601 */
  connectedAt: string;
}

/** Associated data of the sealed access token: not interchangeable with the sealed refresh token. */
export const accessTokenAad = (organisationId: string) => `${organisationId}:access-token`;

export function sealSalesforceGrant(
  box: SecretBox,
  organisationId: string,
  grant: SalesforceGrant,
  connectedAt: string,
): StoredSalesforceConnection {
  return {
    loginUrl: grant.loginUrl,
    instanceUrl: grant.instanceUrl,
    sealedRefreshToken: box.seal(grant.refreshToken, organisationId),
    sealedAccessToken: box.seal(grant.accessToken, accessTokenAad(organisationId)),
    salesforceOrgId: grant.salesforceOrgId,
    salesforceUserId: grant.salesforceUserId,
    connectedAt,
  };
}

/** The session the adapter runs on: the stored access token if any, else the first call refreshes one. */
export function openSalesforceSession(
  box: SecretBox,
  organisationId: string,
  stored: StoredSalesforceConnection,
  app: SalesforceApp,
): SalesforceSession {
  return {
    loginUrl: stored.loginUrl,
    instanceUrl: stored.instanceUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
    refreshToken: box.open(stored.sealedRefreshToken, organisationId),
    ...(stored.sealedAccessToken
      ? { accessToken: box.open(stored.sealedAccessToken, accessTokenAad(organisationId)) }
      : {}),
  };
}

/** Disconnect: the refresh token (and its access tokens) stop working at Salesforce. */
export async function revokeSalesforceGrant(
  box: SecretBox,
  organisationId: string,
  stored: StoredSalesforceConnection,
  app: SalesforceApp,
): Promise<void> {
  await oauth2(app, stored.loginUrl).revokeToken(box.open(stored.sealedRefreshToken, organisationId));
}
