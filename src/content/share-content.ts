import type { ActivityContent, EmailAddress, MailAttachment, MailMessage, SharingLevel } from '../types';
import {
  DEFAULT_ATTACHMENT_LIMIT_MB,
  megabytes,
  notSavedLines,
  planAttachmentFiles,
} from './attachment-files';

// Section 3b: what an activity contains at each sharing level. Bcc is never written at any level, and at
// `metadata` neither the subject nor the body leaves the mailbox. At `full` the attachments whose content was
// read are saved as files with the activity up to the per-email limit; the others are named at the end of the
// body, with why. Never throws on malformed input.

export interface ShareOptions {
  /** Bytes of files saved per email (default 25 MB). */
  attachmentLimitBytes?: number;
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: Partial<EmailAddress> | null) =>
    item && typeof item.address === 'string' && item.address.trim() !== '' ? [item.address.trim()] : [],
  );
}

function metadataLines(message: Partial<MailMessage>): string[] {
  const from = message.from && typeof message.from.address === 'string' ? message.from.address.trim() : '';
  const cc = addresses(message.cc);
  const lines = [`From: ${from}`, `To: ${addresses(message.to).join(', ')}`];
  if (cc.length > 0) lines.push(`Cc: ${cc.join(', ')}`);
  lines.push(`Date: ${typeof message.sentAt === 'string' ? message.sentAt : ''}`);
  return lines;
}

function validAttachments(list: unknown): Partial<MailAttachment>[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (a: Partial<MailAttachment> | null): a is Partial<MailAttachment> => !!a && typeof a.name === 'string',
  );
}

function attachmentList(list: Partial<MailAttachment>[]): ActivityContent['attachments'] {
  return list.flatMap((a) =>
    a && typeof a.name === 'string'
      ? [
          {
            name: a.name,
            size: typeof a.size === 'number' ? a.size : 0,
            contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream',
          },
        ]
      : [],
  );
}

export function shareContent(
  message: MailMessage,
  level: SharingLevel,
  options: ShareOptions = {},
): ActivityContent {
  const m: Partial<MailMessage> = typeof message === 'object' && message !== null ? message : {};
  const meta = metadataLines(m).join('\n');
  const subject = typeof m.subject === 'string' ? m.subject : '';
  if (level === 'full') {
    const limit = options.attachmentLimitBytes ?? megabytes(DEFAULT_ATTACHMENT_LIMIT_MB);
    const attachments = validAttachments(m.attachments);
    const { files, notSaved } = planAttachmentFiles(attachments, limit);
    let body = `${meta}\n\n${typeof m.bodyText === 'string' ? m.bodyText : ''}`;
    if (notSaved.length > 0)
      body += `\n\nAttachments not saved:\n${notSavedLines(notSaved, limit).join('\n')}`;
    return { subject, body, attachments: attachmentList(attachments), files, notSaved };
  }
  if (level === 'subject') return { subject, body: meta, attachments: [], files: [], notSaved: [] };
  // `metadata`, and any unknown level: the least is shared.
  return { subject: 'Email', body: meta, attachments: [], files: [], notSaved: [] };
}
