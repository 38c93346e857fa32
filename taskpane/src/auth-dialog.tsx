import { PublicClientApplication } from '@azure/msal-browser';
import type { DialogReply } from './auth/dialog-token';

// The sign-in page the pane opens in an Office dialog when the host has no nested app authentication: MSAL signs
// in by redirect (state in sessionStorage for the round trip, never localStorage) and the token goes back to the
// pane through Office.context.ui.messageParent.

async function signIn(): Promise<DialogReply> {
  const params = new URLSearchParams(window.location.search);
  const clientId = params.get('msClientId') ?? sessionStorage.getItem('liaison.msClientId') ?? '';
  const scope = params.get('scope') ?? sessionStorage.getItem('liaison.scope') ?? '';
  if (!clientId || !scope) return { error: 'The sign-in page was opened without a client id.' };
  sessionStorage.setItem('liaison.msClientId', clientId);
  sessionStorage.setItem('liaison.scope', scope);
  const pca = new PublicClientApplication({
    auth: {
      clientId,
      authority: 'https://login.microsoftonline.com/common',
      redirectUri: `${window.location.origin}/taskpane/auth-dialog.html`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result) {
    sessionStorage.clear(); // the token goes to the pane; nothing stays behind in this window
    return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() };
  }
  await pca.loginRedirect({ scopes: [scope] });
  return new Promise(() => {}); // the page navigates away
}

Office.onReady(() => {
  signIn()
    .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((reply) => Office.context.ui.messageParent(JSON.stringify(reply)));
});
