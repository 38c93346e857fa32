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

export function salesforceLoginUrl(login: SalesforceLogin): string {
  if (login === 'production') return 'https://login.salesforce.com';
  if (login === 'sandbox') return 'https://test.salesforce.com';
  if ('loginUrl' in login) {
    const url = new URL(login.loginUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('login URL must be http(s)');
    return url.origin;
  }
  const name = login.myDomain
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/.*$/, '');
  const host = name.includes('.') ? name : `${name}.my.salesforce.com`;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.(my\.salesforce\.com|my\.salesforce-setup\.com|force\.com)$/.test(host)) {
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

/** Where the admin's browser goes to consent; `state` must be checked on the way back (CSRF). */
export function salesforceAuthorizeUrl(app: SalesforceApp, login: SalesforceLogin, state: string): string {
  return oauth2(app, salesforceLoginUrl(login)).getAuthorizationUrl({
    scope: SALESFORCE_SCOPES,
    state,
    prompt: 'login consent',
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
  login: SalesforceLogin,
  code: string,
): Promise<SalesforceGrant> {
  const loginUrl = salesforceLoginUrl(login);
  const res = await oauth2(app, loginUrl).requestToken(code);
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
  salesforceOrgId: string;
  salesforceUserId: string;
  /** ISO 8601 */
  connectedAt: string;
}

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
    salesforceOrgId: grant.salesforceOrgId,
    salesforceUserId: grant.salesforceUserId,
    connectedAt,
  };
}

/** The session the adapter runs on; the first call fetches an access token with the refresh token. */
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
