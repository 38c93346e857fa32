import { DIALOG_MESSAGE, SUCCEEDED, type OfficeLike } from '../office/office-like';
import type { MicrosoftAuthSettings } from './microsoft-token';

// The fallback for hosts without nested app authentication: Liaison's sign-in page (auth-dialog.html) opens in an
// Office dialog, signs in with MSAL there and sends the token back with messageParent. Nothing is stored.

export interface DialogReply {
  token?: string;
  expiresOn?: number;
  error?: string;
}

export function dialogToken(
  office: OfficeLike,
  settings: MicrosoftAuthSettings,
): Promise<{ token: string; expiresAt: number }> {
  const open = office.context.ui?.displayDialogAsync;
  if (!open) return Promise.reject(new Error('This Outlook cannot open a sign-in window.'));
  const url = new URL('/taskpane/auth-dialog.html', window.location.origin);
  url.searchParams.set('msClientId', settings.clientId);
  url.searchParams.set('scope', settings.scope);
  return new Promise((resolve, reject) => {
    open(url.toString(), { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
      if (result.status !== SUCCEEDED) {
        reject(new Error(`The sign-in window did not open: ${result.error?.message ?? 'unknown error'}`));
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(DIALOG_MESSAGE, (arg) => {
        dialog.close();
        const reply = JSON.parse('message' in arg ? arg.message : '{}') as DialogReply;
        if (reply.token) resolve({ token: reply.token, expiresAt: reply.expiresOn ?? Date.now() + 300_000 });
        else reject(new Error(reply.error ?? 'Sign-in was cancelled.'));
      });
    });
  });
}
