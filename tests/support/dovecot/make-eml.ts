// A small RFC 5322 message for connector tests (IMAP and Maildir): the fields the sources must carry through.

export interface EmlFields {
  messageId: string;
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  date?: Date;
  body?: string;
  headers?: Record<string, string>;
}

export function makeEml(fields: EmlFields): string {
  const lines = [
    `Message-ID: <${fields.messageId}>`,
    `From: ${fields.from ?? 'Ann Buyer <ann@customer.example>'}`,
    `To: ${fields.to ?? 'Rep One <rep@liaison.example>'}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject ?? `About ${fields.messageId}`}`,
    `Date: ${(fields.date ?? new Date()).toUTCString()}`,
    ...Object.entries(fields.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body ?? `Body of ${fields.messageId}.`,
    '',
  ];
  return lines.join('\r\n');
}
