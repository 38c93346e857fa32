import { parseAddressList } from '../../src/addresses/parse-address-list';
import type { Folder, MailAttachment, MailMessage } from '../../src';
import { openItemFolder } from '../../src/sidebar/open-item-folder';
import type { GmailMessageApi } from './globals';

// The open Gmail message as the core's MailMessage envelope. The thread id is Gmail's own, as the Gmail sync
// source sends it, so a thread auto-save set here matches the emails the sync reads later.

/** Header fields the rules read (threading, automated mail). */
const HEADERS = ['references', 'in-reply-to', 'auto-submitted', 'precedence', 'list-id'];

/** A label check the current-message scopes may refuse; then it is not known. */
function flag(check: () => boolean): boolean | undefined {
  try {
    return check();
  } catch {
    return undefined;
  }
}

/** What Gmail knows of where the message is; the core's `openItemFolder` decides, as it does for Outlook. */
function folderOf(message: GmailMessageApi, userEmail: string): Folder {
  const from = parseAddressList(message.getFrom())[0]?.address ?? '';
  const draft = flag(() => message.isDraft());
  const trash = flag(() => message.isInTrash());
  const inInbox = flag(() => message.isInInbox());
  return openItemFolder({
    from,
    userAddresses: [userEmail],
    ...(draft === undefined ? {} : { draft }),
    ...(trash === undefined ? {} : { trash }),
    ...(inInbox === undefined ? {} : { inInbox }),
  });
}

/**
 * `withContent` adds the plain body and attachment names: only when the rep saves (the action scope allows it);
 * `files` (a save at `full`) the attachments' content too, in order while their sizes fit the server's limit.
 */
export function readMessage(
  message: GmailMessageApi,
  userEmail: string,
  withContent: boolean,
  files?: { limitBytes: number; base64Encode(data: number[]): string },
): MailMessage {
  const headers: Record<string, string> = {};
  for (const name of HEADERS) {
    const value = message.getHeader(name);
    if (value) headers[name] = value;
  }
  const from = parseAddressList(message.getFrom())[0] ?? { address: message.getFrom() };
  const mail: MailMessage = {
    // Never invented: without the header the id is empty, as the Gmail sync source reads the same email, so the
    // card says it cannot be saved and the ledger never holds a key the sync would not find.
    internetMessageId: message.getHeader('Message-ID') || '',
    threadId: message.getThread().getId(),
    folder: folderOf(message, userEmail),
    from,
    to: parseAddressList(message.getTo()),
    cc: parseAddressList(message.getCc()),
    bcc: parseAddressList(message.getBcc()),
    subject: message.getSubject(),
    sentAt: message.getDate().toISOString(),
    headers,
  };
  if (withContent) {
    mail.bodyText = message.getPlainBody();
    let room = files?.limitBytes ?? 0;
    mail.attachments = message.getAttachments().map((a) => {
      const attachment: MailAttachment = {
        name: a.getName(),
        size: a.getSize(),
        contentType: a.getContentType(),
      };
      if (files && attachment.size <= room) {
        attachment.content = files.base64Encode(a.getBytes());
        room -= attachment.size;
      }
      return attachment;
    });
  }
  return mail;
}
