/**
 * Google's OAuth 2.0 endpoints as google-auth-library's OAuth2Client uses them: `/o/oauth2/v2/auth`
 * (consents at once, 302 with code and state), `/token` (authorization_code, refresh_token), `/revoke`.
 */
import { randomBytes } from 'node:crypto';
import { challengeOf, PkceLog, type Challenge } from '../pkce';

export interface OAuthAnswer {
  status: number;
  body: unknown;
}

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export class GoogleOAuth {
  private readonly codes = new Map<string, { redirectUri: string; pkce: Challenge | undefined }>();
  readonly pkce = new PkceLog();
  private readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  /** Scopes the user never granted (a mailbox connected before the app asked for them). */
  private readonly withheld = new Set<string>();
  /** Why refresh fails now, if it does. */
  private refusal: { error: string; description: string; subtype?: string } | undefined;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly scope: string,
  ) {}

  issueCode(redirectUri: string, pkce?: Challenge): string {
    const code = token('4/0A');
    this.codes.set(code, { redirectUri, pkce });
    return code;
  }

  authorize(params: URLSearchParams): { location: string } | OAuthAnswer {
    if (params.get('client_id') !== this.clientId)
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
      };
    const redirect = new URL(params.get('redirect_uri') ?? '');
    redirect.searchParams.set('code', this.issueCode(params.get('redirect_uri') ?? '', challengeOf(params)));
    const state = params.get('state');
    if (state !== null) redirect.searchParams.set('state', state);
    redirect.searchParams.set('scope', this.scope);
    return { location: redirect.toString() };
  }

  token(params: URLSearchParams): OAuthAnswer {
    if (params.get('client_id') !== this.clientId || params.get('client_secret') !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
    }
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') {
      const code = params.get('code') ?? '';
      const issued = this.codes.get(code);
      this.codes.delete(code);
      if (issued === undefined || issued.redirectUri !== params.get('redirect_uri')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } };
      }
      if (this.pkce.check(issued.pkce, params.get('code_verifier')) !== undefined)
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } };
      this.refusal = undefined;
      const refresh = token('1//0g');
      this.refreshTokens.add(refresh);
      return { status: 200, body: { ...this.access(), refresh_token: refresh } };
    }
    if (grant === 'refresh_token') {
      if (this.refusal) {
        const body: Record<string, string> = {
          error: this.refusal.error,
          error_description: this.refusal.description,
        };
        if (this.refusal.subtype) body.error_subtype = this.refusal.subtype;
        return { status: 400, body };
      }
      if (!this.refreshTokens.has(params.get('refresh_token') ?? '')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } };
      }
      return { status: 200, body: this.access() };
    }
    return {
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant}` },
    };
  }

  /** POST /revoke?token=…: the user removed the app's access. */
  revoke(value: string): OAuthAnswer {
    if (!this.refreshTokens.has(value) && !this.accessTokens.has(value)) {
      return { status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } };
    }
    this.revokeConsent();
    return { status: 200, body: {} };
  }

  validAccessToken(value: string): boolean {
    return this.accessTokens.has(value);
  }

  /** Whether the grant covers `scope` (Google answers 403 insufficientPermissions to a token without it). */
  grants(scope: string): boolean {
    return this.scopes().includes(scope);
  }

  /** The user never granted `scope`: tokens come without it. */
  withholdScope(scope: string): void {
    this.withheld.add(scope);
  }

  private scopes(): string[] {
    return this.scope.split(' ').filter((s) => s && !this.withheld.has(s));
  }

  /** The user removed access (myaccount.google.com) or an admin did: `invalid_grant`. */
  revokeConsent(): void {
    this.accessTokens.clear();
    this.refusal = { error: 'invalid_grant', description: 'Token has been expired or revoked.' };
  }

  /** The Workspace session policy asks the user to sign in again (`invalid_rapt`). */
  requireReauth(): void {
    this.accessTokens.clear();
    this.refusal = {
      error: 'invalid_grant',
      description: 'reauth related error (invalid_rapt)',
      subtype: 'invalid_rapt',
    };
  }

  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  private access() {
    const access = token('ya29.a0');
    this.accessTokens.add(access);
    return { access_token: access, expires_in: 3599, scope: this.scopes().join(' '), token_type: 'Bearer' };
  }
}
