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
  type GoogleTrust,
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

/**
 * Who a token names. A Microsoft token names an account (tenant `tid` plus object id `oid`, both lower-cased), which
 * the caller binds to a Liaison user (its address only finds the user the first time); a Google token a verified
 * address; an embedded token the Liaison user's id (`sub`), never an address.
 */
export type VerifiedIdentity =
  | {
      provider: 'microsoft';
      /** The object id (`oid`): the same for every app of the tenant. */
      subject: string;
      /** Lower-cased; from `email`, `preferred_username` or `upn`. */
      email: string;
      tenantId: string;
    }
  | { provider: 'google'; subject: string; email: string }
  | { provider: 'embedded'; /** The Liaison user's id. */ subject: string };

/** The address a Microsoft or Google token carries; an embedded token carries none. */
export function verifiedEmail(identity: VerifiedIdentity): string | undefined {
  return identity.provider === 'embedded' ? undefined : identity.email;
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
  /** Provider-specific checks on verified claims (tenant and domain rules): the refusal, if any. */
  check?(payload: JWTPayload, iss: string): TokenError | undefined;
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
    if (trusted.google) this.rules.push(googleRule(trusted.google, remote));
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
      if (problem !== undefined) throw problem;
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
      if (tid !== issuerTenant)
        return new TokenError('wrong_tenant', `the token's tenant (tid) does not match its issuer ${iss}`);
      if (!trust.tenants.includes(tid))
        return new TokenError(
          'wrong_tenant',
          `accounts of the Microsoft tenant ${tid} may not sign in to this Liaison; sign in with your organisation's work account`,
        );
      // The account is what a Liaison user is bound to: a token without one names nobody.
      if (typeof payload.oid !== 'string' || payload.oid.trim() === '')
        return new TokenError('malformed', 'the token has no Microsoft account id (oid)');
      return undefined;
    },
  };
}

function googleRule(trust: GoogleTrust, remote: (url: string) => JWTVerifyGetKey): ProviderRule {
  const issuers = new Set(trust.issuers);
  return {
    provider: 'google',
    algorithms: ['RS256'],
    keys: remote(trust.jwksUrl),
    audiences: trust.audiences,
    matchIssuer: (iss) => (issuers.has(iss) ? iss : undefined),
    check: (payload) => {
      // Only an address Google has verified may name a Liaison user (a missing claim is not a yes).
      if (payload.email_verified !== true && payload.email_verified !== 'true')
        return new TokenError('no_email', 'the token’s email address is not verified by Google');
      if (trust.hostedDomain === undefined) return undefined;
      const hd = typeof payload.hd === 'string' ? payload.hd.toLowerCase() : undefined;
      if (hd !== trust.hostedDomain)
        return new TokenError(
          'wrong_tenant',
          hd === undefined
            ? `only ${trust.hostedDomain} Google Workspace accounts may sign in here, and this is not a Workspace account`
            : `only ${trust.hostedDomain} Google Workspace accounts may sign in here, not ${hd} ones`,
        );
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
  // `sub` is required by jwtVerify.
  if (provider === 'embedded') return { provider, subject: claim('sub') as string };
  const email = [claim('email'), claim('preferred_username'), claim('upn')].find(
    (value) => value !== undefined && value.includes('@'),
  );
  if (email === undefined)
    throw new TokenError('no_email', 'the token carries no email address (email, preferred_username or upn)');
  if (provider === 'google') return { provider, subject: claim('sub') as string, email: email.toLowerCase() };
  // The rule's check has made sure of `oid` and `tid`.
  return {
    provider,
    subject: (claim('oid') as string).toLowerCase(),
    email: email.toLowerCase(),
    tenantId: (claim('tid') as string).toLowerCase(),
  };
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
