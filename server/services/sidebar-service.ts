import {
  buildSidebarView,
  normalizeMessageId,
  recordKey,
  type MailMessage,
  type RecordDetails,
  type RecordRef,
  type SavedEmail,
  type SidebarView,
} from '../../src';
import type { AppDeps } from '../app/app-deps';
import { gatherContext } from '../context/gather-context';
import { automaticActivityIds } from '../db/ledger-repo';
import type { User } from '../db/users-repo';
import { recordNames } from './record-names';

// The sidebar for one open email: gather the CRM records its addresses concern, add names, recent activities and
// where it was saved, and let the core build the view both sidebars render.

const RECENT_ACTIVITIES = 5;

export async function sidebarView(
  deps: Pick<AppDeps, 'db' | 'crm' | 'config'>,
  user: User,
  message: MailMessage,
): Promise<SidebarView> {
  // One call: the context, recent activities and the ledger row come from two statements (one per store).
  const { ctx, organisation, people, accounts, opportunities, activities, ledger } = await gatherContext(
    deps,
    user,
    [message],
    { recentActivities: RECENT_ACTIVITIES, ledger: true },
  );
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
  // Display setting off: the CRM left out what it knows autosharing imported (embedded: every one; Salesforce: with
  // the origin field); the ledger knows the rest by activity id, in any CRM.
  if (!organisation.showExtractedInfo && activities) {
    const imported = await automaticActivityIds(
      deps.db,
      Object.values(activities).flatMap((list) => list.map((a) => a.id)),
    );
    for (const key of Object.keys(activities))
      activities[key] = activities[key]!.filter((a) => !imported.has(a.id));
  }
  const entry = ledger?.get(normalizeMessageId(message.internetMessageId));
  const saved: SavedEmail | undefined = entry && {
    activityId: entry.activityId,
    savedAt: entry.savedAt,
    savedBy: entry.savedByName ?? 'a former user',
    mode: entry.mode,
    links: entry.links,
    canAddWhat: deps.crm.addsWhatLater,
  };
  const extras = {
    details,
    activities: activities ?? {},
    ...(saved ? { saved } : {}),
    maxContactsPerEmail: deps.config.maxContactsPerEmail,
  };
  let view = buildSidebarView(message, ctx, extras);
  // Records the view names but the gathered context did not (where an email was saved, the thread's record): their
  // names in one more CRM call, so the sidebars never show an id.
  const missing = Object.keys(view.names).filter((key) => !details[key]);
  if (missing.length > 0) {
    const found = await recordNames(
      deps.crm,
      missing.map((key) => {
        const at = key.indexOf(':');
        return { kind: key.slice(0, at), id: key.slice(at + 1) } as RecordRef;
      }),
    );
    if (Object.keys(found).length > 0) {
      for (const [key, name] of Object.entries(found)) details[key] = { name };
      view = buildSidebarView(message, ctx, extras);
    }
  }
  view.attachmentLimitMb = deps.config.attachmentLimitMb;
  // Autosharing runs only when the admin enabled it and included this user; the rules alone cannot know that.
  if (view.autoshare.willSave && !(organisation.autosharingEnabled && user.includedInImport)) {
    view.autoshare.line = organisation.autosharingEnabled
      ? "Won't be saved automatically: your admin has not included you in autosharing."
      : "Won't be saved automatically: autosharing is not enabled for your company.";
    view.autoshare.willSave = false;
  }
  return view;
}
