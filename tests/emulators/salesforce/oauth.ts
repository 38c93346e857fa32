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
  /** Refresh token rotation on the connected app (default off, Salesforce's default). */
  rotateRefreshTokens?: boolean;
  /** How long a refresh-token request is "being processed" (default 20 ms): the window for a collision. */
  refreshProcessingMs?: number;
}

/** What the refresh-token grant answered, for tests: granted, refused as a collision, refused otherwise. */
export interface RefreshCounts {
  granted: number;
  collisions: number;
  refused: number;
}

interface RefreshEntry {
  userId: string;
  revoked: boolean;
  /** Used once under rotation: a replacement was issued. */
  rotatedOut: boolean;
  /** One consent: the first refresh token and every one rotated from it. */
  family: string;
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
  private refresh = new Map<string, RefreshEntry>();
  /** Refresh tokens whose token request is under way. */
  private processing = new Set<string>();
  readonly refreshes: RefreshCounts = { granted: 0, collisions: 0, refused: 0 };
  /** Settable by a test after start. */
  rotateRefreshTokens: boolean;
  refreshProcessingMs: number;
  private codes = new Map<string, { userId: string; redirectUri: string; pkce: Challenge | undefined }>();
  readonly pkce = new PkceLog();

  constructor(
    readonly config: OAuthConfig,
    private readonly defaultUserId: () => string,
  ) {
    this.rotateRefreshTokens = config.rotateRefreshTokens ?? false;
    this.refreshProcessingMs = config.refreshProcessingMs ?? 20;
  }

  /** Test helper: a ready session, as if the admin had connected the org. */
  issue(userId = this.defaultUserId()): { accessToken: string; refreshToken: string } {
    const refreshToken = this.newRefreshToken(userId, randomBytes(8).toString('hex'));
    return { accessToken: this.newAccessToken(userId, refreshToken), refreshToken };
  }

  /** Whether a refresh token still works (not revoked, not rotated out). */
  refreshTokenValid(token: string): boolean {
    const r = this.refresh.get(token);
    return !!r && !r.revoked && !r.rotatedOut;
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
  async token(params: URLSearchParams, loginUrl: string): Promise<TokenAnswer> {
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
    if (grant === 'refresh_token') return this.refreshGrant(params.get('refresh_token') ?? '', loginUrl);
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

  /**
   * The refresh-token grant, as Salesforce Help's "OAuth 2.0 Refresh Token Flow for Renewed Sessions" and the
   * release notes describe it:
   * - Summer '24 "Simultaneous Token Requests Are Blocked During the Refresh Token Flow": a request with a refresh
   *   token whose earlier request is still being processed is refused; Winter '25 ("Refresh Token Flow API error
   *   response") made that answer `invalid_grant` / "token request is already being processed" (before:
   *   "expired authorization code").
   * - Refresh token rotation (same help page; knowledge article 005316711 "Refresh Token Rotation"): each refresh
   *   answers a new refresh_token and invalidates the one used; presenting an invalidated one revokes the current
   *   refresh token and its access tokens (`invalid_grant` / "expired access/refresh token").
   * Without rotation the answer carries no refresh_token, as with a default connected app.
   */
  private async refreshGrant(token: string, loginUrl: string): Promise<TokenAnswer> {
    const r = this.refresh.get(token);
    if (r && this.processing.has(token)) {
      this.refreshes.collisions++;
      return oauthError(400, 'invalid_grant', 'token request is already being processed');
    }
    if (r?.rotatedOut && !r.revoked) this.revokeFamily(r.family);
    if (!r || r.revoked || r.rotatedOut) {
      this.refreshes.refused++;
      return oauthError(400, 'invalid_grant', 'expired access/refresh token');
    }
    this.processing.add(token);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.refreshProcessingMs));
    } finally {
      this.processing.delete(token);
    }
    // Revoked while it was being processed.
    if (r.revoked) {
      this.refreshes.refused++;
      return oauthError(400, 'invalid_grant', 'expired access/refresh token');
    }
    this.refreshes.granted++;
    if (!this.rotateRefreshTokens) {
      return { status: 200, body: this.answer(this.newAccessToken(r.userId, token), r.userId, loginUrl) };
    }
    r.rotatedOut = true;
    const next = this.newRefreshToken(r.userId, r.family);
    return {
      status: 200,
      body: { ...this.answer(this.newAccessToken(r.userId, next), r.userId, loginUrl), refresh_token: next },
    };
  }

  /** Reuse of a rotated-out refresh token: every token of that consent stops working. */
  private revokeFamily(family: string): void {
    for (const [t, e] of this.refresh) if (e.family === family) this.revokeRefreshToken(t);
  }

  private newRefreshToken(userId: string, family: string): string {
    const token = `5Aep861${randomBytes(24).toString('base64url')}`;
    this.refresh.set(token, { userId, revoked: false, rotatedOut: false, family });
    return token;
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
