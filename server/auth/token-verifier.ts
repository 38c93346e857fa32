import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { TokenError } from './token-error';
import { VerifiedTokens } from './verified-tokens';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  MICROSOFT_CONSUMER_TENANT,
  type MicrosoftTrust,
  type TrustedIssuers,
} from './trusted-issuers';

/**
 * Verifies the bearer tokens the sidebars send: Microsoft identity tokens (Outlook nested app
 * authentication), Google identity tokens (Apps Script `ScriptApp.getIdentityToken()`) and the
 * embedded issuer's own tokens. Signature, issuer, audience, exp and nbf are checked by jose;
 * the token's unverified `iss` only chooses which provider's keys and rules apply.
 */
export type Provider = 'microsoft' | 'google' | 'embedded';

export interface VerifiedIdentity {
  provider: Provider;
  /** Stable user id at the provider: Microsoft `oid` (same for every app of the tenant), else `sub`. */
  subject: string;
  /** Lower-cased; from `email`, `preferred_username` or `upn`. */
  email: string;
  /** Microsoft only: the tenant (`tid`). */
  tenantId?: string;
}

export interface TokenVerifierOptions {
  /** Injected for tests; defaults to the wall clock. */
  now?: () => Date;
  /** Remote key sets: minimum time between refetches on an unknown kid (jose default 30 s). */
  jwksCooldownMs?: number;
  /** Remote key sets: how long fetched keys are trusted without refetching (default 10 min). */
  jwksCacheMaxAgeMs?: number;
  jwksTimeoutMs?: number;
}

interface ProviderRule {
  provider: Provider;
  algorithms: string[];
  keys: JWTVerifyGetKey;
  audiences: string[];
  /** Returns the exact issuer to verify against, or undefined when `iss` is not this provider's. */
  matchIssuer(iss: string): string | undefined;
  /** Provider-specific checks on verified claims (tenant rules). */
  check?(payload: JWTPayload, iss: string): string | undefined;
}

export class TokenVerifier {
  private readonly rules: ProviderRule[];
  private readonly clockTolerance: number;
  private readonly now: () => Date;
  private readonly verified = new VerifiedTokens();
  /** How many signatures were checked (remembered tokens are not checked again): the sidebar bench reads it. */
  signatureChecks = 0;

  constructor(trusted: TrustedIssuers, options: TokenVerifierOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.clockTolerance = trusted.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    const remote = (url: string): JWTVerifyGetKey =>
      createRemoteJWKSet(new URL(url), {
        ...(options.jwksCooldownMs !== undefined && { cooldownDuration: options.jwksCooldownMs }),
        ...(options.jwksCacheMaxAgeMs !== undefined && { cacheMaxAge: options.jwksCacheMaxAgeMs }),
        ...(options.jwksTimeoutMs !== undefined && { timeoutDuration: options.jwksTimeoutMs }),
      });

    this.rules = [];
    if (trusted.microsoft) this.rules.push(microsoftRule(trusted.microsoft, remote));
    if (trusted.google) {
      const issuers = new Set(trusted.google.issuers);
      this.rules.push({
        provider: 'google',
        algorithms: ['RS256'],
        keys: remote(trusted.google.jwksUrl),
        audiences: trusted.google.audiences,
        matchIssuer: (iss) => (issuers.has(iss) ? iss : undefined),
      });
    }
    if (trusted.embedded) {
      const { issuer } = trusted.embedded;
      this.rules.push({
        provider: 'embedded',
        algorithms: ['ES256'],
        keys: createLocalJWKSet(trusted.embedded.jwks),
        audiences: trusted.embedded.audiences,
        matchIssuer: (iss) => (iss === issuer ? iss : undefined),
      });
    }
  }

  async verify(token: string | undefined): Promise<VerifiedIdentity> {
    if (token === undefined || token.trim() === '') {
      throw new TokenError('malformed', 'no bearer token was sent');
    }
    const remembered = this.verified.get(token, this.now());
    if (remembered) return { ...remembered };
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new TokenError('malformed', 'the bearer token is not a JWT');
    }
    const iss = unverified.iss;
    if (typeof iss !== 'string') throw new TokenError('malformed', 'the token has no issuer (iss)');

