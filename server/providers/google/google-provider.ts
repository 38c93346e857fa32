// Google: Gmail mailboxes read through the Gmail API, signed in with google-auth-library; Gmail push (Cloud
// Pub/Sub) brings a mailbox's run forward. On disconnect the watch is stopped and the refresh token revoked.
import type { Mailbox } from '../../db/mailboxes-repo';
import { addressOf, openSecret, type VerifiedMailbox } from '../../services/mailbox-store';
import { MailSourceError } from '../mail-source';
import type { Provider, ProviderDeps } from '../provider';
import { GMAIL_CALLBACK_PATH, gmailProvider, type GmailProvider } from './gmail-app';
import { gmailAuthClient, gmailSignInUrl, redeemGmailCode, type GmailGrant } from './gmail-auth';
import { gmailPushOptions } from './gmail-push-store';
import { gmailPushRoutes } from './gmail-push-routes';
import { stopGmailPush } from './gmail-push-stop';
import type { GmailPushOptions } from './gmail-push-watcher';
import { GmailMailSource } from './gmail-source';
import type { GoogleCalendarPushOptions } from './google-calendar-push';
import { googleCalendarPushOptions, googleCalendarPushStore } from './google-calendar-push-store';
import { googleCalendarNotificationRoutes } from './google-calendar-notification-routes';
import { GoogleCalendarSource } from './google-calendar-source';
import { readGmailMessage } from './read-gmail-message';

export interface GoogleSourceOptions {
  /** Liaison's Google OAuth client (absent: such mailboxes fail with `auth` and show as Inactive). */
  gmail?: GmailProvider;
  /** Gmail push for a mailbox (its watch stored in mailbox_push), when a Pub/Sub topic is configured. */
  gmailPush?: (mailbox: Mailbox) => GmailPushOptions;
  /** A push channel on a mailbox's calendar, when Google Calendar notifications are on. */
  calendarPush?: (mailbox: Mailbox) => GoogleCalendarPushOptions;
}

function configuredClient(config: Parameters<typeof gmailProvider>[0]): GmailProvider {
  const client = gmailProvider(config);
  if (!client) throw new Error('Google sign-in is not configured');
  return client;
}

/**
 * Google's refresh token is revoked, as a courtesy, after the watch is stopped (Microsoft has no revoke for one
 * app's refresh token); the mailbox is forgotten here whatever Google answers.
 */
async function disconnectGmail(deps: ProviderDeps, mailbox: Mailbox): Promise<void> {
  const provider = gmailProvider(deps.config);
  const secret = provider ? openSecret(deps.secrets, mailbox) : undefined;
  if (!provider || typeof secret?.refreshToken !== 'string') return;
  // Before the revoke, while they can.
  await stopGmailPush(deps.db, mailbox, provider, secret.refreshToken);
  await stopCalendarPush(deps, mailbox, provider, secret.refreshToken);
  try {
    await gmailAuthClient(provider, { refreshToken: secret.refreshToken }).revokeToken(secret.refreshToken);
  } catch (error) {
    // Already revoked, or Google unreachable: the connection is forgotten here either way, but an admin may want
    // to remove Liaison's access at Google by hand.
    deps.warn?.(
      `Google did not revoke Liaison's access to the Gmail mailbox ${addressOf(mailbox)} (user ${mailbox.userId}) on ` +
        `disconnect: ${error instanceof Error ? error.message : String(error)}. The mailbox is disconnected here; ` +
        'its owner can remove Liaison at https://myaccount.google.com/permissions.',
    );
  }
}

/** The calendar's push channel, stopped at Google (best effort; its row cascades with the mailbox). */
async function stopCalendarPush(
  deps: ProviderDeps,
  mailbox: Mailbox,
  provider: GmailProvider,
  refreshToken: string,
): Promise<void> {
  const store = googleCalendarPushStore(deps.db, mailbox.id);
  if (!(await store.load())) return;
  const source = new GoogleCalendarSource({
    auth: gmailAuthClient(provider, { refreshToken }),
    ...(provider.rootUrl ? { rootUrl: provider.rootUrl } : {}),
    push: { address: '', store },
  });
  await source.push?.stop().catch(() => undefined);
}

export const google: Provider<GoogleSourceOptions> = {
  id: 'google',
  kind: 'gmail',
  label: 'Google',

  mailSource({ mailbox, secret, options }) {
    if (!options.gmail) throw new MailSourceError('auth', 'Google sign-in is not configured');
    const grant = secret() as unknown as GmailGrant;
    return new GmailMailSource({
      auth: gmailAuthClient(options.gmail, grant),
      ...(options.gmail.rootUrl ? { rootUrl: options.gmail.rootUrl } : {}),
      ...(options.gmailPush ? { push: options.gmailPush(mailbox) } : {}),
    });
  },

  calendarSource({ mailbox, secret, options }) {
    if (!options.gmail) throw new MailSourceError('auth', 'Google sign-in is not configured');
    const grant = secret() as unknown as GmailGrant;
    // The same refresh token as the mail's: a grant without calendar.readonly fails here only (CalendarConsentMissing).
    return new GoogleCalendarSource({
      auth: gmailAuthClient(options.gmail, grant),
      ...(options.gmail.rootUrl ? { rootUrl: options.gmail.rootUrl } : {}),
      ...(options.calendarPush ? { push: options.calendarPush(mailbox) } : {}),
    });
  },

  sourceOptions({ config, db, log }) {
    const gmail = gmailProvider(config);
    return {
      ...(gmail ? { gmail } : {}),
      ...(config.gmailPush ? { gmailPush: gmailPushOptions(db, config.gmailPush.topicName, log) } : {}),
      ...googleCalendarPushOptions(db, config),
    };
  },

  oauth: {
    callbackPath: GMAIL_CALLBACK_PATH,
    configured: (config) => gmailProvider(config) !== undefined,
    signInUrl: async (config, state, codeChallenge, loginHint) =>
      gmailSignInUrl(configuredClient(config), state, codeChallenge, loginHint),
    async redeem(config, code, codeVerifier, now): Promise<VerifiedMailbox> {
      const client = configuredClient(config);
      const grant = await redeemGmailCode(client, code, codeVerifier);
      const connectedAt = now();
      const source = new GmailMailSource({
        auth: gmailAuthClient(client, grant),
        ...(client.rootUrl ? { rootUrl: client.rootUrl } : {}),
      });
      const { emailAddress } = await source.profile();
      return {
        kind: 'gmail',
        address: emailAddress,
        settings: {},
        secret: { ...grant },
        connectedAt,
        cursor: await source.initialCursor(connectedAt),
      };
    },
  },

  disconnect: (deps, mailbox) => disconnectGmail(deps, mailbox),
  routes: (context) => {
    gmailPushRoutes(context);
    googleCalendarNotificationRoutes(context);
  },
  readOpenMessage: ({ apiUrl, withContent, ...event }) => readGmailMessage(apiUrl, event, withContent),

  async readEvent(request, calendarId, eventId) {
    const source = (await google.calendarSource!(request)) as GoogleCalendarSource;
    return source.event(calendarId, eventId);
  },
};
