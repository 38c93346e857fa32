import type { EventSkipReason } from './event-types';

// Why an event was skipped, in words that follow a count or "Skipped:" ("2 internal", "Skipped: declined"): the
// dashboard's dry run and Activity page read them, as the email reasons' labels (sidebar/autoshare-line.ts).

export const EVENT_SKIP_REASON_LABELS: Record<EventSkipReason, string> = {
  invalid_event: 'malformed',
  excluded_calendar: 'in another calendar',
  not_users_event: 'not yours',
  private: 'private',
  declined: 'declined',
  before_connection: 'ended before your mailbox was connected',
  beyond_horizon: 'too far ahead',
  cancelled: 'cancelled',
  unchanged: 'unchanged since saved',
  meetings_off: 'with meetings auto-sharing off',
  appointments_off: 'with appointments auto-sharing off',
  internal: 'internal',
  blacklisted: 'with a blacklisted participant',
  no_known_participant: 'with no known contact or lead',
  no_opportunity_or_account: 'with no opportunity or account to link',
};

/** What a saved event holds at each sharing level (event-rules.md section 4), after "with". */
export const EVENT_SHARING_LEVEL_LABELS: Record<string, string> = {
  metadata: 'its times and participants only',
  subject: 'its subject, times and participants',
  full: 'its subject, place, description and participants',
};
