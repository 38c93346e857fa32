import type { CrmOpportunity, RecordRef } from '../types';
import type { Addressed, Candidate } from './address-facts';
import { compareIds } from './record-order';
import type { ContextIndex } from './context-index';
import type { PlannedContact } from './create-contacts-rule';
import type { LinkedContact } from './matching-rule';
import type { Mode } from './mode-rule';
import { describeRecord } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 11: the related record (`what`). Thread mode takes the subscription's record. Autoshare with opportunity
// linking takes, over the accounts of linked contacts seen in From/To/Cc, the newest open opportunity the user
// owns, else the first such contact's account, else nothing is shared at all. Events read "a participant" for
// "in From, To or Cc" and "in participant order" for "in the order From, To, Cc" (event-rules.md rule 12).

export interface ContactAccount {
  address: string;
  accountId?: string;
}

const NO_THREAD_RECORD = {
  result: pass('This thread was set to auto-save without a related opportunity or account.'),
};
const LINKING_OFF = {
  result: pass('Linking to opportunities is off, so no opportunity or account is linked.'),
};
const NO_ACCOUNT = {
  email: {
    result: skip(
      'no_opportunity_or_account',
      'linking to opportunities is on, but no contact in From, To or Cc belongs to an account, so nothing is shared.',
    ),
  },
  event: {
    result: skip(
      'no_opportunity_or_account',
      'linking to opportunities is on, but no contact among the participants belongs to an account, so the meeting is not saved.',
    ),
  },
};

/**
 * Rule 11's contacts: the linked ones (existing, then to be created, for one participant) in the candidates'
 * order, keeping those whose participant is `visible` (for emails, not Bcc-only). Both lists follow the
 * candidates' order, each candidate's entries side by side, so one merge walks them.
 */
export function contactAccountsInOrder<P extends Addressed>(
  candidates: readonly Candidate<P>[],
  linked: readonly LinkedContact<P>[],
  create: readonly PlannedContact<P>[],
  visible?: (participant: P) => boolean,
): ContactAccount[] {
  const contactAccounts: ContactAccount[] = [];
  let li = 0;
  let ci = 0;
  for (const { participant } of candidates) {
    const shown = visible === undefined || visible(participant);
    for (; li < linked.length && (linked[li] as LinkedContact<P>).participant === participant; li++) {
      const accountId = (linked[li] as LinkedContact<P>).match.person.accountId;
      if (shown)
        contactAccounts.push({
          address: participant.address,
          accountId: typeof accountId === 'string' ? accountId : undefined,
        });
    }
    for (; ci < create.length && (create[ci] as PlannedContact<P>).participant === participant; ci++) {
      if (shown) contactAccounts.push(create[ci] as PlannedContact<P>);
    }
  }
  return contactAccounts;
}

export function relatedRecordRule(
  mode: Mode,
  /** Linked contacts (existing or to be created) whose address is in From, To or Cc, in rule 11's order. */
  contacts: ContactAccount[],
  index: ContextIndex,
  linkToOpportunities: boolean,
  crmUserId: unknown,
  item: 'email' | 'event' = 'email',
): { result: RuleResult<'no_opportunity_or_account'>; what?: RecordRef } {
  if (mode.kind === 'thread_autosave') {
    const what = mode.subscription.what;
    if (what)
      return {
        result: pass(`Linking to ${describeRecord(what)}, the record chosen for this thread.`),
        what: { kind: what.kind, id: what.id },
      };
    return NO_THREAD_RECORD;
  }
  if (!linkToOpportunities) return LINKING_OFF;

  const accounts: string[] = [];
  let best: CrmOpportunity | undefined;
  let bestMs = 0;
  let bestAccount = '';
  for (const contact of contacts) {
    const accountId = contact.accountId;
    if (accountId === undefined || accounts.includes(accountId)) continue;
    accounts.push(accountId);
    const open = index.crm.openOppsByAccount.get(accountId);
    if (!open) continue;
    for (const { opp, ms } of open) {
      if (opp.ownerId !== crmUserId) continue;
      if (!best || ms > bestMs || (ms === bestMs && compareIds(opp.id, best.id) > 0)) {
        best = opp;
        bestMs = ms;
        bestAccount = accountId;
      }
    }
  }
  if (best) {
    return {
      result: pass(
        `Linking to opportunity ${best.id}, the most recent open opportunity you own at account ${bestAccount}.`,
      ),
      what: { kind: 'opportunity', id: best.id },
    };
  }
  const first = contacts.find((c) => c.accountId !== undefined);
  if (first?.accountId !== undefined) {
    return {
      result: pass(
        `You own no open opportunity at ${accounts.length === 1 ? 'that account' : 'those accounts'}, so it is linked to account ${first.accountId} of ${first.address}.`,
      ),
      what: { kind: 'account', id: first.accountId },
    };
  }
  return NO_ACCOUNT[item];
}
