import type { SharingLevel } from '../types';

// What each sharing level is called wherever a person picks one: both sidebars' save forms and the dashboard's
// settings. Words true to `shareContent` (rulebook 3b): metadata is who and when, subject adds the subject, full
// adds the body and the attachments' names.

export const SHARING_LEVEL_LABELS: Readonly<Record<SharingLevel, string>> = {
  metadata: 'Metadata only (who and when)',
  subject: 'Subject and metadata',
  full: 'Full email (body and attachment names)',
};

/** The save form's choice that leaves the level to the rep's settings for the email's direction. */
export const DEFAULT_SHARING_LEVEL_LABEL = 'My default level for this direction';

/** The levels in the order they are offered, least shared first. */
export const SHARING_LEVELS: readonly SharingLevel[] = ['metadata', 'subject', 'full'];

export function isSharingLevel(value: unknown): value is SharingLevel {
  return typeof value === 'string' && (SHARING_LEVELS as readonly string[]).includes(value);
}
