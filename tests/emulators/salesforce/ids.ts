/** Salesforce-shaped record ids: 15 case-sensitive characters plus the 3-character case-safe suffix. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The documented 18-character suffix: one character per 5-character chunk, a bit per upper-case letter. */
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX.charAt(bits);
  }
  return out;
}

/** Builds the 18-character id for a key prefix and a sequence number. */
export function makeId(keyPrefix: string, seq: number): string {
  let n = seq;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = BASE62.charAt(n % 62) + body;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}5g0${body}`;
  return id15 + caseSafeSuffix(id15);
}

/** An id in either length, normalised to 18 characters; undefined when it is not id-shaped. */
export function normaliseId(value: string): string | undefined {
  if (/^[a-zA-Z0-9]{15}$/.test(value)) return value + caseSafeSuffix(value);
  if (/^[a-zA-Z0-9]{18}$/.test(value)) {
    const id15 = value.slice(0, 15);
    // The suffix is case-insensitive on input; the 15-character part is not.
    return value.slice(15).toUpperCase() === caseSafeSuffix(id15) ? id15 + caseSafeSuffix(id15) : undefined;
  }
  return undefined;
}
