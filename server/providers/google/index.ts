export { GmailMailSource, GMAIL_ROOT_URL, type GmailSourceOptions } from './gmail-source';
export { GoogleCalendarSource, type GoogleCalendarSourceOptions } from './google-calendar-source';
export { googleToCalendarEvent, type GoogleEvent } from './google-event';
export {
  GOOGLE_CALENDAR_SCOPE,
  GMAIL_SCOPES,
  gmailAuthClient,
  gmailSignInUrl,
  redeemGmailCode,
  type GmailAuthConfig,
  type GmailGrant,
} from './gmail-auth';
export { gmailFolder } from './gmail-labels';
export { GmailPushWatcher, type GmailPushOptions } from './gmail-push-watcher';
export { watchInbox, stopWatch, type GmailWatch } from './gmail-watch';
