import { isRoleAddress } from '../addresses/role-address';
import { signatureBlock } from './signature-block';
import { parsePersonName, signaturePerson } from './signature-person';
import { defaultCountry, signaturePhones, type SignaturePhone } from './signature-phones';

// Issue 19: what a sender's own email says about them, to prefill a new contact or lead. Pure: the server reads
// the body for this one request and passes it in; nothing here is kept. Each value says where it came from, so the
// rep can judge it before saving.

export type DetailSource = 'display name' | 'signature';

export interface Sourced<T = string> {
  value: T;
  source: DetailSource;
}

export interface ContactDetails {
  firstName?: Sourced;
  lastName?: Sourced;
  title?: Sourced;
  company?: Sourced;
  phones: (SignaturePhone & { source: 'signature' })[];
}

export interface SenderEmail {
  address: string;
  displayName?: string;
  /** The email's plain text; its quoted and forwarded parts are cut before reading. */
  bodyText?: string;
}

/** Never throws: a body that cannot be read gives what the display name says. */
export function contactDetails(email: SenderEmail): ContactDetails {
  const details: ContactDetails = { phones: [] };
  // A shared address's display name names a team or a shop ("Bäckerei Schmidt" <info@…>), not a person.
  const fromDisplay =
    email.displayName && !isRoleAddress(email.address) ? parsePersonName(email.displayName) : undefined;
  if (fromDisplay) {
    details.firstName = { value: fromDisplay.firstName, source: 'display name' };
    details.lastName = { value: fromDisplay.lastName, source: 'display name' };
  }
  if (!email.bodyText) return details;
  let lines: string[];
  try {
    lines = signatureBlock(email.bodyText).lines;
  } catch {
    return details;
  }
  const person = signaturePerson(lines, fromDisplay);
  if (!fromDisplay && person.name) {
    details.firstName = { value: person.name.firstName, source: 'signature' };
    details.lastName = { value: person.name.lastName, source: 'signature' };
  }
  if (person.title) details.title = { value: person.title, source: 'signature' };
  if (person.company) details.company = { value: person.company, source: 'signature' };
  const phones = signaturePhones(lines, defaultCountry(email.address, lines));
  details.phones = phones.map((p) => ({ ...p, source: 'signature' }));
  return details;
}
