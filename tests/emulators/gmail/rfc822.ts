/** Builds a small RFC 5322 message (text body, optional attachments) for the Gmail emulator's `raw` format. */
import { randomBytes } from 'node:crypto';

export interface Rfc822Input {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  date: Date;
  messageId: string;
  headers?: Record<string, string>;
  body?: string;
  attachments?: { name: string; contentType?: string; content?: string }[];
}

export function buildRfc822(m: Rfc822Input): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    ...(m.cc && m.cc.length > 0 ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const body = m.body ?? '';
  if (!m.attachments || m.attachments.length === 0) {
    return [
      ...lines,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
    ].join('\r\n');
  }
  const boundary = `b_${randomBytes(8).toString('hex')}`;
  const parts = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    ...m.attachments.flatMap((a) => [
      `--${boundary}`,
      `Content-Type: ${a.contentType ?? 'application/octet-stream'}; name="${a.name}"`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(a.content ?? 'attachment content').toString('base64'),
    ]),
    `--${boundary}--`,
    '',
  ];
  return [...lines, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts].join('\r\n');
}
