import type { DryRunResponse } from '../api/types';
import { reasonLabel } from '../activity/reason-text';

// The dry run in words: "With these settings, the last 7 days would have saved 4 and skipped 9."

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
