import type { AddressObject, ParsedMail } from 'mailparser';
import { mailparser } from '../runtime/heavy-modules';
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

const PARSE_OPTIONS = { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true } as const;

/** The envelope and header fields of a parsed message; no body, no attachments. */
function envelopeOf(parsed: ParsedMail, folder: Folder): MailMessage {
  return {
    internetMessageId: parsed.messageId ?? '',
    folder,
    from: flattenAddresses(parsed.from)[0] ?? { address: '' },
    to: flattenAddresses(parsed.to),
    cc: flattenAddresses(parsed.cc),
    bcc: flattenAddresses(parsed.bcc),
    subject: parsed.subject ?? '',
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : '',
    headers: headerFields(parsed),
  };
}

/**
 * The whole message: envelope, header fields, text body and the attachments' names, sizes and types; with `files`,
 * their content too (base64), which only a save at `full` asks for.
 */
export async function emlToMessage(
  source: Buffer | string,
  folder: Folder = 'inbox',
  options: { files?: boolean } = {},
): Promise<MailMessage> {
  const parsed = await mailparser().simpleParser(source, PARSE_OPTIONS);
  const message = envelopeOf(parsed, folder);
  message.attachments = parsed.attachments.map((a) => ({
    name: a.filename ?? 'attachment',
    size: a.size,
    contentType: a.contentType,
    ...(options.files ? { content: a.content.toString('base64') } : {}),
  }));
  if (parsed.text !== undefined) message.bodyText = parsed.text;
  return message;
}

/**
 * Where the header block ends (just after the blank line that closes it), or -1 when `data` holds no complete
 * header block yet. A message that is all headers has no blank line: its end is the end of the file.
 */
export function headerBlockEnd(data: Buffer): number {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return -1;
  if (lf < 0 || (crlf >= 0 && crlf < lf)) return crlf + 4;
  return lf + 2;
}

/**
 * The envelope and header fields from the header block only (everything the rules read), without the body and
 * attachments: the sync decides from these and reads the body only for what it saves at the `full` level.
 * `headers` may be the whole message; what follows the header block is ignored.
 */
export async function emlHeadersToMessage(headers: Buffer, folder: Folder = 'inbox'): Promise<MailMessage> {
  const end = headerBlockEnd(headers);
  const block = end < 0 ? Buffer.concat([headers, Buffer.from('\r\n\r\n')]) : headers.subarray(0, end);
  return envelopeOf(await mailparser().simpleParser(block, PARSE_OPTIONS), folder);
}
