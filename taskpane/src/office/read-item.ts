import type { EmailAddress, MailAttachment, MailMessage } from '../../../src/types';
import { openItemFolder } from '../../../src/sidebar/open-item-folder';
import { threadHeaderFields } from './internet-headers';
import { BASE64, SUCCEEDED, TEXT, type AddressDetails, type ReadItemLike } from './office-like';

// The open item as the core's MailMessage. Only the envelope is read when an item opens; the body and attachment
// names (and, for a save at `full`, the files) are read by `readContent`, called when the rep saves.

function address(details: AddressDetails | undefined): EmailAddress {
  if (!details) return { address: '' };
  return details.displayName
    ? { address: details.emailAddress, name: details.displayName }
    : { address: details.emailAddress };
}

const addresses = (list: AddressDetails[] | undefined): EmailAddress[] => (list ?? []).map(address);

function iso(value: Date | string | undefined): string {
  if (value === undefined) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/**
 * The envelope of the open item. Outlook does not say which folder an item is in: the core's `openItemFolder`
 * decides from what is known (the sender and the rep's address), as it does for Gmail.
 */
export function readEnvelope(item: ReadItemLike, userAddress: string | undefined): MailMessage {
  const appointment = item.itemType === 'appointment';
  const from = address(appointment ? item.organizer : item.from);
  const threadId = item.conversationId;
  return {
    // Appointments have no Message-ID; their item id names them for the sidebar.
    internetMessageId: item.internetMessageId ?? item.itemId ?? '',
    ...(threadId ? { threadId } : {}),
    folder: openItemFolder({ from: from.address, userAddresses: userAddress ? [userAddress] : [] }),
    from,
    to: addresses(appointment ? item.requiredAttendees : item.to),
    cc: addresses(appointment ? item.optionalAttendees : item.cc),
    bcc: [],
    subject: item.subject ?? '',
    sentAt: iso(appointment ? (item.start ?? item.dateTimeCreated) : item.dateTimeCreated),
  };
}

/**
 * References and In-Reply-To, which name the thread's root for every mailbox (IMAP and Maildir replies carry no
 * conversationId). Only where Mailbox 1.8 is supported; otherwise, or when Outlook fails to answer, undefined: the
 * server then knows the thread by the conversationId alone and never takes the email for the thread's first.
 */
export function readThreadHeaders(item: ReadItemLike): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    if (item.itemType === 'appointment' || typeof item.getAllInternetHeadersAsync !== 'function')
      return resolve(undefined);
    try {
      item.getAllInternetHeadersAsync((result) =>
        resolve(
          result.status === SUCCEEDED && typeof result.value === 'string'
            ? threadHeaderFields(result.value)
            : undefined,
        ),
      );
    } catch {
      resolve(undefined);
    }
  });
}

/**
 * Body text, attachment names and (with `headers`, where Mailbox 1.8 is supported) the thread's header fields, read
 * only when the rep saves (inline images are not attachments). With `files`
 * (a save at `full`), the files' content too, through getAttachmentContentAsync (Mailbox 1.8), in order while their
 * sizes fit the server's per-email limit: the server saves those as files and names the others. A cloud
 * attachment (a link) or an attached email has no base64 content and is named only.
 */
export async function readContent(
  item: ReadItemLike,
  options: { headers?: boolean; files?: { limitBytes: number } } = {},
): Promise<Pick<MailMessage, 'bodyText' | 'attachments' | 'headers'>> {
  const { files } = options;
  const listed = (item.attachments ?? []).filter((a) => !a.isInline);
  let room = files?.limitBytes ?? 0;
  const attachments: MailAttachment[] = [];
  for (const a of listed) {
    const attachment: MailAttachment = {
      name: a.name,
      size: a.size,
      contentType: a.contentType ?? 'application/octet-stream',
    };
    if (files && a.id && item.getAttachmentContentAsync && a.size <= room) {
      const content = await attachmentContent(item, a.id);
      if (content !== undefined) {
        attachment.content = content;
        room -= a.size;
      }
    }
    attachments.push(attachment);
  }
  const bodyText = await new Promise<string>((resolve, reject) => {
    if (!item.body) return resolve('');
    item.body.getAsync(TEXT, (result) =>
      result.status === SUCCEEDED
        ? resolve(result.value)
        : reject(new Error(result.error?.message ?? 'Outlook could not read the body.')),
    );
  });
  const headers = options.headers ? await readThreadHeaders(item) : undefined;
  return headers ? { bodyText, attachments, headers } : { bodyText, attachments };
}

/** A file attachment's base64 content; undefined for other formats or when Outlook cannot give it. */
function attachmentContent(item: ReadItemLike, id: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    item.getAttachmentContentAsync!(id, (result) =>
      resolve(
        result.status === SUCCEEDED && result.value.format === BASE64 ? result.value.content : undefined,
      ),
    ),
  );
}
