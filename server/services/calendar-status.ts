import type { CalendarRow } from '../db/calendar-status-repo';
import { calendarNeedsConsent } from '../sync/calendar/calendar-error-text';

// A user's calendar as the admin sees it: sharing on or off, and whether Liaison can read it — connected, the
// user's consent needed again (the mailbox's sign-in expired or withdrawn, or the calendar refused), or failing —
// with its last read and its last error in words.

export interface CalendarStatusView {
  sharing: boolean;
  state: 'off' | 'not_connected' | 'connected' | 'needs_consent' | 'error';
  lastSyncAt: string | null;
  error: string | null;
}

export function calendarStatus(row: CalendarRow): CalendarStatusView {
  const mailbox = row.mailbox;
  const base = { sharing: row.sharing, lastSyncAt: mailbox?.calendarSyncedAt ?? null };
  if (!mailbox) return { ...base, state: row.sharing ? 'not_connected' : 'off', error: null };
  if (!row.sharing) return { ...base, state: 'off', error: null };
  const error = mailbox.calendarError;
  if (
    mailbox.statusReason === 'sign_in_expired' ||
    mailbox.statusReason === 'consent_revoked' ||
    calendarNeedsConsent(error)
  )
    return { ...base, state: 'needs_consent', error };
  if (error) return { ...base, state: 'error', error };
  return { ...base, state: 'connected', error: null };
}
