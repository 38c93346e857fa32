import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 3: no historical import; an email sent before the mailbox was connected never syncs.

const UNKNOWN = skip(
  'before_connection',
  'the time your mailbox was connected is unknown, and Liaison never imports older emails.',
);
const AFTER = pass('It was sent after your mailbox was connected.');

export function connectionRule(message: ReadMessage, index: ContextIndex, connectedAt: unknown): RuleResult {
  if (index.connectedMs === null) return UNKNOWN;
  if (message.sentMs < index.connectedMs) {
    return skip(
      'before_connection',
      `it was sent before your mailbox was connected (${String(connectedAt)}); Liaison does not import older emails.`,
    );
  }
  return AFTER;
}
