import type { AddressFacts, Addressed, Candidate } from './address-facts';
import { joinAnd } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 7: the user's own addresses are never blacklisted. `skip-email` skips on any other blacklisted participant,
// internal ones included; `exclude-participant` (the default) only takes them out of the candidates and skips when
// every external participant is blacklisted. The candidates for rule 8 are the external participants left.
// Events apply it to their participants with the same policy (event-rules.md rule 9): `item` names what is skipped.

const NONE_BLACKLISTED = pass('No participant is on the blacklist.');
const NO_OUTSIDER_BLACKLISTED = pass('No outside participant is on the blacklist.');

/** `facts` are the participants' facts, in the same order. */
export function blacklistRule<P extends Addressed>(
  participants: readonly P[],
  facts: readonly AddressFacts[],
  policy: unknown,
  item: 'email' | 'event' = 'email',
): { result: RuleResult<'blacklisted'>; candidates: Candidate<P>[] } {
  // One pass over the participants (this runs for every email of every sync); the lists of blacklisted
  // addresses are only made when there is one.
  let externals = 0;
  let blockedOthers: string[] | undefined;
  let blockedExternals: string[] | undefined;
  const candidates: Candidate<P>[] = [];
  for (let i = 0; i < participants.length; i++) {
    const participant = participants[i] as P;
    const f = facts[i] as AddressFacts;
    if (f.own) continue;
    if (f.blacklisted) (blockedOthers ??= []).push(participant.address);
    if (f.internal) continue;
    externals++;
    if (f.blacklisted) (blockedExternals ??= []).push(participant.address);
    else candidates.push({ participant, facts: f });
  }

  if (policy === 'skip-email') {
    const hits = blockedOthers;
    if (hits) {
      return {
        result: skip(
          'blacklisted',
          `${joinAnd(hits)} ${hits.length === 1 ? 'is' : 'are'} on the blacklist, and your setting skips the whole ${item} when a participant is blacklisted.`,
        ),
        candidates: [],
      };
    }
    // No participant is blacklisted, so every external participant is a candidate.
    return { result: NONE_BLACKLISTED, candidates };
  }

  const hits = blockedExternals;
  if (!hits) return { result: NO_OUTSIDER_BLACKLISTED, candidates };
  if (hits.length === externals) {
    return {
      result: skip('blacklisted', `every outside participant (${joinAnd(hits)}) is on the blacklist.`),
      candidates: [],
    };
  }
  const sentence = `Left out because ${hits.length === 1 ? 'it is' : 'they are'} on the blacklist: ${joinAnd(hits)}.`;
  return { result: pass(sentence), candidates };
}
