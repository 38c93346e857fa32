/** A real jsforce 3 connection to the emulator, authorised as the adapter will be (OAuth2 with a refresh token). */
import jsforce, { type Connection } from 'jsforce';
import type { Emulator } from './server';

export const API_VERSION = '62.0';

export function connect(
  emu: Emulator,
  overrides: { accessToken?: string; refreshToken?: string } = {},
): Connection {
  const session = emu.session();
  return new jsforce.Connection({
    oauth2: {
      loginUrl: emu.url,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      redirectUri: 'http://127.0.0.1/oauth/callback',
    },
    instanceUrl: session.instanceUrl,
    accessToken: overrides.accessToken ?? session.accessToken,
    refreshToken: overrides.refreshToken ?? session.refreshToken,
    version: API_VERSION,
  });
}
