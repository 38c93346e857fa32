import type { RecordRef } from '../types';
import { recordKey } from './record-key';
import type { MeetingView } from './meeting-types';
import type { SidebarView } from './sidebar-types';

/** What the defaults read of a view: an email's, or a meeting's (whose people stand by role). */
type SaveFormView = Pick<SidebarView, 'pickable'> & {
  people: Pick<SidebarView['people'][number], 'ref' | 'name' | 'deleted' | 'linkedByAutoshare'>[];
  autoshare: { decision: { what?: RecordRef } };
  thread: Pick<SidebarView['thread'], 'autosave' | 'what'>;
};

// What a save form offers and has chosen when it opens, the same in both sidebars: the people to link (those
// autosharing would link, else everyone shown), the opportunity or account (autosharing's, else the thread
// subscription's), the rep's default level (no level sent), and the thread switch as it stands.

export interface SaveFormChoice {
  ref: RecordRef;
  name: string;
}

export interface SaveFormDefaults {
  /** Contacts and leads that can be linked: the people shown, not deleted in the CRM. */
  people: SaveFormChoice[];
  /** Opportunities and accounts that can be picked. */
  targets: SaveFormChoice[];
  /** Keys (`recordKey`) of the people ticked at first. */
  who: string[];
  /** Key of the opportunity or account picked at first, if any. */
  what?: string;
  autosaveThread: boolean;
}

export function saveFormDefaults(view: SaveFormView): SaveFormDefaults {
  const people = view.people
    .filter((p) => !p.deleted)
    .map((p) => ({ ref: p.ref, name: p.name }))
    .filter((p, i, all) => all.findIndex((q) => recordKey(q.ref) === recordKey(p.ref)) === i);
  const targets = view.pickable
    .filter((p) => p.ref.kind === 'opportunity' || p.ref.kind === 'account')
    .map((p) => ({ ref: p.ref, name: p.name }));
  const linked = new Set(view.people.filter((p) => p.linkedByAutoshare).map((p) => recordKey(p.ref)));
  const who = people.map((p) => recordKey(p.ref)).filter((k) => linked.size === 0 || linked.has(k));
  const offered = new Set(targets.map((t) => recordKey(t.ref)));
  const what = [view.autoshare.decision.what, view.thread.what]
    .map((ref) => (ref ? recordKey(ref) : undefined))
    .find((key) => key !== undefined && offered.has(key));
  return { people, targets, who, ...(what ? { what } : {}), autosaveThread: view.thread.autosave };
}

/** The same choices for Save meeting (event-rules.md section 6): a meeting has no thread to follow. */
export function meetingSaveFormDefaults(view: MeetingView): Omit<SaveFormDefaults, 'autosaveThread'> {
  const { autosaveThread: _none, ...defaults } = saveFormDefaults({
    people: view.people,
    pickable: view.pickable,
    autoshare: { decision: view.autoshare.decision },
    thread: { autosave: false },
  });
  void _none;
  return defaults;
}
