import type { ActivityFile, MailAttachment, NotSavedAttachment } from '../types';
import { joinAnd } from '../rules/trace-text';

// Which attachments of one email are saved as files with its activity at `full`: in the email's order, while
// their total stays within the per-email limit; a file that would pass it is named in the activity and skipped,
// and so is one whose content was not read (an Outlook cloud link has none). Pure: the server passes the limit.

export const DEFAULT_ATTACHMENT_LIMIT_MB = 25;
const MB = 1024 * 1024;

export function megabytes(mb: number): number {
  return Math.round(mb * MB);
}

export interface AttachmentPlan {
  files: ActivityFile[];
  notSaved: NotSavedAttachment[];
}

/** Bytes a base64 text decodes to (white space ignored), without decoding it. */
export function base64Bytes(content: string): number {
  const text = content.replace(/\s+/g, '');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

export function planAttachmentFiles(
  attachments: readonly Partial<MailAttachment>[],
  limitBytes: number,
): AttachmentPlan {
  const plan: AttachmentPlan = { files: [], notSaved: [] };
  let total = 0;
  for (const a of attachments) {
    const name = typeof a.name === 'string' ? a.name : 'attachment';
    const contentType = typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream';
    const content = typeof a.content === 'string' ? a.content : undefined;
    const size = content !== undefined ? base64Bytes(content) : typeof a.size === 'number' ? a.size : 0;
    if (total + size > limitBytes) plan.notSaved.push({ name, size, reason: 'over_limit' });
    else if (content === undefined) plan.notSaved.push({ name, size, reason: 'unread' });
    else {
      total += size;
      plan.files.push({ name, size, contentType, content });
    }
  }
  return plan;
}

/** `900 bytes`, `12 KB`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / MB;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The limit as people read it: `25 MB`. */
export function formatLimit(limitBytes: number): string {
  const mb = limitBytes / MB;
  return Number.isInteger(mb) ? `${mb} MB` : formatBytes(limitBytes);
}

/** One line per attachment not saved, for the activity's description. */
export function notSavedLines(notSaved: readonly NotSavedAttachment[], limitBytes: number): string[] {
  return notSaved.map((a) =>
    a.reason === 'over_limit'
      ? `- ${a.name} (${formatBytes(a.size)}): not saved, past the ${formatLimit(limitBytes)} of files saved per email`
      : `- ${a.name}: not saved, its content could not be read from the mailbox`,
  );
}

/** The trace's sentence on what became of the attachments of a save at `full`; none without attachments. */
export function attachmentsSentence(plan: AttachmentPlan, limitBytes: number): string | undefined {
  const saved = plan.files.map((f) => f.name);
  const over = plan.notSaved.filter((a) => a.reason === 'over_limit');
  const unread = plan.notSaved.filter((a) => a.reason === 'unread').map((a) => a.name);
  const parts: string[] = [];
  if (saved.length > 0)
    parts.push(`${joinAnd(saved)} saved as ${saved.length === 1 ? 'a file' : 'files'} with the activity`);
  if (over.length > 0)
    parts.push(
      `${joinAnd(over.map((a) => `${a.name} (${formatBytes(a.size)})`))} past the ${formatLimit(limitBytes)} of files saved per email: named in the activity, not saved`,
    );
  if (unread.length > 0)
    parts.push(`${joinAnd(unread)} named in the activity, not saved: the content could not be read`);
  return parts.length > 0 ? `Attachments: ${parts.join('; ')}.` : undefined;
}
