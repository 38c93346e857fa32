import { decideEventAutoshare, type CalendarEvent, type EventContext } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { mergeSyncSettings, type SyncSettingsPatch } from '../db/default-sync-settings';
import { listDecisions, type DecisionLogEntry } from '../db/decision-log-repo';
import type { User } from '../db/users-repo';
import { gatherEventContext } from '../sync/calendar/event-context';

// The dry run's calendar half: the events the calendar sync looked at in the period, decided again with the proposed
// settings and today's CRM. The log keeps an event's envelope only (key, organizer, the other participants, start),
// so what it cannot tell again — a malformed event, another calendar, not the user's, private, declined, outside the
// window, cancelled — is counted as it was decided; the participants are read as required and accepting.

/** Verdicts the envelope cannot reach again (rules 0 to 5, and a cancellation). */
const AS_DECIDED = new Set([
  'invalid_event',
  'excluded_calendar',
  'not_users_event',
  'private',
  'declined',
  'before_connection',
  'beyond_horizon',
  'cancelled',
]);

function envelopeEvent(entry: DecisionLogEntry): CalendarEvent {
  return {
    uid: entry.messageId,
    sequence: 0,
    calendar: 'primary',
    organizer: { address: entry.from },
    attendees: entry.to.map((address) => ({ address, type: 'required', response: 'accepted' })),
    subject: entry.subject,
    start: entry.sentAt,
    end: entry.sentAt,
    allDay: false,
    status: 'confirmed',
    sensitivity: 'normal',
    updatedAt: entry.sentAt,
  };
}

interface Counts {
  looked: number;
  saved: number;
  skipped: number;
  byReason: Record<string, number>;
}
const noCounts = (): Counts => ({ looked: 0, saved: 0, skipped: 0, byReason: {} });

function count(counts: Counts, reason: string): void {
  counts.looked++;
  if (reason === 'meeting' || reason === 'appointment') counts.saved++;
  else {
    counts.skipped++;
    counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
  }
}

export async function dryRunEvents(
  deps: Pick<AppDeps, 'db' | 'crm' | 'now'>,
  user: User,
  patch: SyncSettingsPatch,
  days: number,
): Promise<Counts & { meetings: Counts; appointments: Counts }> {
  const now = deps.now();
  const since = now.getTime() - days * 86_400_000;
  const latest = new Map<string, DecisionLogEntry>();
  for (const e of await listDecisions(deps.db, user.id, { limit: 5000, kind: 'event' }))
    if (Date.parse(e.decidedAt) >= since && !latest.has(e.messageId)) latest.set(e.messageId, e);
  const looked = [...latest.values()];
  const all = noCounts();
  const byKind = { meeting: noCounts(), appointment: noCounts() };
  if (looked.length > 0) {
    const events = looked.map(envelopeEvent);
    const { ctx } = await gatherEventContext(deps, user, events, {
      connectedAt: user.connectedAt ?? '',
      now,
      // Within the horizon when they were decided (else counted as decided): the days since do not move them out.
      horizonDays: 365,
      // As for emails: what would be saved, not what is saved already.
      saved: new Map(),
    });
    const proposed: EventContext = { ...ctx, settings: mergeSyncSettings(ctx.settings, patch) };
    looked.forEach((entry, i) => {
      // The kind (meeting or appointment) follows from the participants, which the envelope keeps.
      const decision = decideEventAutoshare(events[i]!, proposed);
      const reason = AS_DECIDED.has(entry.decision.reason) ? entry.decision.reason : decision.reason;
      count(all, reason);
      count(byKind[decision.kind], reason);
    });
  }
  return { ...all, meetings: byKind.meeting, appointments: byKind.appointment };
}
