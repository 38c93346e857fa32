import type { SharingLevel } from '../types';
import { DEFAULT_ATTACHMENT_LIMIT_MB, formatLimit, megabytes } from './attachment-files';

// The sharing levels as every face names them (dashboard settings, the Outlook save dialog, the Gmail card), so
// that what they promise is what `shareContent` does, the server's file limit included.

export function sharingLevelLabel(
  level: SharingLevel,
  attachmentLimitMb = DEFAULT_ATTACHMENT_LIMIT_MB,
): string {
  if (level === 'full')
    return `Full email (body, attachment files up to ${formatLimit(megabytes(attachmentLimitMb))} per email)`;
  if (level === 'subject') return 'Subject and metadata';
  return 'Metadata only (who and when)';
}
