import type { RecordRef } from '../types';
import { factsOf } from './address-facts';
import type { ContextIndex, PersonMatch } from './context-index';
import type { Participant } from './read-message';
import { joinAnd } from './trace-text';

// Rule 8: for each candidate, contacts (primary-email matches preferred) are all linked; with no contact, the
// oldest of the leads is. `who` keeps participant order, then createdAt and id, without duplicates.

export interface LinkedContact {
  match: PersonMatch;
  participant: Participant;
}

export interface MatchingOutcome {
  who: RecordRef[];
  /** Linked contacts with the participant that brought them, in `who` order (rule 11 reads their accounts). */
  contacts: LinkedContact[];
  unmatched: Participant[];
  sentence: string;
}

export function matchingRule(candidates: Participant[], index: ContextIndex): MatchingOutcome {
  const who: RecordRef[] = [];
  const seen = new Set<string>();
  const contacts: LinkedContact[] = [];
  const unmatched: Participant[] = [];
  const found: string[] = [];
  const link = (match: PersonMatch, participant: Participant): void => {
    const key = `${match.person.kind}:${match.id}`;
    if (match.person.kind === 'contact') contacts.push({ match, participant });
    if (seen.has(key)) return;
    seen.add(key);
    who.push({ kind: match.person.kind, id: match.id });
  };
  for (const participant of candidates) {
    const { contacts: kept, leads } = factsOf(index, participant.address).match;
    if (kept.length > 0) {
      kept.forEach((m) => link(m, participant));
      found.push(
        `${participant.address} to ${kept.length === 1 ? 'contact' : 'contacts'} ${joinAnd(kept.map((m) => m.id))}`,
      );
    } else if (leads[0]) {
      link(leads[0], participant);
      found.push(
        `${participant.address} to lead ${leads[0].id}${leads.length > 1 ? ` (the oldest of ${leads.length} leads)` : ''}`,
      );
    } else {
      unmatched.push(participant);
    }
  }
  const parts: string[] = [];
  if (found.length > 0) parts.push(`Matched ${joinAnd(found)}`);
  if (unmatched.length > 0) {
    const names = joinAnd(unmatched.map((p) => p.address));
    parts.push(`${found.length > 0 ? 'no' : 'No'} contact or lead was found for ${names}`);
  }
  const sentence =
    candidates.length === 0
      ? 'There is no outside participant to look up in the CRM.'
      : `${parts.join('; ')}.`;
  return { who, contacts, unmatched, sentence };
}
