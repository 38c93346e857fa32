import type { RecordRef } from '../../../src/types';
import type { PickableRecord, SidebarPerson, SidebarView } from '../../../src/sidebar/sidebar-types';

// Display helpers: dates, amounts and record names as the rep reads them.

export function shortDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function amount(value: number | undefined): string {
  return value === undefined ? '' : value.toLocaleString(undefined, { maximumFractionDigits: 0 });
}

const KIND_WORDS: Record<RecordRef['kind'], string> = {
  contact: 'contact',
  lead: 'lead',
  account: 'account',
  opportunity: 'opportunity',
};

/** "Jane Doe (contact)", from the names the view carries for every record it mentions; never the id. */
export function recordName(view: Pick<SidebarView, 'names'>, ref: RecordRef): string {
  const kind = KIND_WORDS[ref.kind];
  const name = view.names[`${ref.kind}:${ref.id}`];
  if (name && !name.endsWith('(name not available)')) return `${name} (${kind})`;
  return name ?? `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} (name not available)`;
}

/**
 * "$48,000" in the rep's locale, in the currency the CRM gave (ISO 4217); without one, the plain number, never a
 * currency made up. A code the browser does not know also falls back to the number.
 */
export function money(value: number, currency: string | undefined): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      }).format(value);
    } catch {
      // RangeError: not a currency code; the number alone below.
    }
  }
  return amount(value);
}

/** The page of a record the view mentions, from the records it carries (people, accounts, opportunities, picks). */
export function recordUrlOf(
  view: { people: SidebarPerson<string>[]; pickable: PickableRecord[] },
  ref: RecordRef,
): string | undefined {
  const same = (r: RecordRef) => r.kind === ref.kind && r.id === ref.id;
  const picked = view.pickable.find((p) => same(p.ref))?.url;
  if (picked) return picked;
  for (const person of view.people) {
    if (same(person.ref)) return person.url;
    const account = person.account;
    if (!account) continue;
    if (same(account.ref)) return account.url;
    const opportunity = account.opportunities.find((o) => same(o.ref));
    if (opportunity) return opportunity.url;
  }
  return undefined;
}
