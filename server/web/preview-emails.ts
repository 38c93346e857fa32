import type { MailMessage } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import { getUser, type User } from '../db/users-repo';
import { emlToMessage } from '../providers/eml-to-message';
import { providerOf } from '../providers/registry';
import { demoEmails } from '../sync/demo/demo-emails';

// The emails the preview offers: those in the caller's mailbox where its provider reads them directly
// (Provider.previewMessages: a Maildir, such as npm start's demo mailbox, so the preview shows what autosharing
// did to them), or, for a user without one, the demo emails themselves, parsed once.

const LIMIT = 50;

const demo = new Map<string, Promise<MailMessage[]>>();
/**
 * A user's demo set, addressed to them, dated when first asked for (after they connected), Message-IDs fixed for
 * the server's life. One per user: a save is refused on an email the rep did not take part in.
 */
function demoSet(now: Date, user: User): Promise<MailMessage[]> {
  let set = demo.get(user.id);
  if (!set) {
    const address = user.addresses[0] ?? '';
    // Quoted: a name may hold a comma or a dot, which a bare display name in an address field may not.
    const rep = user.displayName ? `"${user.displayName.replace(/["\\<>]/g, '')}" <${address}>` : address;
    set = Promise.all(
      demoEmails(now, rep).map((m) => emlToMessage(m.eml, m.folder === 'Sent' ? 'sent' : 'inbox')),
    );
    demo.set(user.id, set);
  }
  return set;
}

export async function previewEmails(
  deps: Pick<AppDeps, 'db' | 'now'>,
  userId: string,
): Promise<MailMessage[]> {
  const mailbox = await getMailboxOfUser(deps.db, userId);
  const preview = mailbox ? providerOf(mailbox.kind).previewMessages?.(mailbox) : undefined;
  const found = preview ? await preview.catch(() => []) : [];
  const user = found.length > 0 ? undefined : await getUser(deps.db, userId);
  const emails = found.length > 0 || !user ? found : await demoSet(deps.now(), user);
  return [...emails].sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, LIMIT);
}
