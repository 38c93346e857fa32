import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 4: one email is one activity for the whole organisation, whichever mailboxes saw it.

const SAVED = skip(
  'already_saved',
  'this email is already saved in the CRM; one email is one activity for the whole company.',
);
const NOT_SAVED = pass('It is not saved in the CRM yet.');

export function alreadySavedRule(message: ReadMessage, index: ContextIndex): RuleResult {
  return index.saved.has(message.messageId) ? SAVED : NOT_SAVED;
}
