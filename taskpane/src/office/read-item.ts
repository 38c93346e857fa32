import type { EmailAddress, MailMessage } from '../../../src/types';
import { openItemFolder } from '../../../src/sidebar/open-item-folder';
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

/** Body text and attachment names, read only when the rep saves (inline images are not attachments). */
export async function readContent(
  item: ReadItemLike,
): Promise<Pick<MailMessage, 'bodyText' | 'attachments'>> {
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
  return { bodyText, attachments };
}
