import {
  knownThreadRoot,
  normalizeAddress,
  normalizeMessageId,
  shareContent,
  threadIdOf,
  type MailMessage,
  type RecordRef,
  type SavedEmail,
  type SharingLevel,
} from '../../src';
import { readMessage } from '../../src/rules/read-message';
import type { AppDeps } from '../app/app-deps';
import { badRequest, conflict, HttpError } from '../app/http-error';
import { findSavedEmails, recordSavedEmail, type LedgerEntry } from '../db/ledger-repo';
import { getSyncSettings } from '../db/settings-repo';
import { subscribeThread } from '../db/subscriptions-repo';
import { getUsers, type User } from '../db/users-repo';

// A rep saves an email by hand (rulebook section 4): any email may be saved, blacklisted or internal ones included;
// only `already_saved` refuses, and then the answer says where it was saved. The CRM write is idempotent by
// Message-ID and the ledger is unique per organisation, so a retry or a colleague's simultaneous save never makes
// a second activity.

export interface ManualSave {
  message: MailMessage;
  who: RecordRef[];
  what?: RecordRef;
  level?: SharingLevel;
  autosaveThread: boolean;
}

async function describe(deps: Pick<AppDeps, 'db'>, entry: LedgerEntry): Promise<SavedEmail> {
  const [by] = entry.savedBy ? await getUsers(deps.db, [entry.savedBy]) : [];
  return {
    activityId: entry.activityId,
    savedAt: entry.savedAt,
    savedBy: by?.displayName ?? 'a former user',
    mode: entry.mode,
    links: entry.links,
  };
}

function alreadySaved(saved: SavedEmail) {
  return conflict('already_saved', `This email is already saved in the CRM (by ${saved.savedBy}).`, {
    saved,
  });
}

export async function saveManually(
  deps: Pick<AppDeps, 'db' | 'crm'>,
  user: User,
  input: ManualSave,
): Promise<{ saved: SavedEmail; subscribed: boolean }> {
  const read = readMessage(input.message);
  if (!read.ok)
    throw badRequest(`This email cannot be saved: ${read.problems.join('; ')}.`, { problems: read.problems });
  if (input.who.length === 0 && !input.what)
    throw badRequest('Pick at least one contact, lead, opportunity or account to link the email to.');
  const messageId = normalizeMessageId(input.message.internetMessageId);

  const existing = (await findSavedEmails(deps.db, [messageId])).get(messageId);
  if (existing) throw alreadySaved(await describe(deps, existing));

  const outbound = user.addresses.map(normalizeAddress).includes(read.message.from);
  const settings = await getSyncSettings(deps.db, user.id);
  const level = input.level ?? settings.sharing[outbound ? 'outbound' : 'inbound'];
  const content = shareContent(input.message, level);
  const [result] = await deps.crm.saveActivities([
    {
      messageId,
      subject: content.subject,
      body: content.body,
      date: input.message.sentAt,
      ownerId: user.crmUserId,
      who: input.who,
      ...(input.what ? { what: input.what } : {}),
      mode: 'manual',
    },
  ]);
  if (!result || !result.ok) {
    throw new HttpError(
      502,
      'crm_error',
      `The CRM refused the activity: ${result && !result.ok ? result.error : 'no answer'}.`,
    );
  }
  const links = [...input.who, ...(input.what ? [input.what] : [])];
  const recorded = await recordSavedEmail(deps.db, {
    messageId,
    activityId: result.id,
    links,
    savedBy: user.id,
    mode: 'manual',
  });
  if (!recorded.won) throw alreadySaved(await describe(deps, recorded.entry));

  let subscribed = false;
  if (input.autosaveThread) {
    // The root as well as the face's thread id: IMAP and Maildir replies carry only References.
    await subscribeThread(
      deps.db,
      user.id,
      threadIdOf(input.message),
      input.what,
      input.message.subject,
      knownThreadRoot(input.message),
    );
    subscribed = true;
  }
  return { saved: await describe(deps, recorded.entry), subscribed };
}
