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

interface LinkState {
  who: RecordRef[];
  seen: Set<string>;
  contacts: LinkedContact[];
}

/** Adds a record to `who` once, keeping every contact with the participant that brought it (rule 11 reads them). */
function link(state: LinkState, match: PersonMatch, participant: Participant): void {
  if (match.person.kind === 'contact') state.contacts.push({ match, participant });
  const key = `${match.person.kind}:${match.id}`;
  if (state.seen.has(key)) return;
  state.seen.add(key);
  state.who.push({ kind: match.person.kind, id: match.id });
}

export function matchingRule(candidates: Participant[], index: ContextIndex): MatchingOutcome {
  const who: RecordRef[] = [];
  const seen = new Set<string>();
  const contacts: LinkedContact[] = [];
  const unmatched: Participant[] = [];
  const found: string[] = [];
  const state: LinkState = { who, seen, contacts };
  for (const participant of candidates) {
    const { contacts: kept, leads } = factsOf(index, participant.address).match;
    if (kept.length > 0) {
      for (const m of kept) link(state, m, participant);
      found.push(
        `${participant.address} to ${kept.length === 1 ? 'contact' : 'contacts'} ${joinAnd(kept.map((m) => m.id))}`,
      );
    } else if (leads[0]) {
      link(state, leads[0], participant);
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
