import type { RecordRef } from '../types';
import { recordKey } from './record-key';
import type { SidebarView } from './sidebar-types';

// Rulebook section 4: an email saved already is never saved twice, but the rep may add links to it (contacts and
// leads it is not linked to yet, a related record when it has none) and turn on thread auto-save. What both
// sidebars offer in their "Add links to the saved email" form, decided once here from the view.

export interface AddLinksChoices {
  /** Contacts and leads in view that the saved email is not linked to yet. */
  people: { ref: RecordRef; name: string }[];
  /** Opportunities and accounts the email may be related to; empty when `whatNote` says why. */
  whats: { ref: RecordRef; name: string }[];
  /** Why no related record can be picked, in words for the rep (absent when some can). */
  whatNote?: string;
  /** Thread auto-save is not on yet for the rep, so the form may turn it on. */
  canAutosaveThread: boolean;
  /** Anything at all can be added; when false the sidebars offer no form. */
  possible: boolean;
  /** The form's title and button, exact about what it does. */
  title: string;
  action: string;
}

/** What both sidebars say once links were added: how many records more, and thread auto-save when it was set. */
export function linksAddedText(added: number, subscribed: boolean): string {
  const linked = added === 0 ? '' : `Linked to ${added === 1 ? '1 more record' : `${added} more records`}.`;
  const thread = subscribed ? 'The next emails in this thread will be saved too.' : '';
  return [linked, thread].filter(Boolean).join(' ');
}

const isWhat = (r: RecordRef) => r.kind === 'opportunity' || r.kind === 'account';

/** The form's choices for a saved email; `undefined` when the email is not saved. */
export function addLinksChoices(view: SidebarView): AddLinksChoices | undefined {
  if (!view.alreadySaved) return undefined;
  const links = view.saved?.links ?? [];
  const linked = new Set(links.map(recordKey));
  const people = view.pickable.filter((p) => !isWhat(p.ref) && !linked.has(recordKey(p.ref)));
  const current = links.find(isWhat);
  const nameOf = (ref: RecordRef) =>
    view.pickable.find((p) => recordKey(p.ref) === recordKey(ref))?.name ?? `${ref.kind} ${ref.id}`;
  let whats = view.pickable.filter((p) => isWhat(p.ref));
  let whatNote: string | undefined;
  if (current) {
    whats = [];
    whatNote = `It is related to ${nameOf(current)} already; a CRM activity has one related record.`;
  } else if (view.saved?.canAddWhat === false) {
    whats = [];
    whatNote = 'Your CRM does not let a related record be added to an email saved earlier.';
  } else if (whats.length === 0) {
    whatNote = 'No opportunity or account of the people in this email to relate it to.';
  }
  const canAutosaveThread = !view.thread.autosave;
  return {
    people,
    whats,
    ...(whatNote ? { whatNote } : {}),
    canAutosaveThread,
    possible: people.length > 0 || whats.length > 0 || canAutosaveThread,
    title: 'Add links to the saved email',
    action: 'Add links',
  };
}
