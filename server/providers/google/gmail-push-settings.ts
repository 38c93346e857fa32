import type { GmailPushSettings } from '../../config';

// Gmail push's endpoint (its settings, from the environment, are the server's: config.ts, GmailPushSettings).

export const GMAIL_PUSH_PATH = '/notifications/gmail';

/** The audience the push subscription's tokens must carry. */
export function gmailPushAudience(settings: GmailPushSettings, publicUrl: string): string {
  return settings.audience ?? `${publicUrl}${GMAIL_PUSH_PATH}`;
}
