import type { AutoshareContext, ThreadSubscription } from '../types';
import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 5: a subscribed thread with thread auto-save on wins; else autoshare when it is on; else nothing.

export type Mode = { kind: 'thread_autosave'; subscription: ThreadSubscription } | { kind: 'autoshare' };

const THREAD = pass('You asked to auto-save every email in this thread.');
// Shared answers: the core never changes them.
const AUTOSHARE: { result: RuleResult; mode: Mode } = {
  result: pass('Auto-sharing of emails is on.'),
  mode: { kind: 'autoshare' },
};
const OFF: { result: RuleResult } = {
  result: skip(
    'autoshare_off',
    'auto-sharing of emails is off in your settings, and this thread is not set to auto-save.',
  ),
};

export function modeRule(
  message: ReadMessage,
  index: ContextIndex,
  settings: AutoshareContext['settings'],
): { result: RuleResult; mode?: Mode } {
  const subscription = index.subscriptions.get(message.threadId);
  if (subscription && settings.threadAutosave === true) {
    return { result: THREAD, mode: { kind: 'thread_autosave', subscription } };
  }
  return settings.autoshareEmails === true ? AUTOSHARE : OFF;
}
