import { decodeJwt } from 'jose';
import { bearerToken, TokenError } from '../../auth';
import { TokenVerifier, verifiedEmail } from '../../auth/token-verifier';
import { forbidden, unauthorized } from '../../app/http-error';
import type { GmailPushSettings } from '../../config';
import { tokenRefusal } from '../../app/token-refusal';

// A Gmail push is Pub/Sub's only when its bearer is a Google-signed OIDC token (the same verification as the
// sidebars' Google tokens: Google's issuers and keys, for the configured audience) whose verified `email` is the
// push subscription's service account. Anyone can reach the URL; nobody else can name a mailbox to run.

export class GmailPushVerifier {
  private verifier: { audience: string; verifier: TokenVerifier } | undefined;

  constructor(private readonly settings: GmailPushSettings) {}

  /** Throws the API's 401 (no or bad token), 403 (someone else's token) or 503 (Google's keys unreachable). */
  async verify(authorization: string | undefined, audience: string): Promise<void> {
    if (!authorization) throw unauthorized();
    if (this.verifier?.audience !== audience) {
      const { issuers, jwksUrl } = this.settings;
      this.verifier = {
        audience,
        verifier: new TokenVerifier({ google: { issuers, jwksUrl, audiences: [audience] } }),
      };
    }
    let email: string | undefined;
    let token: string;
    try {
      token = bearerToken(authorization);
      email = verifiedEmail(await this.verifier.verifier.verify(token));
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      throw tokenRefusal(error, (reason) => `The push was refused: ${reason}.`);
    }
    // Verified above; Pub/Sub's tokens always say email_verified: true.
    const verified = decodeJwt(token).email_verified === true;
    if (email !== this.settings.serviceAccount || !verified)
      throw forbidden(
        `Gmail pushes come from ${this.settings.serviceAccount}, not ${email ?? 'an unknown sender'}.`,
      );
  }
}
