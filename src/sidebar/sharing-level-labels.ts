import { sharingLevelLabel } from '../content/sharing-level-labels';
import type { SharingLevel } from '../types';

// What each sharing level is called wherever a person picks one: both sidebars' save forms and the dashboard's
// settings. Words true to `shareContent` (rulebook 3b): metadata is who and when, subject adds the subject, full
// adds the body and the attachments' files within the server's per-email limit (`sharingLevelLabel`, which a face
// that knows the server's limit calls with it). This table is the same words at the default limit.

export const SHARING_LEVEL_LABELS: Readonly<Record<SharingLevel, string>> = {
  metadata: sharingLevelLabel('metadata'),
  subject: sharingLevelLabel('subject'),
  full: sharingLevelLabel('full'),
};

/** The save form's choice that leaves the level to the rep's settings for the email's direction. */
export const DEFAULT_SHARING_LEVEL_LABEL = 'My default level for this direction';

/** The levels in the order they are offered, least shared first. */
export const SHARING_LEVELS: readonly SharingLevel[] = ['metadata', 'subject', 'full'];

export function isSharingLevel(value: unknown): value is SharingLevel {
  return typeof value === 'string' && (SHARING_LEVELS as readonly string[]).includes(value);
}
