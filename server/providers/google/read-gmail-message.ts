import type { Folder, MailMessage } from '../../../src';
import { HttpError } from '../../app/http-error';
import { emlToMessage } from '../eml-to-message';
import { gmailFolder } from './gmail-labels';

// The open email, read from the Gmail API with the add-on's per-message access token (header
// X-Goog-Gmail-Access-Token) and the user's OAuth token: the header block when the card opens (metadata scope),
// the whole message only when the rep saves (action scope). Parsed by the same code as the sync's sources.

export interface GmailEventMessage {
  messageId: string;
  accessToken: string;
  userOAuthToken: string;
}

interface GmailApiMessage {
  threadId?: string;
  labelIds?: string[];
  raw?: string;
  payload?: { headers?: { name: string; value: string }[] };
}

function folderOf(labels: string[]): Folder {
  if (labels.includes('DRAFT')) return 'drafts';
  if (labels.includes('TRASH')) return 'deleted';
  if (labels.includes('SPAM')) return 'junk';
  return gmailFolder(labels) ?? 'other';
}

export async function readGmailMessage(
  apiUrl: string,
  event: GmailEventMessage,
  withContent: boolean,
): Promise<MailMessage> {
  const format = withContent ? 'raw' : 'metadata';
  const url = `${apiUrl}/gmail/v1/users/me/messages/${encodeURIComponent(event.messageId)}?format=${format}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        authorization: `Bearer ${event.userOAuthToken}`,
        'x-goog-gmail-access-token': event.accessToken,
      },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new HttpError(502, 'gmail_unreachable', `Gmail could not be reached: ${(error as Error).message}.`);
  }
  if (!response.ok)
    throw new HttpError(502, 'gmail_error', `Gmail did not return the open email (HTTP ${response.status}).`);
  const m = (await response.json()) as GmailApiMessage;
  const folder = folderOf(m.labelIds ?? []);
  const source = withContent
    ? Buffer.from(m.raw ?? '', 'base64url')
    : Buffer.from(`${(m.payload?.headers ?? []).map((h) => `${h.name}: ${h.value}`).join('\r\n')}\r\n\r\n`);
  // When saving, the attachments' content too: kept as files only at `full` (within the size limit).
  const message = await emlToMessage(source, folder, { files: withContent });
  if (!withContent) {
    delete message.bodyText; // the header block only: nothing of the content when the card opens
    delete message.attachments;
  }
  if (m.threadId) message.threadId = m.threadId;
  return message;
}
