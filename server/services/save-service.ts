import {
  attachmentsSentence,
  knownThreadRoot,
  megabytes,
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
import { joinAnd, LEVEL_WORDS } from '../../src/rules/trace-text';
import { recordDecisions } from '../db/decision-log-repo';
import type { AppDeps } from '../app/app-deps';
import { badRequest, conflict, HttpError } from '../app/http-error';
import { findSavedEmails, recordSavedEmail, type LedgerEntry } from '../db/ledger-repo';
import { getMailboxOfUser, type MailboxKind } from '../db/mailboxes-repo';
import { storableMessage } from '../db/storable';
import { getSyncSettings } from '../db/settings-repo';
import { subscribeThread } from '../db/subscriptions-repo';
import { getUsers, type User } from '../db/users-repo';
import { assertTookPart } from './took-part';

// A rep saves an email by hand (rulebook section 4): any email they took part in may be saved (took-part.ts),
// blacklisted or internal ones included; beyond that only `already_saved` refuses, and then the answer says where it was saved. The CRM write is idempotent by
// Message-ID and the ledger is unique per organisation, so a retry or a colleague's simultaneous save never makes
// a second activity. At `full`, the attachments whose content the sidebar sent are saved as files with it, within
// the per-email limit; the answer says what became of them.

export interface ManualSave {
  message: MailMessage;
  who: RecordRef[];
  what?: RecordRef;
  level?: SharingLevel;
  autosaveThread: boolean;
}

/** Where and how an email was saved, for the sidebars (the saver's name in place of their id). */
export async function describeSaved(
  deps: Pick<AppDeps, 'db' | 'crm'>,
  entry: LedgerEntry,
): Promise<SavedEmail> {
  const [by] = entry.savedBy ? await getUsers(deps.db, [entry.savedBy]) : [];
  return {
    activityId: entry.activityId,
    savedAt: entry.savedAt,
    savedBy: by?.displayName ?? 'a former user',
    mode: entry.mode,
    links: entry.links,
    canAddWhat: deps.crm.addsWhatLater,
  };
}

/** The trace of a save by hand, in the rulebook trace's words (records by `kind id`, which the faces name). */
function manualSaveTrace(user: User, links: RecordRef[], level: SharingLevel): string[] {
  return [
    `Saved by hand by ${user.displayName} from the sidebar: a rep may save any email (rulebook section 4).`,
    `Linked to ${joinAnd(links.map((r) => `${r.kind} ${r.id}`))}, with ${LEVEL_WORDS[level]}.`,
  ];
}

function alreadySaved(saved: SavedEmail) {
  return conflict(
    'already_saved',
    `This email is already saved in the CRM (by ${saved.savedBy}): add links to it instead.`,
    {
      saved,
    },
  );
}

/** What the mailbox's source calls each kind, for the sentence below. */
const MAILBOX_NAMES: Partial<Record<MailboxKind, string>> = {
  imap: 'IMAP',
  maildir: 'Maildir',
  gmail: 'Gmail',
};

/**
 * Why the next emails of this thread could never be recognised, or undefined when they can. Without the thread's
 * root (Outlook before Mailbox 1.8 cannot read the headers) only the face's own thread id is known, and only a
 * mailbox read through Microsoft Graph carries Outlook's conversationId; no mailbox yet: it may still be Graph.
 */
async function unfollowable(deps: Pick<AppDeps, 'db'>, user: User, message: MailMessage) {
  if (knownThreadRoot(message) !== undefined) return undefined;
  const kind = (await getMailboxOfUser(deps.db, user.id))?.kind;
  const name = kind && MAILBOX_NAMES[kind];
  return name
    ? `The next emails in this thread cannot be saved automatically: this Outlook does not let Liaison read the ` +
        `email's thread headers, and your ${name} mailbox names threads only by them.`
    : undefined;
}

export async function saveManually(
  deps: Pick<AppDeps, 'db' | 'crm' | 'config'>,
  user: User,
  request: ManualSave,
): Promise<{ saved: SavedEmail; subscribed: boolean; attachments?: string; threadNotice?: string }> {
  // What the face sent is made storable first (server/db/storable.ts): it goes to the CRM, the ledger and the log.
  const input: ManualSave = { ...request, message: storableMessage(request.message) };
  const read = readMessage(input.message);
  if (!read.ok)
    throw badRequest(`This email cannot be saved: ${read.problems.join('; ')}.`, { problems: read.problems });
  assertTookPart(user, input.message, 'save');
  if (input.who.length === 0 && !input.what)
    throw badRequest('Pick at least one contact, lead, opportunity or account to link the email to.');
  const messageId = normalizeMessageId(input.message.internetMessageId);

  const existing = (await findSavedEmails(deps.db, [messageId])).get(messageId);
  if (existing) throw alreadySaved(await describeSaved(deps, existing));

  const outbound = user.addresses.map(normalizeAddress).includes(read.message.from);
  const settings = await getSyncSettings(deps.db, user.id);
  const level = input.level ?? settings.sharing[outbound ? 'outbound' : 'inbound'];
  const limit = megabytes(deps.config.attachmentLimitMb);
  const content = shareContent(input.message, level, { attachmentLimitBytes: limit });
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
      ...(content.files.length > 0 ? { files: content.files } : {}),
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
  if (!recorded.won) throw alreadySaved(await describeSaved(deps, recorded.entry));
  // The Activity page lists it as saved by hand, with a trace that says so (not the sync's earlier skip).
  await recordDecisions(deps.db, [
    {
      userId: user.id,
      message: input.message,
      direction: outbound ? 'outbound' : 'inbound',
      decision: {
        action: 'save',
        reason: 'manual',
        who: input.who,
        ...(input.what ? { what: input.what } : {}),
        create: [],
        content: level,
        trace: manualSaveTrace(user, links, level),
      },
    },
  ]);

  const refused = result.fileErrors?.map((f) => `The CRM refused the file ${f.name}: ${f.error}.`) ?? [];
  const attachments = [attachmentsSentence(content, limit), ...refused].filter(Boolean).join(' ');
  const filesSaid = attachments ? { attachments } : {};
  const notice = input.autosaveThread ? await unfollowable(deps, user, input.message) : undefined;
  if (notice)
    return {
      saved: await describeSaved(deps, recorded.entry),
      subscribed: false,
      ...filesSaid,
      threadNotice: notice,
    };
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
  return { saved: await describeSaved(deps, recorded.entry), subscribed, ...filesSaid };
}
