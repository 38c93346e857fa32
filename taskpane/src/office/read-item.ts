import type { EmailAddress, MailMessage } from '../../../src/types';
import { threadHeaderFields } from './internet-headers';
import { SUCCEEDED, TEXT, type AddressDetails, type ReadItemLike } from './office-like';

// The open item as the core's MailMessage. Only the envelope is read when an item opens; the body and attachment
// names are read by `readContent`, called when the rep saves.

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
 * The envelope of the open item. Outlook does not say which folder an item is in; mail from the signed-in user's
 * own address reads as Sent, anything else as Inbox, which is how the rules read direction.
 */
export function readEnvelope(item: ReadItemLike, userAddress: string | undefined): MailMessage {
  const appointment = item.itemType === 'appointment';
  const from = address(appointment ? item.organizer : item.from);
  const mine = !!userAddress && from.address.toLowerCase() === userAddress.toLowerCase();
  const threadId = item.conversationId;
  return {
    // Appointments have no Message-ID; their item id names them for the sidebar.
    internetMessageId: item.internetMessageId ?? item.itemId ?? '',
    ...(threadId ? { threadId } : {}),
    folder: mine ? 'sent' : 'inbox',
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
 * only when the rep saves (inline images are not attachments).
 */
export async function readContent(
  item: ReadItemLike,
  options: { headers?: boolean } = {},
): Promise<Pick<MailMessage, 'bodyText' | 'attachments' | 'headers'>> {
  const attachments = (item.attachments ?? [])
    .filter((a) => !a.isInline)
    .map((a) => ({ name: a.name, size: a.size, contentType: a.contentType ?? 'application/octet-stream' }));
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
