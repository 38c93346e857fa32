import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

/**
 * Test equipment: a local stand-in for Microsoft's and Google's key endpoints on 127.0.0.1.
 * It signs tokens shaped like the real ones with locally generated RS256 keys, rotates keys by
 * kid, and counts every JWKS fetch so tests can prove caching.
 *
 *   GET /microsoft/discovery/v2.0/keys             Microsoft's JWKS
 *   GET /google/oauth2/v3/certs                    Google's JWKS
 *   GET /{provider}/.well-known/openid-configuration
 */
export type TestProvider = 'microsoft' | 'google';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface SignOptions {
  /** Sign with a key the JWKS does not publish (an attacker's or a forgotten key). */
  unpublishedKey?: boolean;
  /** Overrides the kid in the header. */
  kid?: string;
  /** Seconds relative to `now` (default 3600). */
  expiresIn?: number;
  /** Seconds relative to `now` for nbf (default: no change, nbf = iat where the provider sets one). */
  notBefore?: number;
}

export const JWKS_PATHS: Record<TestProvider, string> = {
  microsoft: '/microsoft/discovery/v2.0/keys',
  google: '/google/oauth2/v3/certs',
};

export class OidcTestServer {
  private readonly keys: Record<TestProvider, SigningKey[]> = { microsoft: [], google: [] };
  private readonly fetches: Record<TestProvider, number> = { microsoft: 0, google: 0 };
  private unpublished: SigningKey | undefined;
  private server: Server | undefined;
  baseUrl = '';
  /** The clock tokens are stamped with; tests move it instead of sleeping. */
  now: () => Date = () => new Date();

  static async start(): Promise<OidcTestServer> {
    const oidc = new OidcTestServer();
    oidc.keys.microsoft.push(await newKey('microsoft'));
    oidc.keys.google.push(await newKey('google'));
    oidc.unpublished = await newKey('microsoft');
    await oidc.listen();
    return oidc;
  }

  jwksUrl(provider: TestProvider): string {
    return `${this.baseUrl}${JWKS_PATHS[provider]}`;
  }

  fetchCount(provider: TestProvider): number {
    return this.fetches[provider];
  }

  /** Adds a new signing key and makes it current; the old ones stay published unless dropped. */
  async rotate(provider: TestProvider, options: { dropOld?: boolean } = {}): Promise<string> {
    const key = await newKey(provider);
    if (options.dropOld) this.keys[provider] = [];
    this.keys[provider].unshift(key);
    return key.kid;
  }

  currentKid(provider: TestProvider): string {
    return (this.keys[provider][0] as SigningKey).kid;
  }

  /** A Microsoft identity platform v2.0 token as Outlook's nested app authentication returns it. */
  microsoftToken(
    claims: { tid: string; aud: string } & JWTPayload,
    options: SignOptions = {},
  ): Promise<string> {
    const { tid } = claims;
    const oid = randomUUID();
    return this.sign(
      'microsoft',
      {
        iss: `https://login.microsoftonline.com/${tid}/v2.0`,
        ver: '2.0',
        oid,
        sub: `pairwise-${oid.slice(0, 8)}`,
        name: 'Ada Lovelace',
        preferred_username: 'ada@contoso.example',
        aio: 'opaque',
        uti: randomUUID(),
        ...claims,
      },
      { setNbf: true, ...options },
    );
  }

  /** A Google OpenID Connect ID token as Apps Script's `ScriptApp.getIdentityToken()` returns it. */
  googleToken(claims: { aud: string } & JWTPayload, options: SignOptions = {}): Promise<string> {
    return this.sign(
      'google',
      {
        iss: 'https://accounts.google.com',
        azp: claims.aud,
        // One Google account per address unless a test says otherwise (Liaison binds users to the `sub`).
        sub: googleSubFor(String(claims.email ?? 'grace@example.com')),
        email: 'grace@example.com',
        email_verified: true,
        hd: 'example.com',
        at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
        ...claims,
      },
      { setNbf: false, ...options },
    );
  }

  async sign(
    provider: TestProvider,
    claims: JWTPayload,
    options: SignOptions & { setNbf?: boolean } = {},
  ): Promise<string> {
    const key = options.unpublishedKey
      ? (this.unpublished as SigningKey)
      : (this.keys[provider][0] as SigningKey);
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const payload: JWTPayload = {
      iat: nowSeconds,
      exp: nowSeconds + (options.expiresIn ?? 3600),
      ...(options.setNbf && { nbf: nowSeconds }),
      ...(options.notBefore !== undefined && { nbf: nowSeconds + options.notBefore }),
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? key.kid })
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      for (const provider of ['microsoft', 'google'] as const) {
        if (url === JWKS_PATHS[provider]) {
          this.fetches[provider] += 1;
          return json(response, { keys: this.keys[provider].map((key) => key.publicJwk) });
        }
        if (url === `/${provider}/.well-known/openid-configuration`) {
          return json(response, {
            issuer:
              provider === 'microsoft'
                ? 'https://login.microsoftonline.com/{tenantid}/v2.0'
                : 'https://accounts.google.com',
            jwks_uri: this.jwksUrl(provider),
            id_token_signing_alg_values_supported: ['RS256'],
          });
        }
      }
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not_found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
}

function json(response: import('node:http').ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Microsoft publishes keys without `alg` but with an `issuer` template; Google sets `alg`. */
async function newKey(provider: TestProvider): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const base = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  const publicJwk =
    provider === 'microsoft'
      ? { ...base, issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }
      : { ...base, alg: 'RS256' };
  return { kid, privateKey, publicJwk };
}

/** A stable, Google-shaped `sub` (21 digits) for an address: the same person gets the same account every time. */
export function googleSubFor(email: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16)}`);
  return `1${digits.toString().padStart(20, '0').slice(0, 20)}`;
}