    for (const rule of this.rules) {
      const issuer = rule.matchIssuer(iss);
      if (issuer === undefined) continue;
      const payload = await this.verifyWith(rule, token, issuer);
      const problem = rule.check?.(payload, issuer);
      if (problem !== undefined) throw new TokenError('wrong_tenant', problem);
      const verified = identity(rule.provider, payload);
      // requiredClaims makes exp present.
      this.verified.remember(token, verified, (payload.exp as number) + this.clockTolerance, this.now());
      return verified;
    }
    throw new TokenError('unknown_issuer', `tokens from issuer ${JSON.stringify(iss)} are not trusted`);
  }

  private async verifyWith(rule: ProviderRule, token: string, issuer: string): Promise<JWTPayload> {
    this.signatureChecks += 1;
    try {
      const { payload } = await jwtVerify(token, rule.keys, {
        issuer,
        audience: rule.audiences,
        algorithms: rule.algorithms,
        clockTolerance: this.clockTolerance,
        currentDate: this.now(),
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      throw toTokenError(error, rule.provider);
    }
  }
}

/** Extracts the token from an `Authorization: Bearer …` header. */
export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new TokenError('malformed', 'expected an "Authorization: Bearer <token>" header');
  return match[1];
}

function microsoftRule(trust: MicrosoftTrust, remote: (url: string) => JWTVerifyGetKey): ProviderRule {
  const [before, after] = splitTemplate(trust.issuerTemplate);
  const tenantOf = (iss: string): string | undefined => {
    if (!iss.startsWith(before) || !iss.endsWith(after)) return undefined;
    const tid = iss.slice(before.length, iss.length - after.length);
    return /^[0-9a-zA-Z.-]+$/.test(tid) ? tid : undefined;
  };
  return {
    provider: 'microsoft',
    algorithms: ['RS256'],
    keys: remote(trust.jwksUrl),
    audiences: trust.audiences,
    matchIssuer: (iss) => (tenantOf(iss) === undefined ? undefined : iss),
    check: (payload, iss) => {
      const issuerTenant = (tenantOf(iss) as string).toLowerCase();
      const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : undefined;
      // Multi-tenant: the issuer is only meaningful if it names the tenant the token was issued in.
      if (tid !== issuerTenant) return `the token's tenant (tid) does not match its issuer ${iss}`;
      if (trust.tenants === 'organizations' && tid === MICROSOFT_CONSUMER_TENANT) {
        return 'personal Microsoft accounts are not accepted; sign in with a work or school account';
      }
      if (Array.isArray(trust.tenants) && !trust.tenants.includes(tid)) {
        return `tenant ${tid} is not allowed to sign in here`;
      }
      return undefined;
    },
  };
}

function splitTemplate(template: string): [string, string] {
  const at = template.indexOf('{tid}');
  if (at < 0) throw new Error(`the Microsoft issuer template ${template} must contain {tid}`);
  return [template.slice(0, at), template.slice(at + '{tid}'.length)];
}

function identity(provider: Provider, payload: JWTPayload): VerifiedIdentity {
  const claim = (name: string): string | undefined => {
    const value = payload[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  // Google marks unverified addresses; those cannot name a Liaison user.
  const emailVerified = provider !== 'google' || payload.email_verified !== false;
  const email = [claim('email'), claim('preferred_username'), claim('upn')].find(
    (value) => value !== undefined && value.includes('@'),
  );
  if (email === undefined || !emailVerified) {
    throw new TokenError(
      'no_email',
      emailVerified
        ? 'the token carries no email address (email, preferred_username or upn)'
        : 'the token’s email address is not verified by Google',
    );
  }
  const subject = (provider === 'microsoft' ? claim('oid') : undefined) ?? (claim('sub') as string);
  const result: VerifiedIdentity = { provider, subject, email: email.toLowerCase() };
  const tid = claim('tid');
  if (provider === 'microsoft' && tid !== undefined) result.tenantId = tid.toLowerCase();
  return result;
}

function toTokenError(error: unknown, provider: Provider): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new TokenError('not_yet_valid', 'the token is not valid yet (nbf)');
    if (error.claim === 'aud') {
      return new TokenError('wrong_audience', 'the token was issued for another application (aud)');
    }
    return new TokenError('malformed', `the token's ${error.claim} claim is invalid: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenError('bad_signature', 'the token signature is invalid');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenError('unknown_key', `no ${provider} signing key matches the token's key id (kid)`);
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenError('unknown_key', `several ${provider} signing keys match the token's key id`);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new TokenError('malformed', `the token is malformed: ${error.message}`);
  }
  // Anything else happened while fetching the provider's keys: timeouts, HTTP errors, bad JSON.
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenError('jwks_unavailable', `could not fetch ${provider} signing keys: ${detail}`);
}
