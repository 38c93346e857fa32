import {
  buildSidebarView,
  recordKey,
  type MailMessage,
  type RecordDetails,
  type RecordRef,
  type SavedEmail,
  type SidebarView,
} from '../../src';
import type { AppDeps } from '../app/app-deps';
import { gatherContext } from '../context/gather-context';
import { findSavedEmails } from '../db/ledger-repo';
import { getUsers, type User } from '../db/users-repo';

// The sidebar for one open email: gather the CRM records its addresses concern, add names, recent activities and
// where it was saved, and let the core build the view both sidebars render.

const RECENT_ACTIVITIES = 5;

export async function sidebarView(
  deps: Pick<AppDeps, 'db' | 'crm'>,
  user: User,
  message: MailMessage,
): Promise<SidebarView> {
  const { ctx, organisation, people, accounts, opportunities } = await gatherContext(deps, user, [message]);
  const details: Record<string, RecordDetails> = {};
  for (const p of people)
    details[recordKey({ kind: p.kind, id: p.id })] = {
      name: p.name,
      ...(p.title ? { title: p.title } : {}),
      ...(p.company ? { company: p.company } : {}),
    };
  for (const a of accounts) details[recordKey({ kind: 'account', id: a.id })] = { name: a.name };
  for (const o of opportunities) {
    details[recordKey({ kind: 'opportunity', id: o.id })] = {
      name: o.name,
      stage: o.stage,
      ...(o.amount === undefined ? {} : { amount: o.amount }),
      ...(o.closeDate === undefined ? {} : { closeDate: o.closeDate }),
    };
  }
  const personRefs: RecordRef[] = people
    .filter((p) => !(p.kind === 'lead' && p.converted))
    .map((p) => ({ kind: p.kind, id: p.id }));
  const [activities, ledger] = await Promise.all([
    personRefs.length ? deps.crm.recentActivities(personRefs, RECENT_ACTIVITIES) : Promise.resolve({}),
    findSavedEmails(deps.db, [message.internetMessageId]),
  ]);
  const entry = [...ledger.values()][0];
  let saved: SavedEmail | undefined;
  if (entry) {
    const [savedBy] = entry.savedBy ? await getUsers(deps.db, [entry.savedBy]) : [];
    saved = {
      activityId: entry.activityId,
      savedAt: entry.savedAt,
      savedBy: savedBy?.displayName ?? 'a former user',
      mode: entry.mode,
      links: entry.links,
    };
  }
  const view = buildSidebarView(message, ctx, { details, activities, ...(saved ? { saved } : {}) });
  // Autosharing runs only when the admin enabled it and included this user; the rules alone cannot know that.
  if (view.autoshare.willSave && !(organisation.autosharingEnabled && user.includedInImport)) {
    view.autoshare.line = organisation.autosharingEnabled
      ? "Won't be saved automatically: your admin has not included you in autosharing."
      : "Won't be saved automatically: autosharing is not enabled for your company.";
    view.autoshare.willSave = false;
  }
  return view;
}
