import { domainOf } from '../addresses/normalize';
import { factsOf } from './address-facts';
import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { joinOr } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 6: an email whose every participant is internal is internal. No internal domains, nothing internal.
export function internalRule(message: ReadMessage, index: ContextIndex): RuleResult {
  if (index.internalDomains.size === 0)
    return pass('No company domains are set, so no participant counts as internal.');
  if (message.participants.every((p) => factsOf(index, p.address).internal)) {
    const domains = [...new Set(message.participants.map((p) => domainOf(p.address)))].sort();
    return skip('internal', `every participant is at ${joinOr(domains)}, so the email is internal.`);
  }
  return pass('At least one participant is outside your company.');
}
