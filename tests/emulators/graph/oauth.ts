/**
 * The Microsoft identity platform's v2.0 endpoints as far as msal-node's authorisation code flow uses
 * them: `/{tenant}/oauth2/v2.0/authorize` and `/token` (authorization_code and refresh_token grants),
 * with AADSTS errors for revoked consent, expired refresh tokens and bad client secrets.
 */
import { randomBytes } from 'node:crypto';
import { challengeOf, PkceLog, type Challenge } from '../pkce';

export interface OAuthAnswer {
  status: number;
  body: unknown;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

export class GraphOAuth {
  private readonly codes = new Map<string, { redirectUri: string; pkce: Challenge | undefined }>();
  readonly pkce = new PkceLog();
  /** Each access token with the resource scopes it was issued for. */
  private readonly accessTokens = new Map<string, string[]>();
  /** Scopes the user never consented to (a mailbox connected before the app asked for them). */
  private readonly withheld = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private consentRevoked = false;
  private refreshExpired = false;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly tenant: string,
    readonly user: { id: string; mail: string; displayName: string },
    /** The https authority msal is configured with (never contacted: metadata is given to msal). */
    readonly authorityHost: string,
  ) {}

  /** A code as if the user had signed in and consented (for tests that skip the browser). */
  issueCode(redirectUri: string, pkce?: Challenge): string {
    const code = token('0.AX');
    this.codes.set(code, { redirectUri, pkce });
    return code;
  }

  /** GET /authorize: consents at once and redirects back with `code` and `state`. */
  authorize(params: URLSearchParams): { location: string } | OAuthAnswer {
    if (params.get('client_id') !== this.clientId)
      return this.error(400, 'unauthorized_client', 700016, 'Application not found in the directory.');
    const redirectUri = params.get('redirect_uri') ?? '';
    const location = new URL(redirectUri);
    location.searchParams.set('code', this.issueCode(redirectUri, challengeOf(params)));
    const state = params.get('state');
    if (state !== null) location.searchParams.set('state', state);
    return { location: location.toString() };
  }

  token(params: URLSearchParams): OAuthAnswer {
    if (params.get('client_id') !== this.clientId)
      return this.error(400, 'unauthorized_client', 700016, 'Application not found in the directory.');
    if (params.get('client_secret') !== this.clientSecret)
      return this.error(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') {
      const code = params.get('code') ?? '';
      const issued = this.codes.get(code);
      if (issued === undefined)
        return this.error(
          400,
          'invalid_grant',
          70008,
          'The provided authorization code or refresh token has expired due to inactivity.',
        );
      this.codes.delete(code);
      if (issued.redirectUri !== params.get('redirect_uri'))
        return this.error(
          400,
          'invalid_grant',
          50148,
          'The redirect_uri does not match the one used in the authorization request.',
        );
      const pkceProblem = this.pkce.check(issued.pkce, params.get('code_verifier'));
      if (pkceProblem !== undefined)
        return this.error(
          400,
          'invalid_grant',
          501481,
          `The Code_Verifier does not match the code_challenge supplied in the authorization request (${pkceProblem}).`,
        );
      this.consentRevoked = false;
      this.refreshExpired = false;
      return { status: 200, body: this.issue(params.get('scope') ?? '') };
    }
    const unconsented = (params.get('scope') ?? '')
      .split(' ')
      .find((s) => this.withheld.has(s.toLowerCase()));
    if (unconsented !== undefined && (grant === 'refresh_token' || grant === 'authorization_code')) {
      // What Entra ID answers a token request for a scope the user has not consented to.
      return this.error(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${this.clientId}'. Send an interactive authorization request for this user and resource.`,
        'consent_required',
      );
    }
    if (grant === 'refresh_token') {
      const rt = params.get('refresh_token') ?? '';
      if (this.consentRevoked) {
        return this.error(
          400,
          'invalid_grant',
          65001,
          'The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.',
          'consent_required',
        );
      }
      if (this.refreshExpired || !this.refreshTokens.has(rt)) {
        return this.error(
          400,
          'invalid_grant',
          700082,
          'The refresh token has expired due to inactivity.',
          'bad_token',
        );
      }
      return { status: 200, body: this.issue(params.get('scope') ?? '') };
    }
    return this.error(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    );
  }

  validAccessToken(value: string): boolean {
    return !this.consentRevoked && this.accessTokens.has(value);
  }

  /** Whether the access token was issued for `scope` (a token asked for no scope in particular carries all consented). */
  grants(value: string, scope: string): boolean {
    const scopes = this.accessTokens.get(value);
    if (!scopes || this.withheld.has(scope.toLowerCase())) return false;
    return scopes.length === 0 || scopes.some((s) => s.toLowerCase() === scope.toLowerCase());
  }

  /** The user never consented to `scope`: token requests naming it answer AADSTS65001 consent_required. */
  withholdScope(scope: string): void {
    this.withheld.add(scope.toLowerCase());
  }

  /** The user consented again (reconnected) to everything asked. */
  grantAllScopes(): void {
    this.withheld.clear();
  }

  /** The user or an admin withdrew consent: tokens stop working, refresh answers AADSTS65001. */
  revokeConsent(): void {
    this.consentRevoked = true;
    this.accessTokens.clear();
  }

  /** Refresh tokens expire (inactivity, password change): AADSTS700082. */
  expireRefreshTokens(): void {
    this.refreshExpired = true;
    this.accessTokens.clear();
  }

  /** Access tokens expire: the next API call answers 401 and the client must refresh. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  private issue(scope: string) {
    const now = Math.floor(Date.now() / 1000);
    const access = token('eyJ0eXAiOiJKV1Qi.');
    const refresh = token('1.AXkA');
    const resourceScopes = scope
      .split(' ')
      .filter((s) => s && !['openid', 'profile', 'offline_access', 'email'].includes(s));
    this.accessTokens.set(access, resourceScopes);
    this.refreshTokens.add(refresh);
    const claims = {
      aud: this.clientId,
      iss: `https://${this.authorityHost}/${this.tenant}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: this.user.displayName,
      oid: this.user.id,
      preferred_username: this.user.mail,
      sub: this.user.id,
      tid: this.tenant,
      ver: '2.0',
    };
    return {
      token_type: 'Bearer',
      scope: resourceScopes.join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: access,
      refresh_token: refresh,
      id_token: `${b64({ typ: 'JWT', alg: 'none' })}.${b64(claims)}.`,
      client_info: b64({ uid: this.user.id, utid: this.tenant }),
    };
  }

  private error(status: number, error: string, code: number, text: string, suberror?: string): OAuthAnswer {
    const body: Record<string, unknown> = {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${randomBytes(8).toString('hex')}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').replace('Z', 'Z'),
      trace_id: randomBytes(8).toString('hex'),
      correlation_id: randomBytes(8).toString('hex'),
    };
    if (suberror) body.suberror = suberror;
    return { status, body };
  }
}
