// Liaison's Google OAuth client, resolved from the server's configuration: what the connect route signs people in
// with, and what the sync engine's sources refresh their tokens with (one place for both).
import type { ServerConfig } from '../../config';
import type { GmailAuthConfig } from './gmail-auth';

/** Where Google sends the browser back (register it as a redirect URI). */
export const GMAIL_CALLBACK_PATH = '/mailbox/google/callback';

/** Where Google Calendar posts its channels' notifications (google-calendar-notification-routes.ts). */
export const GOOGLE_CALENDAR_NOTIFICATIONS_PATH = '/notifications/google-calendar';

/** The address Google Calendar channels name, when their notifications are on (resolved when used). */
export function googleCalendarNotificationUrl(config: ServerConfig): string | undefined {
  return config.gmail?.calendarNotifications
    ? `${config.publicUrl}${GOOGLE_CALENDAR_NOTIFICATIONS_PATH}`
    : undefined;
}

export type GmailProvider = GmailAuthConfig & { rootUrl?: string };

export function gmailProvider(config: ServerConfig): GmailProvider | undefined {
  const g = config.gmail;
  if (!g) return undefined;
  const provider: GmailProvider = {
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: g.redirectUri ?? `${config.publicUrl}${GMAIL_CALLBACK_PATH}`,
  };
  if (g.endpoints) provider.endpoints = g.endpoints;
  if (g.apiUrl) provider.rootUrl = g.apiUrl;
  return provider;
}
