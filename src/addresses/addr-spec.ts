import emailAddresses from 'email-addresses';

// Rule 0 accepts only a plain addr-spec (`local@domain`): no display name, no angle brackets, no comments.
// Common addresses take the fast path; everything else goes through the RFC 5322/6532 parser.
const DOT_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const SIMPLE_ADDR_SPEC = new RegExp(`^${DOT_ATOM}@${DOT_ATOM}$`);

// Mailboxes see the same addresses over and over: remember the parser's verdicts (a pure function of the text).
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

/** True when `value` (already trimmed) is exactly one addr-spec. */
export function isPlainAddrSpec(value: string): boolean {
  if (value.length === 0 || value.length > 998) return false;
  if (SIMPLE_ADDR_SPEC.test(value)) return true;
  const known = verdicts.get(value);
  if (known !== undefined) return known;
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  const verdict = parseAddrSpec(value);
  verdicts.set(value, verdict);
  return verdict;
}

function parseAddrSpec(value: string): boolean {
  if (!value.includes('@')) return false;
  const parsed = emailAddresses.parseOneAddress({ input: value, rfc6532: true });
  if (parsed === null || parsed.type !== 'mailbox' || parsed.name !== null) return false;
  // The parser tolerates comments and folding white space around the address; a plain addr-spec has none.
  return parsed.parts.address.tokens === value && parsed.parts.comments.every((c) => !c.tokens.includes('('));
}
