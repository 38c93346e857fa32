/** A connected Graph mailbox on the emulator: a real msal sign-in (code redeemed) and a source. */
import {
  GraphMailSource,
  redeemGraphCode,
  graphTokenProvider,
  type GraphAuthConfig,
  type GraphSourceOptions,
} from '../../../../server/providers/microsoft';
import type { GraphEmulator } from '../../../emulators/graph';
import { pkcePair } from '../../../emulators/pkce';

export const REDIRECT_URI = 'http://localhost:3000/oauth/microsoft/callback';

export function authConfig(emu: GraphEmulator): GraphAuthConfig {
  return {
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    redirectUri: REDIRECT_URI,
    tenant: emu.tenant,
    authority: emu.msal.authority,
    knownAuthorities: emu.msal.knownAuthorities,
    authorityMetadata: emu.msal.authorityMetadata,
    cloudDiscoveryMetadata: emu.msal.cloudDiscoveryMetadata,
  };
}

export async function connectGraph(emu: GraphEmulator, options: Partial<GraphSourceOptions> = {}) {
  const config = authConfig(emu);
  const { verifier, challenge } = pkcePair();
  const code = emu.oauth.issueCode(REDIRECT_URI, { challenge, method: 'S256' });
  const grant = await redeemGraphCode(config, code, verifier);
  const caches: string[] = [];
  const tokens = graphTokenProvider(config, grant, (c) => {
    caches.push(c);
  });
  const source = new GraphMailSource({ tokens, baseUrl: emu.url, ...options });
  return { source, grant, caches, config };
}
