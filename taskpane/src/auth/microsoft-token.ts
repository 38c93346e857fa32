import type { OfficeLike } from '../office/office-like';
import { dialogToken } from './dialog-token';

// Outlook's bearer token: nested app authentication (NAA) through the host with @azure/msal-browser, or, where the
// host lacks NAA, a sign-in in an Office dialog. MSAL is loaded only here, after the pane is on screen, so it
// never weighs on the pane's first paint. Tokens live in memory only (MSAL's memory cache, this closure).

export interface MicrosoftAuthSettings {
  clientId: string;
  /** The API scope the server's audience accepts, e.g. api://liaison.example.com/<clientId>/access_as_user. */
  scope: string;
}

export function microsoftAuthSettings(location: Location): MicrosoftAuthSettings | undefined {
  const clientId = new URLSearchParams(location.search).get('msClientId')?.trim();
  if (!clientId) return undefined;
  return { clientId, scope: `api://${location.host}/${clientId}/access_as_user` };
}

type Pca = import('@azure/msal-browser').IPublicClientApplication;

async function nestedClient(clientId: string): Promise<Pca> {
  const msal = await import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
  return msal.createNestablePublicClientApplication({
    auth: { clientId, authority: 'https://login.microsoftonline.com/common' },
    cache: { cacheLocation: msal.BrowserCacheLocation.MemoryStorage },
  });
}

export function microsoftTokenProvider(
  office: OfficeLike,
  settings: MicrosoftAuthSettings,
): (fresh?: boolean) => Promise<string> {
  let client: Promise<Pca> | undefined;
  let cached: { token: string; expiresAt: number } | undefined;
  const naa = office.context.requirements?.isSetSupported('NestedAppAuth', '1.1') ?? false;

  async function viaNaa(fresh: boolean): Promise<{ token: string; expiresAt: number }> {
    client ??= nestedClient(settings.clientId);
    const pca = await client;
    const request = { scopes: [settings.scope], forceRefresh: fresh };
    let result;
    try {
      result = await pca.acquireTokenSilent(request);
    } catch {
      // Consent or a fresh sign-in is needed: the host shows its own popup.
      result = await pca.acquireTokenPopup({ scopes: [settings.scope] });
    }
    return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
  }

  return async (fresh = false) => {
    if (!fresh && cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
    cached = naa ? await viaNaa(fresh) : await dialogToken(office, settings);
    return cached.token;
  };
}
