import type { ContextIndex } from './context-index';
import type { ReadMessage } from './read-message';
import { pass, skip, type RuleResult } from './rule-result';

// Rule 4a: inbound automated mail (out-of-office replies, bounces and read receipts, notifications, newsletters,
// mailing lists) never becomes an activity. `List-Unsubscribe` alone does not count: sales tools add it to ordinary
// mail. Header names arrive lower-case; a header that occurs several times arrives joined with `, `, and each of
// its values counts.

/**
 * Each value of a header, by its first word: lower-case, what comes before any `;`, `,`, `(` or white space
 * (`no (sent by a person)` is `no`, `auto-replied; owner-email=…` is `auto-replied`). Empty values are left out.
 */
function firstWords(value: string | undefined): string[] {
  if (value === undefined) return [];
  const words: string[] = [];
  for (const part of value.split(',')) {
    const word = /^\s*([^;,(\s]*)/.exec(part)?.[1]?.toLowerCase() ?? '';
    if (word !== '') words.push(word);
  }
  return words;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
/** Headers whose presence alone marks automated mail, with why, for the trace. */
const MARKERS: readonly (readonly [string, string])[] = [
  ['list-id', 'it came through a mailing list (it has a List-Id header).'],
  ['x-autoreply', 'it is an automatic reply (it has an X-Autoreply header).'],
  ['x-autorespond', 'it is an automatic reply (it has an X-Autorespond header).'],
  ['x-mailman-version', 'it came through a mailing list (it has an X-Mailman-Version header).'],
];
const OWN = pass('You sent it, so it is not an automated message.');
const NOT_AUTOMATED = pass('It is not an automated message.');
const REPORT = skip(
  'automated',
  'it is a delivery report or a read receipt (Content-Type: multipart/report), sent by a mail system.',
);

export function automatedRule(message: ReadMessage, index: ContextIndex): RuleResult {
  if (index.own.has(message.from)) return OWN;
  const { headers } = message;
  if (headers.size === 0) return NOT_AUTOMATED;
  const autoSubmitted = firstWords(headers.get('auto-submitted')).find((word) => word !== 'no');
  if (autoSubmitted !== undefined) {
    return skip(
      'automated',
      `it is an automated message (Auto-Submitted: ${autoSubmitted}), such as an out-of-office reply or a notification.`,
    );
  }
  const precedence = firstWords(headers.get('precedence')).find((word) => BULK_PRECEDENCE.has(word));
  if (precedence !== undefined) {
    return skip('automated', `it is bulk mail (Precedence: ${precedence}), such as a newsletter.`);
  }
  for (const [name, why] of MARKERS) if (headers.has(name)) return skip('automated', why);
  if (firstWords(headers.get('content-type')).includes('multipart/report')) return REPORT;
  return NOT_AUTOMATED;
}
