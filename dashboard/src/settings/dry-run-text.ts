import type { DryRunResponse } from '../api/types';
import { EVENT_SKIP_REASON_LABELS } from '../../../src/events/event-reason-labels';
import type { EventSkipReason } from '../../../src/events/event-types';
import { reasonLabel } from '../activity/reason-text';

// The dry run in words: "With these settings, the last 7 days would have saved 4 emails and skipped 9.", and the
// same for meetings and appointments, with their reasons.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function dryRunSentence(result: DryRunResponse, changed: boolean): string {
  const period = result.days === 1 ? 'the last day' : `the last ${result.days} days`;
  if (result.looked === 0)
    return `Liaison looked at no email of yours in ${period}, so there is nothing to preview yet.`;
  const lead = changed ? 'With these settings' : 'With your current settings';
  return `${lead}, ${period} would have saved ${plural(result.saved, 'email', 'emails')} and skipped ${result.skipped}.`;
}

/** "internal email: 5", most frequent first. */
export function dryRunReasons(result: DryRunResponse): { reason: string; label: string; count: number }[] {
  return Object.entries(result.byReason)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => ({ reason, label: reasonLabel(reason), count }));
}

type EventCounts = NonNullable<DryRunResponse['events']>['meetings'];

/** "1 internal, 1 declined", most frequent first, in the core's words for event reasons. */
export function eventReasonsText(byReason: Record<string, number>): string {
  return Object.entries(byReason)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(
      ([reason, n]) =>
        `${n} ${EVENT_SKIP_REASON_LABELS[reason as EventSkipReason] ?? reason.replace(/_/g, ' ')}`,
    )
    .join(', ');
}

/**
 * The calendar's lines: "With these settings, the last 7 days would have saved 4 meetings and skipped 2: 1 internal,
 * 1 declined." and the same for appointments, each only when there were some; one line when there were none.
 */
export function eventDryRunLines(result: DryRunResponse, changed: boolean): string[] {
  const period = result.days === 1 ? 'the last day' : `the last ${result.days} days`;
  const events = result.events;
  if (!events || events.looked === 0)
    return [
      `Liaison read no meeting or appointment of yours in ${period}: your calendar is read while one of its switches is on.`,
    ];
  const lead = changed ? 'With these settings' : 'With your current settings';
  const line = (counts: EventCounts, one: string, many: string) =>
    `${lead}, ${period} would have saved ${plural(counts.saved, one, many)} and skipped ${counts.skipped}${
      counts.skipped > 0 ? `: ${eventReasonsText(counts.byReason)}` : ''
    }.`;
  return [
    ...(events.meetings.looked > 0 ? [line(events.meetings, 'meeting', 'meetings')] : []),
    ...(events.appointments.looked > 0 ? [line(events.appointments, 'appointment', 'appointments')] : []),
  ];
}
