import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 4a: inbound automated mail (out-of-office replies, notifications, newsletters, mailing lists) never becomes
// an activity. `List-Unsubscribe` alone does not count: sales tools add it to ordinary mail.

/** A header value compares case-insensitively by its part before any `;`. */
function headerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semi = value.indexOf(';');
  return (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
const OWN = pass('You sent it, so it is not an automated message.');
const LIST = skip('automated', 'it came through a mailing list (it has a List-Id header).');
const NOT_AUTOMATED = pass('It is not an automated message.');

export function automatedRule(message: ReadMessage, index: ContextIndex): RuleResult {
  if (index.own.has(message.from)) return OWN;
  if (message.headers.size === 0) return NOT_AUTOMATED;
  const autoSubmitted = headerToken(message.headers.get('auto-submitted'));
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') {
    return skip(
      'automated',
      `it is an automated message (Auto-Submitted: ${autoSubmitted}), such as an out-of-office reply or a notification.`,
    );
  }
  const precedence = headerToken(message.headers.get('precedence'));
  if (precedence !== undefined && BULK_PRECEDENCE.has(precedence)) {
    return skip('automated', `it is bulk mail (Precedence: ${precedence}), such as a newsletter.`);
  }
  if (message.headers.has('list-id')) return LIST;
  return NOT_AUTOMATED;
}
