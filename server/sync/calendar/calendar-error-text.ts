import { MailSourceError } from '../../providers/mail-source';

// How a calendar's failed run is recorded on its mailbox (one line of text, shown on My mailbox and to the admin),
// and how the admin's status tells from it that the calendar needs the user's consent again: a refused or expired
// sign-in, or access withdrawn (a mailbox connected before calendar access was part of the consent fails so too).

const UNREADABLE = 'Your calendar could not be read: ';
const NEEDS_CONSENT = 'Your calendar needs your consent again: ';

export function calendarErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const consent =
    error instanceof MailSourceError && (error.kind === 'auth' || error.kind === 'consent_revoked');
  return `${consent ? NEEDS_CONSENT : UNREADABLE}${message}`;
}

/** The recorded failure asks for consent again (see calendarErrorText). */
export function calendarNeedsConsent(recorded: string | null): boolean {
  return recorded?.startsWith(NEEDS_CONSENT) ?? false;
}
