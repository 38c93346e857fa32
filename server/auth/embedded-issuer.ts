import * as path from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type KeyLike,
} from 'jose';
import { readOrCreatePrivateFile } from '../secrets/private-file';

/**
 * In embedded mode the server is its own token issuer, so the preview pages and the sidebars
 * work without Microsoft or Google. One ES256 key pair, generated on first start into
 * `<dataDir>/keys/issuer.jwk.json` (0600) and reused afterwards so tokens survive restarts.
 */
export const EMBEDDED_ALGORITHM = 'ES256';
export const DEFAULT_EMBEDDED_TTL_SECONDS = 60 * 60;

export function issuerKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'issuer.jwk.json');
}

export interface EmbeddedIssuerOptions {
  dataDir: string;
  /** The `iss` claim; usually the server's public base URL. */
  issuer: string;
  /** Injected for tests; defaults to the wall clock. */
  now?: () => Date;
}

export interface IssueOptions {
  /** The Liaison user's id, the `sub` claim: a token names its user by id, never by an address another user may get. */
  userId: string;
  audience: string;
  /** Lifetime in seconds (default one hour). */
  ttl?: number;
}

export class EmbeddedIssuer {
  private constructor(
    readonly issuer: string,
    readonly kid: string,
    private readonly privateKey: KeyLike | Uint8Array,
    private readonly publicJwk: JWK,
    private readonly now: () => Date,
  ) {}

  static async open(options: EmbeddedIssuerOptions): Promise<EmbeddedIssuer> {
    const file = issuerKeyPath(options.dataDir);
    const { content } = await readOrCreatePrivateFile(file, generatePrivateJwk);
    let privateJwk: JWK;
    try {
      privateJwk = JSON.parse(content) as JWK;
    } catch {
      throw new Error(`${file} is not valid JSON; remove it to generate a new issuer key`);
    }
    if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || privateJwk.d === undefined) {
      throw new Error(`${file} does not hold an ES256 private key; remove it to generate a new one`);
    }
    const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
    const { kty, crv, x, y } = privateJwk;
    const publicJwk: JWK = { kty, crv, x, y, kid, alg: EMBEDDED_ALGORITHM, use: 'sig' };
    const privateKey = await importJWK(privateJwk, EMBEDDED_ALGORITHM);
    return new EmbeddedIssuer(options.issuer, kid, privateKey, publicJwk, options.now ?? (() => new Date()));
  }

  async issue(options: IssueOptions): Promise<string> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const ttl = options.ttl ?? DEFAULT_EMBEDDED_TTL_SECONDS;
    if (options.userId.trim() === '') throw new Error('an embedded token must name a user id');
    return new SignJWT({})
      .setProtectedHeader({ alg: EMBEDDED_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(options.audience)
      .setSubject(options.userId)
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + ttl)
      .sign(this.privateKey);
  }

  /** The public key set, served at `/.well-known/jwks.json` and used by the token verifier. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }
}

async function generatePrivateJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(EMBEDDED_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  jwk.alg = EMBEDDED_ALGORITHM;
  return `${JSON.stringify(jwk, null, 2)}\n`;
}
