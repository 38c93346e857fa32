// Disconnecting: the mailbox row and its sealed secret go, the user shows as not connected. Google's refresh token
// is revoked too, as a courtesy (Microsoft has no revoke for one app's refresh token; the grant is simply forgotten).
// A Microsoft 365 mailbox's change-notification subscription is deleted at Graph, best effort.
import { disconnectMailbox, getMailboxOfUser } from '../db/mailboxes-repo';
import { gmailAuthClient } from '../providers/google';
import { stopGmailPush } from '../providers/google/gmail-push-stop';
import { deleteGraphSubscription } from '../providers/microsoft/graph-subscription-cleanup';
import { gmailProvider } from './mailbox-providers';
import { addressOf, openSecret } from './mailbox-store';
import type { MailboxOAuthDeps } from './mailbox-oauth';

export async function disconnectUserMailbox(deps: MailboxOAuthDeps, userId: string): Promise<boolean> {
  const mailbox = await getMailboxOfUser(deps.db, userId);
  if (!mailbox) return false;
  const provider = gmailProvider(deps.config);
  const secret = mailbox.kind === 'gmail' && provider ? openSecret(deps.secrets, mailbox) : undefined;
  if (provider && typeof secret?.refreshToken === 'string') {
    await stopGmailPush(deps.db, mailbox, provider, secret.refreshToken); // before the revoke, while it can
    try {
      await gmailAuthClient(provider, { refreshToken: secret.refreshToken }).revokeToken(secret.refreshToken);
    } catch (error) {
      // Already revoked, or Google unreachable: the connection is forgotten here either way, but an admin may want
      // to remove Liaison's access at Google by hand.
      deps.warn?.(
        `Google did not revoke Liaison's access to the Gmail mailbox ${addressOf(mailbox)} (user ${userId}) on ` +
          `disconnect: ${error instanceof Error ? error.message : String(error)}. The mailbox is disconnected here; ` +
          'its owner can remove Liaison at https://myaccount.google.com/permissions.',
      );
    }
  }
  await deleteGraphSubscription(deps, mailbox);
  return disconnectMailbox(deps.db, userId);
}
