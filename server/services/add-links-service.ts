import {
  knownThreadRoot,
  normalizeMessageId,
  recordKey,
  threadIdOf,
  type MailMessage,
  type RecordRef,
  type SavedEmail,
} from '../../src';
import type { AppDeps } from '../app/app-deps';
import { badRequest, conflict, HttpError } from '../app/http-error';
import { addLedgerLinks, findSavedEmails } from '../db/ledger-repo';
import { subscribeThread } from '../db/subscriptions-repo';
import type { User } from '../db/users-repo';
import { describeSaved } from './save-service';
import { assertTookPart } from './took-part';

// Rulebook section 4: an email saved already is not saved again, but the rep may add links to it (contacts and
// leads, a related record when it has none) and turn on thread auto-save. The CRM's activity gets the links
// first, then the ledger, so the sidebar never says an email is linked to a record the CRM does not show.

export interface AddLinks {
  message: MailMessage;
  who: RecordRef[];
  what?: RecordRef;
  autosaveThread: boolean;
}

const isWhat = (r: RecordRef) => r.kind === 'opportunity' || r.kind === 'account';

export async function addLinksToSaved(
  deps: Pick<AppDeps, 'db' | 'crm'>,
  user: User,
  input: AddLinks,
): Promise<{ saved: SavedEmail; subscribed: boolean }> {
  assertTookPart(user, input.message, 'add links to');
  const messageId = normalizeMessageId(input.message.internetMessageId);
  const entry = messageId ? (await findSavedEmails(deps.db, [messageId])).get(messageId) : undefined;
  if (!entry)
    throw new HttpError(
      404,
      'not_saved',
      'This email is not saved in the CRM yet: save it first, then add links.',
    );
  const linked = new Set(entry.links.map(recordKey));
  const who = input.who.filter((r) => !linked.has(recordKey(r)));
  const current = entry.links.find(isWhat);
  if (input.what && current && recordKey(current) !== recordKey(input.what))
    throw conflict(
      'what_taken',
      'This email is related to another opportunity or account already; a CRM activity has one related record.',
    );
  const what = input.what && !current ? input.what : undefined;
  if (what && !deps.crm.addsWhatLater)
    throw badRequest('Your CRM does not let a related record be added to an email saved earlier.');
  if (who.length === 0 && !what && !input.autosaveThread)
    throw badRequest('Pick a contact, lead, opportunity or account the email is not linked to yet.');

  let updated = entry;
  if (who.length > 0 || what) {
    const result = await deps.crm.addActivityLinks(entry.activityId, { who, ...(what ? { what } : {}) });
    if (!result.ok) throw new HttpError(502, 'crm_error', `The CRM refused the links: ${result.error}`);
    updated = (await addLedgerLinks(deps.db, messageId, [...who, ...(what ? [what] : [])])) ?? entry;
  }
  let subscribed = false;
  if (input.autosaveThread) {
    const threadWhat = what ?? current;
    // The root as well as the face's thread id: IMAP and Maildir replies carry only References.
    await subscribeThread(
      deps.db,
      user.id,
      threadIdOf(input.message),
      threadWhat,
      input.message.subject,
      knownThreadRoot(input.message),
    );
    subscribed = true;
  }
  return { saved: await describeSaved(deps, updated), subscribed };
}
