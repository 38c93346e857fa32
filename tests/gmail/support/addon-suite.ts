import { OidcTestServer } from '../../support/oidc/oidc-test-server';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import type { BackendName } from '../../support/db/test-databases';
import { startAddonHarness, type AddonHarness } from './addon-harness';

// One describe block's add-on and server: Code.js in its worker, a real server on `backend` that verifies the
// Google identity token the add-on sends (signed by a local OIDC issuer), and Sam's token. Torn down after.

export const ADDON_CLIENT_ID = '1234-liaison-gmail.apps.googleusercontent.com';
export const ADDON_ACCESS = 'current-message-token';

export interface AddonSuite {
  server: TestServer;
  addon: AddonHarness;
  /** Sam's Google identity token, as ScriptApp.getIdentityToken gives it. */
  google: string;
}

export function addonSuite(backend: BackendName): AddonSuite {
  const suite = {} as AddonSuite;
  let oidc: OidcTestServer | undefined;
  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    suite.server = await startTestServer(backend, {
      LIAISON_GOOGLE_CLIENT_ID: ADDON_CLIENT_ID,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    suite.addon = await startAddonHarness({
      serverUrl: suite.server.url,
      userEmail: 'sam@ourco.com',
      accessToken: ADDON_ACCESS,
    });
    suite.google = await oidc.googleToken({ aud: ADDON_CLIENT_ID, email: 'sam@ourco.com' });
  }, 90_000);
  afterAll(async () => {
    await suite.addon?.close();
    await suite.server?.close();
    await oidc?.stop();
  });
  afterEach(() => {
    if (suite.addon) suite.addon.respond = undefined;
  });
  return suite;
}
