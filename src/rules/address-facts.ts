import { contactAccountFor, type CreateVerdict } from './create-contacts-rule';
import { isInternal, matchAddress, type AddressMatch, type ContextIndex } from './context-index';

// What the rules need to know about one (normalised) address under one context, worked out once: a mailbox sees
// the same correspondents again and again, so a batch mostly answers from this memo.

export interface AddressFacts {
  own: boolean;
  internal: boolean;
  blacklisted: boolean;
  match: AddressMatch;
  /** Rule 9's verdict: the account a new contact would go under, or why none is created. */
  contactAccount: CreateVerdict;
}

const MAX_FACTS = 50_000;

export function factsOf(index: ContextIndex, address: string): AddressFacts {
  let facts = index.facts.get(address);
  if (facts) return facts;
  facts = {
    own: index.own.has(address),
    internal: isInternal(index, address),
    blacklisted: index.blacklist.isBlacklisted(address),
    match: matchAddress(index.crm, address),
    contactAccount: contactAccountFor(address, index.crm),
  };
  if (index.facts.size >= MAX_FACTS) index.facts.clear();
  index.facts.set(address, facts);
  return facts;
}
