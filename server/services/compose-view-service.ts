import type { EmailAddress, MailMessage, SidebarView } from '../../src';
import type { User } from '../db/users-repo';
import { sidebarView } from './sidebar-service';

// The sidebar of an email being written (issue 18, Outlook's compose pane): the same view as a sent email's (who is
// known, New records, what autosharing would do), asked from its recipients and subject. A draft has no
// Message-ID and is not sent yet: it is asked about under a placeholder id that names nothing saved (the ledger
// never holds it), and its autosharing line says what will happen once it is sent.

/** Never a real Message-ID (no `@`): the ledger and the caches can never confuse it with a saved email. */
export const DRAFT_MESSAGE_ID = '<liaison-draft-not-sent>';

export interface DraftRequest {
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  threadId?: string | undefined;
}

/** "Will be saved at the next sync, …" said of a draft: what happens once it is sent. */
export function draftAutoshareLine(line: string): string {
  if (line.startsWith('Will be saved'))
    return `Once sent, it will be saved${line.slice('Will be saved'.length)}`;
  const skip = /^Won't be saved(?: automatically)?: (.*)$/.exec(line);
  if (skip) return `Once sent, it won't be saved automatically: ${skip[1]}`;
  return `Once sent: ${line}`;
}

export async function draftSidebarView(
  deps: Parameters<typeof sidebarView>[0],
  user: User,
  draft: DraftRequest,
  now = new Date(),
): Promise<SidebarView> {
  const message: MailMessage = {
    internetMessageId: DRAFT_MESSAGE_ID,
    ...(draft.threadId ? { threadId: draft.threadId } : {}),
    // As the sent copy will be: from the rep, in Sent Items, sent now.
    folder: 'sent',
    from: { address: user.addresses[0] ?? '', name: user.displayName },
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    sentAt: now.toISOString(),
  };
  const view = await sidebarView(deps, user, message);
  view.autoshare.line = draftAutoshareLine(view.autoshare.line);
  return view;
}
