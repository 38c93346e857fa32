/**
 * The OAuth 2.0 endpoints of a Salesforce login server: web-server flow (authorize → code → token),
 * refresh-token grant, revocation; access tokens that can be expired on demand.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { challengeOf, PkceLog, type Challenge } from '../pkce';

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  orgId: string;
}

interface AccessEntry {
  userId: string;
  refreshToken?: string;
  valid: boolean;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, string>;
}

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

export class OAuth {
  private access = new Map<string, AccessEntry>();
  private refresh = new Map<string, { userId: string; revoked: boolean }>();
  private codes = new Map<string, { userId: string; redirectUri: string; pkce: Challenge | undefined }>();
  readonly pkce = new PkceLog();

  constructor(
    readonly config: OAuthConfig,
    private readonly defaultUserId: () => string,
  ) {}

  /** Test helper: a ready session, as if the admin had connected the org. */
  issue(userId = this.defaultUserId()): { accessToken: string; refreshToken: string } {
    const refreshToken = `5Aep861${randomBytes(24).toString('base64url')}`;
    this.refresh.set(refreshToken, { userId, revoked: false });
    return { accessToken: this.newAccessToken(userId, refreshToken), refreshToken };
  }

  /** The user behind a bearer token, or undefined when it is unknown, expired or revoked. */
  userFor(accessToken: string): string | undefined {
    const e = this.access.get(accessToken);
    return e?.valid ? e.userId : undefined;
  }

  /** Every access token issued so far stops working (a session timeout). */
  expireAccessTokens(): void {
    for (const e of this.access.values()) e.valid = false;
  }

  /** The user withdrew consent: the refresh token and its access tokens stop working. */
  revokeRefreshToken(token: string): void {
    const r = this.refresh.get(token);
    if (r) r.revoked = true;
    for (const e of this.access.values()) if (e.refreshToken === token) e.valid = false;
  }

  revokeAll(): void {
    for (const t of this.refresh.keys()) this.revokeRefreshToken(t);
  }

  /** GET /services/oauth2/authorize: consent is granted at once; redirects with a code. */
  authorize(params: URLSearchParams): { location: string } | TokenAnswer {
    if (params.get('response_type') !== 'code') {
      return oauthError(400, 'unsupported_response_type', 'response type not supported');
    }
    if (params.get('client_id') !== this.config.clientId) {
      return oauthError(400, 'invalid_client_id', 'client identifier invalid');
    }
    const redirectUri = params.get('redirect_uri') ?? '';
    const code = `aPrx${randomBytes(18).toString('base64url')}`;
    // Salesforce takes no code_challenge_method: the challenge is always SHA-256.
    this.codes.set(code, { userId: this.defaultUserId(), redirectUri, pkce: challengeOf(params, 'S256') });
    const url = new URL(redirectUri);
    url.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) url.searchParams.set('state', state);
    return { location: url.toString() };
  }

  /** POST /services/oauth2/token. */
  token(params: URLSearchParams, loginUrl: string): TokenAnswer {
    if (params.get('client_id') !== this.config.clientId) {
      return oauthError(400, 'invalid_client_id', 'client identifier invalid');
    }
    const secret = params.get('client_secret');
    if (secret !== null && secret !== this.config.clientSecret) {
      return oauthError(400, 'invalid_client', 'invalid client credentials');
    }
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(params.get('code') ?? '');
      if (!code) return oauthError(400, 'invalid_grant', 'invalid authorization code');
      this.codes.delete(params.get('code') ?? '');
      if (code.redirectUri !== (params.get('redirect_uri') ?? '')) {
        return oauthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
      }
      if (this.pkce.check(code.pkce, params.get('code_verifier')) !== undefined)
        return oauthError(400, 'invalid_grant', 'invalid code verifier');
      const { accessToken, refreshToken } = this.issue(code.userId);
      return {
        status: 200,
        body: { ...this.answer(accessToken, code.userId, loginUrl), refresh_token: refreshToken },
      };
    }
    if (grant === 'refresh_token') {
      const token = params.get('refresh_token') ?? '';
      const r = this.refresh.get(token);
      if (!r || r.revoked) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      // No refresh_token in the answer: rotation is off, as in a default connected app.
      return { status: 200, body: this.answer(this.newAccessToken(r.userId, token), r.userId, loginUrl) };
    }
    return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
  }

  /** POST /services/oauth2/revoke: either kind of token. */
  revoke(token: string): TokenAnswer {
    if (this.refresh.has(token)) {
      this.revokeRefreshToken(token);
      return { status: 200, body: {} };
    }
    const a = this.access.get(token);
    if (a) {
      a.valid = false;
      return { status: 200, body: {} };
    }
    return oauthError(400, 'unsupported_token_type', 'this token type is not supported');
  }

  identityUrl(loginUrl: string, userId: string): string {
    return `${loginUrl}/id/${this.config.orgId}/${userId}`;
  }

  private newAccessToken(userId: string, refreshToken?: string): string {
    const token = `${this.config.orgId}!${randomBytes(40).toString('base64url')}`;
    this.access.set(token, { userId, refreshToken, valid: true });
    return token;
  }

  /** The documented response: signature = Base64(HMAC-SHA256(client secret, id + issued_at)). */
  private answer(accessToken: string, userId: string, loginUrl: string): Record<string, string> {
    const id = this.identityUrl(loginUrl, userId);
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', this.config.clientSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      access_token: accessToken,
      signature,
      scope: 'api refresh_token',
      instance_url: loginUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }
}
