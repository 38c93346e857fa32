import {
  buildSidebarView,
  type AutoshareContext,
  type RecentActivity,
  normalizeMessageId,
  recordKey,
  type MailMessage,
  type RecordDetails,
  type RecordRef,
  type SavedEmail,
  type SidebarView,
} from '../../src';
import type { AppDeps } from '../app/app-deps';
import { gatherContext, type GatheredContext } from '../context/gather-context';
import type { Organisation } from '../db/organisation-repo';
import { automaticActivityIds } from '../db/ledger-repo';
import type { User } from '../db/users-repo';
import { recordNames } from './record-names';
import { sidebarCacheKey, type SidebarCache } from './sidebar-cache';

// The sidebar for one open email: gather the CRM records its addresses concern, add names, recent activities and
// where it was saved, and let the core build the view both sidebars render.

const RECENT_ACTIVITIES = 5;

/** What the view of one email is made of, read from the databases: kept between requests (sidebar-cache.ts). */
export interface SidebarInputs {
  ctx: AutoshareContext;
  organisation: Organisation;
  details: Record<string, RecordDetails>;
  activities: Record<string, RecentActivity[]>;
  saved?: SavedEmail;
  /** When kept: the answers written from it (sidebarAnswer). */
  answers?: Map<string, string>;
}

type SidebarDeps = Pick<AppDeps, 'db' | 'crm' | 'config'> & { sidebarCache?: SidebarCache };

export async function sidebarView(deps: SidebarDeps, user: User, message: MailMessage): Promise<SidebarView> {
  return composeView(deps, user, message, await inputsFor(deps, user, message));
}

/** Answers written for one kept read, by the email's JSON: at most this many, for emails this long at most. */
const ANSWERS_KEPT = 4;
const ANSWER_KEY_MAX = 64 * 1024;

/** The sidebar's answer as written JSON: the same email asked again (the pane reloaded, the rep came back to it)
 * is answered with what was written last time, while what it was made of is kept. */
export async function sidebarAnswer(
  deps: SidebarDeps,
  user: User,
  message: MailMessage,
  write: (view: SidebarView) => string,
): Promise<string> {
  const inputs = await inputsFor(deps, user, message);
  const answers = inputs.answers;
  const key = answers && JSON.stringify(message);
  const kept = key === undefined ? undefined : answers!.get(key);
  if (kept !== undefined) return kept;
  const text = write(composeView(deps, user, message, inputs));
  if (key !== undefined && key.length <= ANSWER_KEY_MAX) {
    if (answers!.size >= ANSWERS_KEPT) answers!.delete(answers!.keys().next().value as string);
    answers!.set(key, text);
  }
  return text;
}

async function inputsFor(deps: SidebarDeps, user: User, message: MailMessage): Promise<SidebarInputs> {
  const cache = deps.crm.changesNotified ? deps.sidebarCache : undefined;
  const key = cache && sidebarCacheKey(user, message);
  const kept = key ? cache!.get(key) : undefined;
  if (kept) return kept;
  const stamp = cache?.stamp();
  const inputs = await readSidebarInputs(deps, user, message);
  if (key) {
    inputs.answers = new Map();
    cache!.set(key, stamp, inputs);
  }
  return inputs;
}

/** The display fields of the records a gathered context holds, keyed by `recordKey`. */
export function recordDetails(
  people: GatheredContext['people'],
  accounts: GatheredContext['accounts'],
  opportunities: GatheredContext['opportunities'],
  /** Where each record opens in the CRM (the adapter's `recordUrl`), when it has a page. */
  urlOf: (ref: RecordRef) => string | undefined = () => undefined,
): Record<string, RecordDetails> {
  const details: Record<string, RecordDetails> = {};
  const url = (ref: RecordRef) => {
    const u = urlOf(ref);
    return u ? { url: u } : {};
  };
  for (const p of people)
    details[recordKey({ kind: p.kind, id: p.id })] = {
      name: p.name,
      ...(p.title ? { title: p.title } : {}),
      ...(p.company ? { company: p.company } : {}),
      ...url({ kind: p.kind, id: p.id }),
    };
  for (const a of accounts)
    details[recordKey({ kind: 'account', id: a.id })] = {
      name: a.name,
      ...url({ kind: 'account', id: a.id }),
    };
  for (const o of opportunities) {
    details[recordKey({ kind: 'opportunity', id: o.id })] = {
      name: o.name,
      stage: o.stage,
      ...(o.amount === undefined ? {} : { amount: o.amount }),
      ...(o.amount === undefined || o.currency === undefined ? {} : { currency: o.currency }),
      ...(o.closeDate === undefined ? {} : { closeDate: o.closeDate }),
      ...url({ kind: 'opportunity', id: o.id }),
    };
  }
  return details;
}

async function readSidebarInputs(
  deps: Pick<AppDeps, 'db' | 'crm' | 'config'>,
  user: User,
  message: MailMessage,
): Promise<SidebarInputs> {
  // One call: the context, recent activities and the ledger row come from two statements (one per store).
  const { ctx, organisation, people, accounts, opportunities, activities, ledger } = await gatherContext(
    deps,
    user,
    [message],
    { recentActivities: RECENT_ACTIVITIES, ledger: true },
  );
  const details = recordDetails(people, accounts, opportunities, (ref) => deps.crm.recordUrl?.(ref));
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
  const inputs: SidebarInputs = {
    ctx,
    organisation,
    details,
    activities: activities ?? {},
    ...(saved ? { saved } : {}),
  };
  // Records the view names but the gathered context did not (where an email was saved, the thread's record): their
  // names in one more CRM call, so the sidebars never show an id. Which ones depends on the stored data alone (the
  // ledger's links, the thread's record), so they are kept with the rest.
  const view = buildSidebarView(message, ctx, extrasOf(deps, inputs));
  const missing = Object.keys(view.names).filter((key) => !details[key]);
  if (missing.length > 0) {
    const found = await recordNames(
      deps.crm,
      missing.map((key) => {
        const at = key.indexOf(':');
        return { kind: key.slice(0, at), id: key.slice(at + 1) } as RecordRef;
      }),
    );
    for (const [key, name] of Object.entries(found)) details[key] = { name };
  }
  return inputs;
}

function extrasOf(deps: Pick<AppDeps, 'config'>, inputs: SidebarInputs) {
  return {
    details: inputs.details,
    activities: inputs.activities,
    ...(inputs.saved ? { saved: inputs.saved } : {}),
    maxContactsPerEmail: deps.config.maxContactsPerEmail,
  };
}

function composeView(
  deps: Pick<AppDeps, 'config'>,
  user: User,
  message: MailMessage,
  inputs: SidebarInputs,
): SidebarView {
  const view = buildSidebarView(message, inputs.ctx, extrasOf(deps, inputs));
  view.attachmentLimitMb = deps.config.attachmentLimitMb;
  const { organisation } = inputs;
  // Autosharing runs only when the admin enabled it and included this user; the rules alone cannot know that.
  if (view.autoshare.willSave && !(organisation.autosharingEnabled && user.includedInImport)) {
    view.autoshare.line = organisation.autosharingEnabled
      ? "Won't be saved automatically: your admin has not included you in autosharing."
      : "Won't be saved automatically: autosharing is not enabled for your company.";
    view.autoshare.willSave = false;
  }
  return view;
}
