import type { ActivityContent, EmailAddress, MailMessage, SharingLevel } from '../types';

// Section 3b: what an activity contains at each sharing level. Bcc is never written at any level, and at
// `metadata` neither the subject nor the body leaves the mailbox. Never throws on malformed input.

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

function attachmentList(list: unknown): ActivityContent['attachments'] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((a: Partial<ActivityContent['attachments'][number]> | null) =>
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

export function shareContent(message: MailMessage, level: SharingLevel): ActivityContent {
  const m: Partial<MailMessage> = typeof message === 'object' && message !== null ? message : {};
  const meta = metadataLines(m).join('\n');
  const subject = typeof m.subject === 'string' ? m.subject : '';
  if (level === 'full') {
    const body = typeof m.bodyText === 'string' ? m.bodyText : '';
    return { subject, body: `${meta}\n\n${body}`, attachments: attachmentList(m.attachments) };
  }
  if (level === 'subject') return { subject, body: meta, attachments: [] };
  // `metadata`, and any unknown level: the least is shared.
  return { subject: 'Email', body: meta, attachments: [] };
}
