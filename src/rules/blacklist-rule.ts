import { factsOf } from './address-facts';
import type { ContextIndex } from './context-index';
import type { Participant, ReadMessage } from './read-message';
import { joinAnd } from './trace-text';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 7: the user's own addresses are never blacklisted. `skip-email` skips on any other blacklisted participant,
// internal ones included; `exclude-participant` (the default) only takes them out of the candidates and skips when
// every external participant is blacklisted. The candidates for rule 8 are the external participants left.

export function blacklistRule(
  message: ReadMessage,
  index: ContextIndex,
  policy: unknown,
): { result: RuleResult; candidates: Participant[] } {
  // One pass over the participants (this runs for every email of every sync).
  const externals: Participant[] = [];
  const blockedOthers: string[] = [];
  const blockedExternals: string[] = [];
  const candidates: Participant[] = [];
  for (const p of message.participants) {
    const facts = factsOf(index, p.address);
    if (facts.own) continue;
    if (facts.blacklisted) blockedOthers.push(p.address);
    if (facts.internal) continue;
    externals.push(p);
    if (facts.blacklisted) blockedExternals.push(p.address);
    else candidates.push(p);
  }

  if (policy === 'skip-email') {
    const hits = blockedOthers;
    if (hits.length > 0) {
      return {
        result: skip(
          'blacklisted',
          `${joinAnd(hits)} ${hits.length === 1 ? 'is' : 'are'} on the blacklist, and your setting skips the whole email when a participant is blacklisted.`,
        ),
        candidates: [],
      };
    }
    return { result: pass('No participant is on the blacklist.'), candidates: externals };
  }

  const hits = blockedExternals;
  if (externals.length > 0 && hits.length === externals.length) {
    return {
      result: skip('blacklisted', `every outside participant (${joinAnd(hits)}) is on the blacklist.`),
      candidates: [],
    };
  }
  const sentence =
    hits.length === 0
      ? 'No outside participant is on the blacklist.'
      : `Left out because ${hits.length === 1 ? 'it is' : 'they are'} on the blacklist: ${joinAnd(hits)}.`;
  return { result: pass(sentence), candidates };
}
