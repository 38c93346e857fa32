import type {
  AutoshareContext,
  AutoshareDecision,
  MailMessage,
  RecordRef,
  SharingLevel,
  SkipReason,
  SyncSettings,
} from '../types';
import { alreadySavedRule } from './already-saved-rule';
import { automatedRule } from './automated-rule';
import { blacklistRule } from './blacklist-rule';
import { connectionRule } from './connection-rule';
import { contentLevel, contentSentence } from './content-level-rule';
import { indexContext } from './context-index';
import { factsOfEach } from './address-facts';
import { createContactsRule } from './create-contacts-rule';
import { folderRule } from './folder-rule';
import { internalRule } from './internal-rule';
import { matchingRule } from './matching-rule';
import { modeRule } from './mode-rule';
import { readMessage, type Participant } from './read-message';
import { contactAccountsInOrder, relatedRecordRule } from './related-record-rule';
import { skip } from './rule-result';
import { usersMessageRule } from './users-message-rule';

// The rulebook's decision (sync-rules.md, section 3): rules 0 to 12 in order, the first that skips gives the
// reason. Pure: no I/O, no clock, no randomness, never throws; the context is indexed once per object.

const NO_SETTINGS = {} as Partial<SyncSettings>;
/** Only a Bcc-only participant keeps the field 'bcc'. */
const notBccOnly = (participant: Participant): boolean => participant.field !== 'bcc';

function skipped(reason: SkipReason, trace: string[], content: SharingLevel): AutoshareDecision {
  return { action: 'skip', reason, who: [], create: [], content, trace };
}

export function decideAutoshare(message: MailMessage, ctx: AutoshareContext): AutoshareDecision {
  const safe: Partial<AutoshareContext> = typeof ctx === 'object' && ctx !== null ? ctx : {};
  const settings: Partial<SyncSettings> =
    typeof safe.settings === 'object' && safe.settings !== null ? safe.settings : NO_SETTINGS;
  const index = indexContext(ctx);
  const trace: string[] = [];

  const read = readMessage(message);
  if (!read.ok) {
    const from =
      typeof message === 'object' && message !== null ? (message as Partial<MailMessage>).from : undefined;
    const outbound = typeof from?.address === 'string' && index.own.has(from.address.trim().toLowerCase());
    trace.push(skip('invalid_message', `the email is malformed: ${read.problems.join('; ')}.`).sentence);
    return skipped('invalid_message', trace, contentLevel(outbound, settings.sharing));
  }
  const m = read.message;
  const outbound = index.own.has(m.from);
  const content = contentLevel(outbound, settings.sharing);
  trace.push('The email is well formed.');

  // Rules 1 to 4a, each either passing with a sentence or skipping.
  for (let rule = 1; rule <= 5; rule++) {
    const result =
      rule === 1
        ? folderRule(m.folder)
        : rule === 2
          ? usersMessageRule(m, index)
          : rule === 3
            ? connectionRule(m, index, safe.connectedAt)
            : rule === 4
              ? alreadySavedRule(m, index)
              : automatedRule(m, index);
    trace.push(result.sentence);
    if (result.skip !== undefined) return skipped(result.skip, trace, content);
  }
  // Rules 5 to 7: the mode, internal mail, the blacklist.
  const { result: modeResult, mode } = modeRule(m, index, settings as SyncSettings);
  trace.push(modeResult.sentence);
  if (modeResult.skip !== undefined || !mode)
    return skipped(modeResult.skip ?? 'autoshare_off', trace, content);
  const facts = factsOfEach(index, m.participants);
  const internal = internalRule(m.participants, facts, index);
  trace.push(internal.sentence);
  if (internal.skip !== undefined) return skipped(internal.skip, trace, content);
  const blacklist = blacklistRule(m.participants, facts, settings.blacklistPolicy);
  trace.push(blacklist.result.sentence);
  if (blacklist.result.skip !== undefined) return skipped(blacklist.result.skip, trace, content);

  // Rules 8 and 9: who to link, and which contacts to create first.
  const matching = matchingRule(blacklist.candidates);
  trace.push(matching.sentence);
  const planned = createContactsRule(matching.unmatched, settings.autoCreateContacts === true);
  if (planned.sentence) trace.push(planned.sentence);
  const who: RecordRef[] = matching.who;

  // Rule 10: nothing to link.
  if (
    who.length === 0 &&
    planned.create.length === 0 &&
    !(mode.kind === 'thread_autosave' && mode.subscription.what)
  ) {
    const thread =
      mode.kind === 'thread_autosave' ? ', and the thread was set to auto-save without a related record' : '';
    trace.push(
      skip(
        'no_known_participant',
        `no participant is a known contact or lead${thread}, so there is nothing to link the email to.`,
      ).sentence,
    );
    return skipped('no_known_participant', trace, content);
  }

  // Rule 11: linked contacts seen in From/To/Cc, in participant order, existing before planned for one address.
  const create = planned.create;
  const contactAccounts = contactAccountsInOrder(blacklist.candidates, matching.contacts, create, notBccOnly);
  const crmUserId = typeof safe.user === 'object' && safe.user !== null ? safe.user.crmUserId : undefined;
  const related = relatedRecordRule(
    mode,
    contactAccounts,
    index,
    settings.linkToOpportunities === true,
    crmUserId,
  );
  trace.push(related.result.sentence);
  if (related.result.skip !== undefined) return skipped(related.result.skip, trace, content);

  // Rule 12: content by direction; its sentence also says what the save links.
  const links: string[] = [];
  for (const r of who) links.push(`${r.kind} ${r.id}`);
  const toCreate: AutoshareDecision['create'] = [];
  for (const c of create) {
    links.push(`a new contact for ${c.address}`);
    toCreate.push({ address: c.address, accountId: c.accountId });
  }
  if (related.what) links.push(`${related.what.kind} ${related.what.id}`);
  trace.push(contentSentence(outbound, content, mode.kind, links));
  const decision: AutoshareDecision = {
    action: 'save',
    reason: mode.kind,
    who,
    create: toCreate,
    content,
    trace,
  };
  if (related.what) decision.what = related.what;
  return decision;
}
