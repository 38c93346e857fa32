import { SKIP_REASON_LABELS } from '../../../src/sidebar/autoshare-line';
import type { SkipReason } from '../../../src/types';

// Reasons as people read them: the core's labels for skips (the sidebars use the same), two words for saves.

export const SAVE_REASON_LABELS: Record<string, string> = {
  autoshare: 'auto-shared',
  thread_autosave: 'thread auto-save',
  manual: 'by hand',
};

export function reasonLabel(reason: string): string {
  return SKIP_REASON_LABELS[reason as SkipReason] ?? SAVE_REASON_LABELS[reason] ?? reason.replace(/_/g, ' ');
}

/** Every reason the Activity filter offers, saves first. */
export const REASON_CHOICES: readonly { value: string; label: string }[] = [
  ...Object.keys(SAVE_REASON_LABELS).map((value) => ({ value, label: `Saved: ${reasonLabel(value)}` })),
  ...Object.keys(SKIP_REASON_LABELS).map((value) => ({ value, label: `Skipped: ${reasonLabel(value)}` })),
];
