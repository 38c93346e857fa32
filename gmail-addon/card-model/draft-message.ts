import type { MailMessage } from '../../src';

// The reply being written, as the core's MailMessage for the sidebar's view of its recipients. Gmail's compose
// trigger (draftAccess METADATA) gives the recipients and, for a reply, the thread; nothing else of the draft.

export interface DraftMetadata {
  threadId: string;
  from: string;
  toRecipients?: string[];
  ccRecipients?: string[];
  bccRecipients?: string[];
}

export function draftMessage(draft: DraftMetadata, now: Date): MailMessage {
  const list = (addresses: string[] | undefined) => (addresses ?? []).map((address) => ({ address }));
  return {
    internetMessageId: '',
    threadId: draft.threadId,
    folder: 'drafts',
    from: { address: draft.from },
    to: list(draft.toRecipients),
    cc: list(draft.ccRecipients),
    bcc: list(draft.bccRecipients),
    subject: '',
    sentAt: now.toISOString(),
  };
}
