import { getDomainWithoutSuffix } from 'tldts';
import { domainOf, localPartOf, normalizeAddress } from '../addresses/normalize';

// Prefill for "Create contact / lead": names from the display name (`Doe, Jane` or `Jane Doe`), else from the
// address (`jane.doe@`), and a company guessed from the domain (`acme` in `mail.acme.co.uk` → `Acme`).

const capitalise = (word: string): string => (word ? word[0]!.toUpperCase() + word.slice(1) : word);

export function nameParts(
  displayName: string | undefined,
  address: string,
): { firstName: string; lastName: string } {
  const name = (displayName ?? '').replace(/["']/g, '').trim();
  if (name && !name.includes('@')) {
    const comma = name.indexOf(',');
    if (comma > 0) return { firstName: name.slice(comma + 1).trim(), lastName: name.slice(0, comma).trim() };
    const words = name.split(/\s+/);
    if (words.length === 1) return { firstName: '', lastName: words[0]! };
    return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
  }
  const local = localPartOf(normalizeAddress(address)).replace(/\+.*$/, '');
  const words = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map(capitalise);
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? local };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

export function companyFromDomain(address: string): string {
  const domain = domainOf(normalizeAddress(address));
  const label = getDomainWithoutSuffix(domain) ?? domain.split('.')[0] ?? '';
  return label.split('-').map(capitalise).join(' ');
}
