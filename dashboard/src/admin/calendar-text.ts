import type { AdminUser } from '../api/types';
import { formatDateTime } from '../ui/format';

// A user's calendar in the admin's words: a short state for the Users table and, in Details, what it means and
// what to do.

type Calendar = AdminUser['calendar'];

export const CALENDAR_STATE_LABELS: Record<Calendar['state'], string> = {
  off: 'Off',
  not_connected: 'No mailbox',
  connected: 'Connected',
  needs_consent: 'Needs consent again',
  error: 'Not read',
};

/** The line under the state: when it was last read, or why not. */
export function calendarLine(calendar: Calendar): string {
  switch (calendar.state) {
    case 'off':
      return 'Shares no meetings or appointments.';
    case 'not_connected':
      return 'Shares meetings or appointments, but has no mailbox connected.';
    case 'needs_consent':
      return 'They must reconnect their mailbox on My mailbox and accept calendar access.';
    case 'error':
      return `The last read failed; retried at each sync.${lastRead(calendar)}`;
    default:
      return calendar.lastSyncAt
        ? `Last read ${formatDateTime(calendar.lastSyncAt)}.`
        : 'Read at the next sync.';
  }
}

const lastRead = (calendar: Calendar) =>
  calendar.lastSyncAt ? ` Last read ${formatDateTime(calendar.lastSyncAt)}.` : '';

/** The Details dialog's calendar facts. */
export function calendarFacts(calendar: Calendar): [string, string][] {
  return [
    ['Calendar sharing', calendar.sharing ? 'on (meetings or appointments)' : 'off'],
    ['Calendar', `${CALENDAR_STATE_LABELS[calendar.state]}: ${calendarLine(calendar)}`],
    ['Last calendar sync', calendar.lastSyncAt ? formatDateTime(calendar.lastSyncAt) : 'never'],
    ['Calendar error', calendar.error ?? 'none'],
  ];
}
