import type { EventDecision, EventSkipReason } from '../events/event-types';
import { joinAnd } from '../rules/trace-text';

// The one line both sidebars show about what autosharing will do with an open meeting or appointment, and each skip
// reason as the clause after "Won't be saved:" (the event half of autoshare-line.ts). The dashboard's counts use the
// shorter labels of events/event-reason-labels.ts ("2 declined").

const SKIP_CLAUSES: Record<EventSkipReason, string> = {
  invalid_event: 'malformed event',
  excluded_calendar: 'not in your primary calendar',
  not_users_event: 'you are neither its organizer nor an attendee',
  private: 'private event',
  declined: 'you declined it',
  before_connection: 'it ended before your calendar was connected',
  beyond_horizon: 'it is too far ahead; it is decided again when it comes closer',
  cancelled: 'cancelled',
  unchanged: 'already saved',
  meetings_off: 'meetings auto-sharing is off',
  appointments_off: 'appointments auto-sharing is off',
  internal: 'internal meeting',
  blacklisted: 'blacklisted participant',
  no_known_participant: 'no known contact or lead',
  no_opportunity_or_account: 'no opportunity or account to link',
};

export function eventAutoshareLine(
  decision: EventDecision,
  nameOf: (kind: string, id: string) => string,
): string {
  if (decision.action === 'skip') {
    if (decision.reason === 'unchanged') return 'Already saved to the CRM, and unchanged since.';
    const label = SKIP_CLAUSES[decision.reason as EventSkipReason] ?? decision.reason;
    return `Won't be saved: ${label}.`;
  }
  if (decision.action === 'cancel') return 'Will be marked cancelled in the CRM at the next sync.';
  const verb = decision.action === 'update' ? 'updated in the CRM' : 'saved';
  if (decision.kind === 'appointment') return `Will be ${verb} in your CRM calendar at the next sync.`;
  const links = [
    ...decision.who.map((r) => nameOf(r.kind, r.id)),
    ...decision.create.map((c) => `a new contact for ${c.address}`),
    ...(decision.what ? [nameOf(decision.what.kind, decision.what.id)] : []),
  ];
  return `Will be ${verb} at the next sync, linked to ${joinAnd(links)}.`;
}
