import { EVENT_SKIP_REASON_LABELS } from '../../../src/events/event-reason-labels';
import type { EventSkipReason } from '../../../src/events/event-types';
import { SKIP_REASON_LABELS } from '../../../src/sidebar/autoshare-line';
import type { SkipReason } from '../../../src/types';

// Reasons as people read them: the core's labels for skips (the sidebars use the same), two words for saves.

export const SAVE_REASON_LABELS: Record<string, string> = {
  autoshare: 'auto-shared',
  thread_autosave: 'thread auto-save',
  manual: 'by hand',
};

/** What the Activity page lists: emails, calendar events (meetings and appointments), or both. */
export type ActivityKind = 'all' | 'email' | 'event';

const EVENT_SAVE_REASON_LABELS: Record<string, string> = { meeting: 'meeting', appointment: 'appointment' };

export function reasonLabel(reason: string): string {
  return SKIP_REASON_LABELS[reason as SkipReason] ?? SAVE_REASON_LABELS[reason] ?? reason.replace(/_/g, ' ');
}

/** An event's reason, in the core's words for events. */
export function eventReasonLabel(reason: string): string {
  return (
    EVENT_SKIP_REASON_LABELS[reason as EventSkipReason] ??
    EVENT_SAVE_REASON_LABELS[reason] ??
    reason.replace(/_/g, ' ')
  );
}

/** Every reason the Activity filter offers, saves first. */
export const REASON_CHOICES: readonly { value: string; label: string }[] = [
  ...Object.keys(SAVE_REASON_LABELS).map((value) => ({ value, label: `Saved: ${reasonLabel(value)}` })),
  ...Object.keys(SKIP_REASON_LABELS).map((value) => ({ value, label: `Skipped: ${reasonLabel(value)}` })),
];

const EVENT_REASON_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'meeting', label: 'Saved: meeting' },
  { value: 'appointment', label: 'Saved: appointment' },
  ...Object.keys(EVENT_SKIP_REASON_LABELS).map((value) => ({
    value,
    label: value === 'cancelled' ? 'Cancelled' : `Skipped: ${eventReasonLabel(value)}`,
  })),
];

/**
 * The reasons the filter offers for a kind. With both kinds, a reason emails and events share (internal, blacklisted…)
 * is offered once, in words that fit both, and filters both.
 */
export function reasonChoices(kind: ActivityKind): readonly { value: string; label: string }[] {
  if (kind === 'email') return REASON_CHOICES;
  if (kind === 'event') return EVENT_REASON_CHOICES;
  const emailValues = new Set(REASON_CHOICES.map((c) => c.value));
  const shared = (value: string) => emailValues.has(value) && value in EVENT_SKIP_REASON_LABELS;
  return [
    ...REASON_CHOICES.map((c) =>
      shared(c.value)
        ? {
            value: c.value,
            label:
              c.value === 'before_connection'
                ? 'Skipped: before your mailbox was connected'
                : `Skipped: ${eventReasonLabel(c.value)}`,
          }
        : c,
    ),
    ...EVENT_REASON_CHOICES.filter((c) => !emailValues.has(c.value)),
  ];
}
