import { domainOf } from '../addresses/normalize';
import type { AddressFacts } from './address-facts';
import type { ContextIndex } from './context-index';
import type { Participant } from './read-message';
import { joinOr } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 6: an email whose every participant is internal is internal. No internal domains, nothing internal.

const NO_DOMAINS = pass('No company domains are set, so no participant counts as internal.');
const OUTSIDE = pass('At least one participant is outside your company.');

/** `facts` are the participants' facts, in the same order. */
export function internalRule(
  participants: readonly Participant[],
  facts: readonly AddressFacts[],
  index: ContextIndex,
): RuleResult {
  if (index.internalDomains.size === 0) return NO_DOMAINS;
  for (const f of facts) if (!f.internal) return OUTSIDE;
  const domains = [...new Set(participants.map((p) => domainOf(p.address)))].sort();
  return skip('internal', `every participant is at ${joinOr(domains)}, so the email is internal.`);
}
