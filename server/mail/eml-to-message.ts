import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EmailAddress, Folder, MailMessage } from '../../src';

// An RFC 5322 message (a .eml file, a Maildir file, an IMAP body) as the core's MailMessage, parsed by mailparser.

function flattenAddresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => {
      const members = entry.group ?? [entry];
      return members.map((m) =>
        m.name ? { address: m.address ?? '', name: m.name } : { address: m.address ?? '' },
      );
    }),
  );
}

/** Other header fields as plain strings, names lower-case, folded lines joined (rule 4a and thread ids read them). */
function headerFields(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

export async function emlToMessage(source: Buffer | string, folder: Folder = 'inbox'): Promise<MailMessage> {
  const parsed = await simpleParser(source, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const from = flattenAddresses(parsed.from)[0] ?? { address: '' };
  const message: MailMessage = {
    internetMessageId: parsed.messageId ?? '',
    folder,
    from,
    to: flattenAddresses(parsed.to),
    cc: flattenAddresses(parsed.cc),
    bcc: flattenAddresses(parsed.bcc),
    subject: parsed.subject ?? '',
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : '',
    headers: headerFields(parsed),
    attachments: parsed.attachments.map((a) => ({
      name: a.filename ?? 'attachment',
      size: a.size,
      contentType: a.contentType,
    })),
  };
  if (parsed.text !== undefined) message.bodyText = parsed.text;
  return message;
}
