import freeMailDomains from 'email-providers/common.json';
import { domainOf, normalizeAddress, normalizeDomain } from './normalize';

// Personal (free mail) domains: the maintained `email-providers` list plus the rulebook's own (section 2).
const RULEBOOK_PERSONAL = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'aol.com',
  'gmx.de',
  'web.de',
  'proton.me',
  'protonmail.com',
];
// The upstream list carries the RFC 2606 documentation domains; nobody has a mailbox there.
const RESERVED = new Set(['example.com', 'example.net', 'example.org']);

const PERSONAL: ReadonlySet<string> = new Set(
  [...(freeMailDomains as string[]).filter((d) => !RESERVED.has(d)), ...RULEBOOK_PERSONAL].map(
    normalizeDomain,
  ),
);

export function isPersonalDomain(domain: string): boolean {
  return PERSONAL.has(normalizeDomain(domain));
}

/** True for an address at a free mail provider (gmail.com, yahoo.com, gmx.de…). */
export function isPersonalAddress(address: string): boolean {
  return PERSONAL.has(domainOf(normalizeAddress(address)));
}
