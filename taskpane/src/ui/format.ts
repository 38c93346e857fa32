import type { RecordRef } from '../../../src/types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';

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
