import { isPersonalAddress } from '../addresses/personal-address';
import { isRoleAddress } from '../addresses/role-address';
import { domainOf } from '../addresses/normalize';
import type { Addressed, Candidate } from './address-facts';
import type { CrmIndex } from './context-index';
import type { Participant } from './read-message';
import { joinAnd } from './trace-text';

// Rule 9 (Amity's rule): an unmatched candidate becomes a new contact when its domain belongs to exactly one
// account and the address is not a role address, not a personal address and not a deleted contact's.

export interface PlannedContact<P extends Addressed = Participant> {
  address: string;
  accountId: string;
  participant: P;
}

export type CreateVerdict = { accountId: string } | { why: string };

/** Whether one address may become a contact, and under which account (shared with the sidebar's suggestions). */
export function contactAccountFor(address: string, crm: CrmIndex): CreateVerdict {
  if (isRoleAddress(address)) return { why: 'it is a role address' };
  if (isPersonalAddress(address)) return { why: 'it is a personal address' };
  if (crm.tombstones.has(address)) return { why: 'its contact was deleted before' };
  const accounts = crm.accountsByDomain.get(domainOf(address)) ?? [];
  if (accounts.length === 0) return { why: `no account has the domain ${domainOf(address)}` };
  if (accounts.length > 1)
    return { why: `${accounts.length} accounts share the domain ${domainOf(address)}` };
  return { accountId: accounts[0] as string };
}

// Shared answers when nothing is created: the core never changes them.
const NOBODY: { create: readonly never[]; sentence?: string } = { create: [] };
/** Rule 9's sentence when creating contacts is off (the creation bound puts its own in its place). */
export const CREATION_OFF_SENTENCE = 'Creating contacts automatically is off, so no contact is created.';
const OFF = { create: [], sentence: CREATION_OFF_SENTENCE };

export function createContactsRule<P extends Addressed>(
  unmatched: readonly Candidate<P>[],
  enabled: boolean,
): { create: readonly PlannedContact<P>[]; sentence?: string } {
  if (unmatched.length === 0) return NOBODY;
  if (!enabled) return OFF;
  const create: PlannedContact<P>[] = [];
  const made: string[] = [];
  const refused: string[] = [];
  for (const { participant, facts } of unmatched) {
    const verdict = facts.contactAccount;
    if ('accountId' in verdict) {
      create.push({ address: participant.address, accountId: verdict.accountId, participant });
      made.push(facts.contactWords);
    } else refused.push(facts.contactWords);
  }
  const parts: string[] = [];
  if (made.length > 0) parts.push(`Will create a contact for ${joinAnd(made)}`);
  if (refused.length > 0)
    parts.push(`${made.length > 0 ? 'no' : 'No'} contact is created for ${joinAnd(refused)}`);
  return { create, sentence: `${parts.join('; ')}.` };
}
