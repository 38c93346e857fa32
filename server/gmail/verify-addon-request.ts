import { bearerToken, TokenError } from '../auth';
import { TokenVerifier, verifiedEmail, type VerifiedIdentity } from '../auth/token-verifier';
import { HttpError, unauthorized } from '../app/http-error';
import type { GmailAddonSettings } from './addon-settings';
import { tokenRefusal } from '../app/token-refusal';

// A request from the Workspace add-ons HTTP runtime is Google's only when two Google-signed ID tokens check out:
// the bearer (the deployment's system ID token: its service account, for this endpoint's URL) and the user's ID
// token inside the event (for the deployment's OAuth client). The user's verified email names the Liaison user.

export class AddonRequestVerifier {
  private readonly verifiers = new Map<string, TokenVerifier>();

  constructor(private readonly settings: GmailAddonSettings) {}

  /** One verifier (and one cached key set) per audience list; people's tokens are held to the Workspace domain. */
  private verifier(audiences: string[], person: boolean): TokenVerifier {
    const key = `${person ? 'person' : 'system'} ${audiences.join(' ')}`;
    let verifier = this.verifiers.get(key);
    if (!verifier) {
      const { issuers, jwksUrl, hostedDomain } = this.settings;
      const domain = person && hostedDomain !== undefined ? { hostedDomain } : {};
      verifier = new TokenVerifier({ google: { issuers, jwksUrl, audiences, ...domain } });
      this.verifiers.set(key, verifier);
    }
    return verifier;
  }

  /** Returns the user's verified identity; throws the API's 401/403/503 errors. */
  async verify(
    authorization: string | undefined,
    endpointUrl: string,
    userIdToken: unknown,
  ): Promise<VerifiedIdentity> {
    if (!authorization) throw unauthorized();
    const { systemAudiences, serviceAccount, clientId } = this.settings;
    try {
      const system = await this.verifier(
        systemAudiences.length > 0 ? systemAudiences : [endpointUrl],
        false,
      ).verify(bearerToken(authorization));
      const caller = verifiedEmail(system) ?? system.subject;
      if (caller !== serviceAccount)
        throw new HttpError(
          401,
          'token_wrong_caller',
          `Requests to the Gmail add-on endpoints come from ${serviceAccount}, not ${caller}.`,
        );
      return await this.verifier([clientId], true).verify(
        typeof userIdToken === 'string' ? userIdToken : undefined,
      );
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      throw tokenRefusal(error, (reason) => `The add-on request was refused: ${reason}.`);
    }
  }
}
