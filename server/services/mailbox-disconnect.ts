// Disconnecting: the mailbox row and its sealed secret go, the user shows as not connected. First its provider
// lets go at its end, best effort (Provider.disconnect: Google's watch stopped and refresh token revoked, a
// Microsoft 365 mailbox's change-notification subscription deleted).
import { disconnectMailbox, getMailboxOfUser } from '../db/mailboxes-repo';
import type { ProviderDeps } from '../providers/provider';
import { providerOf } from '../providers/registry';

export async function disconnectUserMailbox(deps: ProviderDeps, userId: string): Promise<boolean> {
  const mailbox = await getMailboxOfUser(deps.db, userId);
  if (!mailbox) return false;
  await providerOf(mailbox.kind).disconnect?.(deps, mailbox);
  return disconnectMailbox(deps.db, userId);
}
