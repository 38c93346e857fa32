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

/** "Jane Doe (contact)", from the names the view already carries; the id when the view has no name for it. */
export function recordName(view: SidebarView, ref: RecordRef): string {
  const same = (r: RecordRef) => r.kind === ref.kind && r.id === ref.id;
  const name =
    view.pickable.find((p) => same(p.ref))?.name ??
    view.people.find((p) => same(p.ref))?.name ??
    (view.thread.what && same(view.thread.what) ? view.thread.whatName : undefined);
  return `${name ?? ref.id} (${KIND_WORDS[ref.kind]})`;
}
