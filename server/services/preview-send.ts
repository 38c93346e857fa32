import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/app-deps';
import { conflict } from '../app/http-error';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { providerOf } from '../providers/registry';

// The preview's Send (issue 18): the email written in the preview's compose mode, with the internet headers the
// pane set on it (x-liaison-save), delivered into the rep's Maildir Sent folder as a mail server's sent copy would
// appear, so the next sync sees it there. Only a Maildir mailbox (npm start's demo mailbox) can be written to;
// nothing is sent to anyone.

export interface PreviewDraft {
  to: { address: string; name?: string | undefined }[];
  cc: { address: string; name?: string | undefined }[];
  subject: string;
  body: string;
  headers: Record<string, string>;
}

/** A header value as RFC 2047 asks when it is not plain ASCII. */
function encoded(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function mailbox(a: { address: string; name?: string | undefined }): string {
  return a.name ? `"${encoded(a.name.replace(/["\\\r\n]/g, ''))}" <${a.address}>` : a.address;
}

/** The sent copy as RFC 5322 text. */
export function sentCopy(user: User, draft: PreviewDraft, at: Date, messageId: string): string {
  const lines = [
    `Message-ID: ${messageId}`,
    `From: ${mailbox({ address: user.addresses[0] ?? '', name: user.displayName })}`,
    `To: ${draft.to.map(mailbox).join(', ')}`,
    ...(draft.cc.length > 0 ? [`Cc: ${draft.cc.map(mailbox).join(', ')}`] : []),
    `Subject: ${encoded(draft.subject)}`,
    `Date: ${at.toUTCString()}`,
    ...Object.entries(draft.headers).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    draft.body.replace(/\r?\n/g, '\r\n'),
    '',
  ];
  return lines.join('\r\n');
}

export async function sendFromPreview(
  deps: Pick<AppDeps, 'db' | 'now'>,
  user: User,
  draft: PreviewDraft,
): Promise<{ messageId: string; folder: 'Sent' }> {
  const found = await getMailboxOfUser(deps.db, user.id);
  const send = found && providerOf(found.kind).previewSend;
  if (!found || !send)
    throw conflict(
      'no_maildir',
      "The preview can send only into a Maildir mailbox (npm start's demo mailbox); yours is " +
        `${found ? `a ${found.kind} mailbox` : 'not connected'}. Send from Outlook instead.`,
    );
  const messageId = `<preview-${randomUUID()}@liaison.invalid>`;
  await send(found, sentCopy(user, draft, deps.now(), messageId));
  return { messageId, folder: 'Sent' };
}
