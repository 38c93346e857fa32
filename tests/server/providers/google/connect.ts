/** A connected Gmail mailbox on the emulator: a real google-auth-library code exchange and a source. */
import {
  GmailMailSource,
  gmailAuthClient,
  redeemGmailCode,
  type GmailAuthConfig,
  type GmailSourceOptions,
} from '../../../../server/providers/google';
import { pkcePair } from '../../../emulators/pkce';
import type { GmailEmulator } from '../../../emulators/gmail';

export const REDIRECT_URI = 'http://localhost:3000/oauth/google/callback';

export function authConfig(emu: GmailEmulator): GmailAuthConfig {
  return {
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    redirectUri: REDIRECT_URI,
    endpoints: emu.endpoints,
  };
}

export async function connectGmail(emu: GmailEmulator, options: Partial<GmailSourceOptions> = {}) {
  const config = authConfig(emu);
  const { verifier, challenge } = pkcePair();
  const code = emu.oauth.issueCode(REDIRECT_URI, { challenge, method: 'S256' });
  const grant = await redeemGmailCode(config, code, verifier);
  const auth = gmailAuthClient(config, grant);
  const source = new GmailMailSource({ auth, rootUrl: emu.rootUrl, ...options });
  return { source, grant, auth, config };
}
