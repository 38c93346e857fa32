import { domainOf } from '../addresses/normalize';
import type { AddressFacts, Addressed } from './address-facts';
import type { ContextIndex } from './context-index';
import { joinOr } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 6: an email whose every participant is internal is internal. No internal domains, nothing internal.
// Events apply it to their participants (event-rules.md rule 8): `item` names what is internal.

const NO_DOMAINS = pass('No company domains are set, so no participant counts as internal.');
const OUTSIDE = pass('At least one participant is outside your company.');

/** `facts` are the participants' facts, in the same order. */
export function internalRule(
  participants: readonly Addressed[],
  facts: readonly AddressFacts[],
  index: ContextIndex,
  item: 'email' | 'meeting' = 'email',
): RuleResult<'internal'> {
  if (index.internalDomains.size === 0) return NO_DOMAINS;
  for (const f of facts) if (!f.internal) return OUTSIDE;
  const domains = [...new Set(participants.map((p) => domainOf(p.address)))].sort();
  return skip('internal', `every participant is at ${joinOr(domains)}, so the ${item} is internal.`);
}
