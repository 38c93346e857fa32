import emailAddresses from 'email-addresses';

// Rule 0 accepts only a plain addr-spec (`local@domain`): no display name, no angle brackets, no comments.
// Common addresses take the fast path; everything else goes through the RFC 5322/6532 parser.

/** RFC 5322 `atext` in ASCII: letters, digits and !#$%&'*+/=?^_`{|}~- */
const ATEXT = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-")
  ATEXT[ch.charCodeAt(0)] = 1;

/**
 * `dot-atom@dot-atom` in ASCII: what /^A+(?:\.A+)*@A+(?:\.A+)*$/ with A = atext accepts, read by hand because
 * every address of every email comes through here.
 */
function isDotAtomAddrSpec(value: string): boolean {
  let at = -1;
  let partStart = true; // at the start of the string, or just after a `.` or the `@`
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && ATEXT[c] === 1) partStart = false;
    else if (partStart) return false;
    else if (c === 0x2e)
      partStart = true; // `.`
    else if (c === 0x40 && at < 0) {
      at = i; // `@`
      partStart = true;
    } else return false;
  }
  return at > 0 && !partStart;
}

// Mailboxes see the same addresses over and over: remember the parser's verdicts (a pure function of the text).
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

/** True when `value` (already trimmed) is exactly one addr-spec. */
export function isPlainAddrSpec(value: string): boolean {
  if (value.length === 0 || value.length > 998) return false;
  if (isDotAtomAddrSpec(value)) return true;
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
