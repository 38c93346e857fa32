import type { RecordRef } from '../types';
import type { Addressed, Candidate } from './address-facts';
import type { PersonMatch } from './context-index';
import type { Participant } from './read-message';
import { joinAnd } from './trace-text';

// Rule 8: for each candidate, contacts (primary-email matches preferred) are all linked; with no contact, the
// oldest of the leads is. `who` keeps participant order, then createdAt and id, without duplicates.

export interface LinkedContact<P extends Addressed = Participant> {
  match: PersonMatch;
  participant: P;
}

export interface MatchingOutcome<P extends Addressed = Participant> {
  who: RecordRef[];
  /** Linked contacts with the participant that brought them, in `who` order (rule 11 reads their accounts). */
  contacts: LinkedContact<P>[];
  unmatched: Candidate<P>[];
  sentence: string;
}

const NO_CANDIDATE = 'There is no outside participant to look up in the CRM.';

/** `who` is short: a scan finds a record already linked faster than building keys for a set. */
function linked(who: RecordRef[], match: PersonMatch): boolean {
  const kind = match.person.kind;
  for (let i = 0; i < who.length; i++) {
    const ref = who[i] as RecordRef;
    if (ref.id === match.id && ref.kind === kind) return true;
  }
  return false;
}

/** Adds a record to `who` once, keeping every contact with the participant that brought it (rule 11 reads them). */
function link<P extends Addressed>(outcome: MatchingOutcome<P>, match: PersonMatch, participant: P): void {
  if (match.person.kind === 'contact') outcome.contacts.push({ match, participant });
  if (!linked(outcome.who, match)) outcome.who.push({ kind: match.person.kind, id: match.id });
}

export function matchingRule<P extends Addressed>(candidates: readonly Candidate<P>[]): MatchingOutcome<P> {
  const outcome: MatchingOutcome<P> = { who: [], contacts: [], unmatched: [], sentence: NO_CANDIDATE };
  if (candidates.length === 0) return outcome;
  const found: string[] = [];
  for (const candidate of candidates) {
    const { participant, facts } = candidate;
    const { contacts: kept, leads } = facts.match;
    if (kept.length > 0) {
      for (const m of kept) link(outcome, m, participant);
    } else if (leads[0]) {
      link(outcome, leads[0], participant);
    } else {
      outcome.unmatched.push(candidate);
      continue;
    }
    found.push(facts.matchWords as string);
  }
  const unmatched = outcome.unmatched;
  let sentence = found.length > 0 ? `Matched ${joinAnd(found)}` : '';
  if (unmatched.length > 0) {
    const names = joinAnd(unmatched.map((c) => c.participant.address));
    sentence += `${found.length > 0 ? '; no' : 'No'} contact or lead was found for ${names}`;
  }
  outcome.sentence = `${sentence}.`;
  return outcome;
}
