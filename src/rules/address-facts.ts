import { contactAccountFor, type CreateVerdict } from './create-contacts-rule';
import { isInternal, matchAddress, type AddressMatch, type ContextIndex } from './context-index';
import type { Participant } from './read-message';
import { joinAnd } from './trace-text';

// What the rules need to know about one (normalised) address under one context, worked out once: a mailbox sees
// the same correspondents again and again, so a batch mostly answers from this memo, trace wording included.

export interface AddressFacts {
  own: boolean;
  internal: boolean;
  blacklisted: boolean;
  match: AddressMatch;
  /** Rule 8's words for the match (`jane@acme.com to contact 003JANE`), or undefined when nothing matched. */
  matchWords: string | undefined;
  /** Rule 9's verdict: the account a new contact would go under, or why none is created. */
  contactAccount: CreateVerdict;
  /** Rule 9's words for the verdict: `tom@acme.com under account 001ACME` or `info@acme.com (it is a role address)`. */
  contactWords: string;
}

const MAX_FACTS = 50_000;

function matchWords(address: string, { contacts, leads }: AddressMatch): string | undefined {
  if (contacts.length > 0)
    return `${address} to ${contacts.length === 1 ? 'contact' : 'contacts'} ${joinAnd(contacts.map((m) => m.id))}`;
  const lead = leads[0];
  if (!lead) return undefined;
  return `${address} to lead ${lead.id}${leads.length > 1 ? ` (the oldest of ${leads.length} leads)` : ''}`;
}

export function factsOf(index: ContextIndex, address: string): AddressFacts {
  let facts = index.facts.get(address);
  if (facts) return facts;
  const match = matchAddress(index.crm, address);
  const contactAccount = contactAccountFor(address, index.crm);
  facts = {
    own: index.own.has(address),
    internal: isInternal(index, address),
    blacklisted: index.blacklist.isBlacklisted(address),
    match,
    matchWords: matchWords(address, match),
    contactAccount,
    contactWords:
      'accountId' in contactAccount
        ? `${address} under account ${contactAccount.accountId}`
        : `${address} (${contactAccount.why})`,
  };
  if (index.facts.size >= MAX_FACTS) index.facts.clear();
  index.facts.set(address, facts);
  return facts;
}

/** The facts of each participant's address, in the same order: one lookup per address per decision. */
export function factsOfEach(index: ContextIndex, participants: readonly Addressed[]): AddressFacts[] {
  const facts: AddressFacts[] = [];
  for (const p of participants) facts.push(factsOf(index, p.address));
  return facts;
}

/** What the rules shared by emails and events need of a participant: its normalised address. */
export interface Addressed {
  address: string;
}

/** A participant the rules may link or create, with its facts (an email's participant unless told). */
export interface Candidate<P extends Addressed = Participant> {
  participant: P;
  facts: AddressFacts;
}
