import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 2: the user (any of their addresses) must be the sender or in To, Cc or Bcc.
export function usersMessageRule(message: ReadMessage, index: ContextIndex): RuleResult {
  if (index.own.has(message.from)) return pass('You sent it.');
  const mine = message.participants.find((p) => index.own.has(p.address));
  if (mine)
    return pass(
      `You received it as ${mine.address} (${mine.field === 'to' ? 'To' : mine.field === 'cc' ? 'Cc' : 'Bcc'}).`,
    );
  return skip('not_users_message', 'none of your addresses is the sender or a recipient of this email.');
}
