import { EmbeddedIssuer } from './embedded-issuer';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
import { trustedIssuersFromEnv } from './trusted-issuers';

/** The audience of the embedded issuer's tokens. */
export const EMBEDDED_AUDIENCE = 'liaison';

export interface TokenAuthOptions {
  env?: Record<string, string | undefined>;
  dataDir: string;
  /** Embedded mode: the server is also its own issuer (key in `<dataDir>/keys`). */
  embedded: boolean;
  /** The server's public base URL, used as the embedded issuer's `iss`. */
  publicUrl: string;
  verifier?: TokenVerifierOptions;
}

export interface TokenAuth {
  verifier: TokenVerifier;
  /** Present in embedded mode: issues tokens and serves `/.well-known/jwks.json`. */
  embeddedIssuer?: EmbeddedIssuer;
}

/** Wires the verifier from the environment (see trusted-issuers.ts) plus, in embedded mode, the own issuer. */
export async function createTokenAuth(options: TokenAuthOptions): Promise<TokenAuth> {
  const embeddedIssuer = options.embedded
    ? await EmbeddedIssuer.open({ dataDir: options.dataDir, issuer: options.publicUrl })
    : undefined;
  const trusted = trustedIssuersFromEnv(
    options.env ?? process.env,
    embeddedIssuer && {
      issuer: embeddedIssuer.issuer,
      audiences: [EMBEDDED_AUDIENCE],
      jwks: embeddedIssuer.jwks(),
    },
  );
  const verifier = new TokenVerifier(trusted, options.verifier);
  return embeddedIssuer ? { verifier, embeddedIssuer } : { verifier };
}
