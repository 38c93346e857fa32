import type { MailMessage } from '../../../src/types';
import type { PreviewMeeting } from './stand-in-mailbox';

// The preview signs in with the dashboard's session (the one-time link printed by `npm start`) and trades it for
// an embedded-issuer bearer token, kept in memory, as Outlook's pane would hold a Microsoft token.

export interface PreviewUser {
  displayName: string;
  addresses: string[];
}

export class NotSignedIn extends Error {}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 401) throw new NotSignedIn('not signed in');
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}

export async function openPreviewSession(): Promise<{
  user: PreviewUser;
  token(fresh?: boolean): Promise<string>;
  emails: MailMessage[];
  meetings: PreviewMeeting[];
}> {
  const session = await json<{ user: PreviewUser; csrfToken?: string }>(await fetch('/api/session'));
  let cached: { token: string; expiresAt: number } | undefined;
  const token = async (fresh = false) => {
    if (!fresh && cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
    const answer = await json<{ token: string; expiresIn: number }>(
      await fetch('/api/session/token', {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken ?? '' },
      }),
    );
    cached = { token: answer.token, expiresAt: Date.now() + answer.expiresIn * 1000 };
    return cached.token;
  };
  const [{ emails }, { meetings }] = await Promise.all([
    fetch('/api/preview/emails').then((r) => json<{ emails: MailMessage[] }>(r)),
    fetch('/api/preview/meetings').then((r) => json<{ meetings: PreviewMeeting[] }>(r)),
  ]);
  return { user: session.user, token, emails, meetings };
}
