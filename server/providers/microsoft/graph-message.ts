/** A Graph `message` resource as the core's MailMessage. */
import type { EmailAddress, Folder, MailMessage } from '../../../src';
import { htmlToText } from '../html-to-text';

export interface GraphRecipient {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

export interface GraphMessage {
  id: string;
  '@removed'?: { reason: string };
  receivedDateTime?: string;
  sentDateTime?: string | null;
  subject?: string | null;
  from?: GraphRecipient | null;
  sender?: GraphRecipient | null;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  internetMessageId?: string | null;
  conversationId?: string | null;
  hasAttachments?: boolean;
  isDraft?: boolean;
  body?: { contentType?: string; content?: string } | null;
  internetMessageHeaders?: { name: string; value: string }[];
}

export interface GraphAttachment {
  name?: string | null;
  size?: number;
  contentType?: string | null;
}

function address(r: GraphRecipient | null | undefined): EmailAddress | undefined {
  const a = r?.emailAddress?.address;
  if (!a) return undefined;
  const name = r?.emailAddress?.name;
  return name && name !== a ? { address: a, name } : { address: a };
}

const addresses = (list: GraphRecipient[] | undefined) =>
  (list ?? []).map(address).filter((a): a is EmailAddress => a !== undefined);

/** Header fields with lower-case names, repeated fields joined (rule 4a reads auto-submitted, precedence, list-id). */
export function headerFields(list: { name: string; value: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, value } of list) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

export function graphToMailMessage(
  m: GraphMessage,
  folder: Folder,
  extra: { headers?: { name: string; value: string }[]; attachments?: GraphAttachment[] } = {},
): MailMessage {
  const from = address(m.from) ?? address(m.sender) ?? { address: '' };
  const message: MailMessage = {
    internetMessageId: m.internetMessageId ?? '',
    folder,
    from,
    to: addresses(m.toRecipients),
    cc: addresses(m.ccRecipients),
    bcc: addresses(m.bccRecipients),
    subject: m.subject ?? '',
    sentAt: m.sentDateTime ?? m.receivedDateTime ?? '',
  };
  if (m.conversationId) message.threadId = m.conversationId;
  const headers = extra.headers ?? m.internetMessageHeaders;
  if (headers) message.headers = headerFields(headers);
  if (m.body?.content !== undefined) {
    message.bodyText = m.body.contentType === 'html' ? htmlToText(m.body.content) : m.body.content;
  }
  if (extra.attachments) {
    message.attachments = extra.attachments.map((a) => ({
      name: a.name ?? 'attachment',
      size: a.size ?? 0,
      contentType: a.contentType ?? 'application/octet-stream',
    }));
  } else if (m.hasAttachments === false) {
    message.attachments = [];
  }
  return message;
}
