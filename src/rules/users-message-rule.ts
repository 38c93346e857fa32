import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 2: the user (any of their addresses) must be the sender or in To, Cc or Bcc.

const SENT = pass('You sent it.');
const NOT_MINE = skip(
  'not_users_message',
  'none of your addresses is the sender or a recipient of this email.',
);

export function usersMessageRule(message: ReadMessage, index: ContextIndex): RuleResult {
  if (index.own.has(message.from)) return SENT;
  for (const p of message.participants) {
    // The sender is not the user here, so the field is To, Cc or Bcc.
    if (index.own.has(p.address))
      return pass(
        `You received it as ${p.address} (${p.field === 'to' ? 'To' : p.field === 'cc' ? 'Cc' : 'Bcc'}).`,
      );
  }
  return NOT_MINE;
}
