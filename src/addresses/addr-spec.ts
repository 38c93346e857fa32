import emailAddresses from 'email-addresses';

// Rule 0 accepts only a plain addr-spec (`local@domain`): no display name, no angle brackets, no comments.
// Common addresses take the fast path; everything else goes through the RFC 5322/6532 parser.
const DOT_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const SIMPLE_ADDR_SPEC = new RegExp(`^${DOT_ATOM}@${DOT_ATOM}$`);

/** True when `value` (already trimmed) is exactly one addr-spec. */
export function isPlainAddrSpec(value: string): boolean {
  if (value.length === 0 || value.length > 998) return false;
  if (SIMPLE_ADDR_SPEC.test(value)) return true;
  if (!value.includes('@')) return false;
  const parsed = emailAddresses.parseOneAddress({ input: value, rfc6532: true });
  if (parsed === null || parsed.type !== 'mailbox' || parsed.name !== null) return false;
  // The parser tolerates comments and folding white space around the address; a plain addr-spec has none.
  return parsed.parts.address.tokens === value;
}
