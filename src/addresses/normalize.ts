// Normalising per section 2 of the rulebook: addresses compare case-insensitively and trimmed,
// the domain is what follows the last `@`, Message-IDs compare without surrounding `<>` and white space.

/** Lower-cased, trimmed address; anything that is not a string normalises to ''. */
export function normalizeAddress(address: unknown): string {
  return typeof address === 'string' ? address.trim().toLowerCase() : '';
}

/** The domain of a (normalised) address: what follows the last `@`, or '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1);
}

/** The local part of a (normalised) address: what precedes the last `@`. */
export function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/** A domain as configured by people (`Acme.com`, `@acme.com`, `acme.com.`) reduced to its comparable form. */
export function normalizeDomain(domain: unknown): string {
  if (typeof domain !== 'string') return '';
  return domain.trim().toLowerCase().replace(/^@+/, '').replace(/\.+$/, '');
}

const WHITE_SPACE = /\s+/g;

/** True when `value` may hold white space: every `\s` character is at or below U+0020 or at or above U+00A0. */
function mayHoldWhiteSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c >= 0xa0) return true;
  }
  return false;
}

/** Message-IDs contain no white space, so all of it goes (folded headers), then the surrounding `<>`. */
export function normalizeMessageId(id: unknown): string {
  if (typeof id !== 'string') return '';
  // Every email of every sync comes through here; most Message-IDs are plain ASCII without white space.
  let value = mayHoldWhiteSpace(id) ? id.replace(WHITE_SPACE, '') : id;
  if (value.startsWith('<')) value = value.slice(1);
  if (value.endsWith('>')) value = value.slice(0, -1);
  return value;
}
