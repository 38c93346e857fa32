import type { RecordRef } from '../types';
import { compareIds } from './record-order';
import type { ContextIndex } from './context-index';
import type { Mode } from './mode-rule';
import { describeRecord } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 11: the related record (`what`). Thread mode takes the subscription's record. Autoshare with opportunity
// linking takes, over the accounts of linked contacts seen in From/To/Cc, the newest open opportunity the user
// owns, else the first such contact's account, else nothing is shared at all.

export interface ContactAccount {
  address: string;
  accountId?: string;
}

export function relatedRecordRule(
  mode: Mode,
  /** Linked contacts (existing or to be created) whose address is in From, To or Cc, in rule 11's order. */
  contacts: ContactAccount[],
  index: ContextIndex,
  linkToOpportunities: boolean,
  crmUserId: unknown,
): { result: RuleResult; what?: RecordRef } {
  if (mode.kind === 'thread_autosave') {
    const what = mode.subscription.what;
    if (what)
      return {
        result: pass(`Linking to ${describeRecord(what)}, the record chosen for this thread.`),
        what: { kind: what.kind, id: what.id },
      };
    return { result: pass('This thread was set to auto-save without a related opportunity or account.') };
  }
  if (!linkToOpportunities)
    return { result: pass('Linking to opportunities is off, so no opportunity or account is linked.') };

  const accounts: string[] = [];
  let best: { id: string; ms: number; accountId: string } | undefined;
  for (const contact of contacts) {
    const accountId = contact.accountId;
    if (accountId === undefined || accounts.includes(accountId)) continue;
    accounts.push(accountId);
    for (const { opp, ms } of index.crm.openOppsByAccount.get(accountId) ?? []) {
      if (opp.ownerId !== crmUserId) continue;
      if (!best || ms > best.ms || (ms === best.ms && compareIds(opp.id, best.id) > 0))
        best = { id: opp.id, ms, accountId };
    }
  }
  if (best) {
    return {
      result: pass(
        `Linking to opportunity ${best.id}, the most recent open opportunity you own at account ${best.accountId}.`,
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
  return {
    result: skip(
      'no_opportunity_or_account',
      'linking to opportunities is on, but no contact in From, To or Cc belongs to an account, so nothing is shared.',
    ),
  };
}
