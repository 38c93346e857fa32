import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

// The phone numbers of a signature, parsed and normalised with libphonenumber-js (full metadata: a number is kept
// only when it is a real one for its country). Each line's label says what the number is; without a label the
// numbering plan does (a German 015x number is a mobile). Fax numbers are left out: nobody calls them.

export type PhoneKind = 'mobile' | 'phone';

export interface SignaturePhone {
  /** E.164, e.g. `+4989123456780`. */
  number: string;
  /** The extension, digits only, when one is given (`ext. 204`, `x204`, `-204` after a German switchboard). */
  extension?: string;
  kind: PhoneKind;
  /** International format for people, e.g. `+49 89 12345678 ext. 204`. */
  display: string;
}

const MOBILE_LABEL = /\b(m|mob|mobile|cell|cellphone|mobil|handy|funk)\b\.?\s*[:.]?/i;
const FAX_LABEL = /\b(f|fax|telefax)\b\.?\s*[:.]?/i;

/** Country codes by top-level domain, for numbers written without one. */
const TLD_COUNTRY: Record<string, CountryCode> = {
  de: 'DE',
  at: 'AT',
  ch: 'CH',
  uk: 'GB',
  ie: 'IE',
  fr: 'FR',
  nl: 'NL',
  be: 'BE',
  it: 'IT',
  es: 'ES',
  us: 'US',
  ca: 'CA',
  au: 'AU',
};

/** The country a number without `+` is read in: the address's country domain, else the signature's hints. */
export function defaultCountry(address: string, lines: readonly string[]): CountryCode {
  const tld = address.slice(address.lastIndexOf('.') + 1).toLowerCase();
  const byDomain = TLD_COUNTRY[tld];
  if (byDomain) return byDomain;
  const text = lines.join('\n');
  if (/\b(GmbH|Deutschland|Germany)\b|\b\d{5} [A-ZÄÖÜ][a-zäöüß]+/.test(text)) return 'DE';
  if (/\b(Ltd|Limited|PLC|United Kingdom|UK)\b/.test(text)) return 'GB';
  return 'US';
}

/** Which part of the line is the number's label: the text before it, after any previous number on the line. */
function labelBefore(line: string, at: number): string {
  const before = line.slice(0, at);
  const cut = Math.max(before.lastIndexOf('|'), before.lastIndexOf('·'), before.lastIndexOf('•'));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

export function signaturePhones(lines: readonly string[], country: CountryCode): SignaturePhone[] {
  const phones: SignaturePhone[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    // Addresses and links hold digits that are not phone numbers.
    if (line.includes('@') && !/\d{3}/.test(line.replace(/\S+@\S+/g, ''))) continue;
    const text = line.replace(/\S+@\S+|https?:\/\/\S+|www\.\S+/gi, (m) => ' '.repeat(m.length));
    for (const found of findPhoneNumbersInText(text, { defaultCountry: country })) {
      const phone = found.number;
      if (!phone.isValid()) continue;
      const label = labelBefore(text, found.startsAt);
      if (FAX_LABEL.test(label)) continue;
      const key = `${phone.number}|${phone.ext ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind: PhoneKind =
        MOBILE_LABEL.test(label) || (label.trim() === '' && phone.getType() === 'MOBILE')
          ? 'mobile'
          : 'phone';
      phones.push({
        number: phone.number,
        ...(phone.ext ? { extension: phone.ext } : {}),
        kind,
        display: phone.formatInternational(),
      });
    }
  }
  return phones;
}
