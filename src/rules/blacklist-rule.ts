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
  const others = message.participants.filter((p) => !factsOf(index, p.address).own);
  const blocked = (p: Participant): boolean => factsOf(index, p.address).blacklisted;
  const externals = others.filter((p) => !factsOf(index, p.address).internal);

  if (policy === 'skip-email') {
    const hits = others.filter(blocked).map((p) => p.address);
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

  const hits = externals.filter(blocked).map((p) => p.address);
  if (externals.length > 0 && hits.length === externals.length) {
    return {
      result: skip('blacklisted', `every outside participant (${joinAnd(hits)}) is on the blacklist.`),
      candidates: [],
    };
  }
  const candidates = externals.filter((p) => !blocked(p));
  const sentence =
    hits.length === 0
      ? 'No outside participant is on the blacklist.'
      : `Left out because ${hits.length === 1 ? 'it is' : 'they are'} on the blacklist: ${joinAnd(hits)}.`;
  return { result: pass(sentence), candidates };
}
