// "Save when sent" in a sync batch (issue 18): an email the rep sent carrying a Save when sent mark (Outlook's
// header), or sent in a thread they picked records for (Gmail), is saved with the picked records as a save by hand,
// whatever the autosharing settings say. The pure part (src/compose/save-when-sent.ts) decides which pick applies;
// here the picks are looked up, and an email saved already by someone gets the picked records added to its
// activity (rulebook section 4: one email is one activity). The pick is marked used with the batch's ledger and log
// (save-decisions.ts), so it saves one email once.
import type { Kysely } from 'kysely';
import {
  ignoredPickSentence,
  normalizeMessageId,
  pickLinksAddedSentence,
  pickSaveTrace,
  planSaveWhenSent,
  readSaveMark,
  recordKey,
  type AutoshareContext,
  type MailMessage,
  type RecordRef,
} from '../../src';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { addLedgerLinks, findSavedEmails } from '../db/ledger-repo';
import { openThreadPicks } from '../db/save-picks-repo';
import type { User } from '../db/users-repo';
import type { SecretBox } from '../secrets';
import { checkSaveMarks } from '../services/save-when-sent-service';
import type { Decided, PickUse } from './save-decisions';

export interface PickDeps {
  db: Kysely<Database>;
  crm: CrmAdapter;
  /** The key that checks the marks' signatures; without it every mark is ignored (and the trace says so). */
  secrets?: Pick<SecretBox, 'verifySignature'>;
}

const isWhat = (r: RecordRef) => r.kind === 'opportunity' || r.kind === 'account';

/** Gives the batch's decisions their picks: changes `decided` in place. */
export async function applySavePicks(
  deps: PickDeps,
  user: User,
  ctx: Pick<AutoshareContext, 'settings'>,
  decided: Decided[],
  now: Date,
): Promise<void> {
  const messages = decided.map((d) => d.message);
  const tokens = messages.flatMap((m) => readSaveMark(m) ?? []);
  const threads = messages.flatMap((m) => (m.folder === 'sent' && m.threadId ? [m.threadId] : []));
  if (tokens.length === 0 && threads.length === 0) return;
  const [marks, threadPicks] = await Promise.all([
    checkSaveMarks(deps.db, deps.secrets, tokens),
    openThreadPicks(deps.db, user.id, threads),
  ]);
  const verdicts = planSaveWhenSent(messages, {
    userId: user.id,
    ownAddresses: user.addresses,
    now,
    marks,
    threadPicks,
  });
  const picked = decided.filter(
    (d, i) => verdicts[i]?.kind === 'applies' && d.decision.reason !== 'invalid_message',
  );
  const saved = await findSavedEmails(
    deps.db,
    picked.map((d) => normalizeMessageId(d.message.internetMessageId)),
  );

  for (const [i, d] of decided.entries()) {
    const verdict = verdicts[i]!;
    if (verdict.kind === 'none') continue;
    if (verdict.kind === 'ignored') {
      d.decision = { ...d.decision, trace: [...d.decision.trace, ignoredPickSentence(verdict)] };
      continue;
    }
    if (!picked.includes(d)) continue; // malformed: rule 0 said why, and nothing can be saved
    const { pick } = verdict;
    const entry = saved.get(normalizeMessageId(d.message.internetMessageId));
    if (!entry) {
      const level = pick.level ?? ctx.settings.sharing.outbound;
      d.decision = {
        action: 'save',
        reason: 'autoshare', // logged as `manual` (save-decisions.ts: the pick makes it a save by hand)
        who: pick.who,
        ...(pick.what ? { what: pick.what } : {}),
        create: [],
        content: level,
        trace: pickSaveTrace(pick, level),
      };
      d.pick = pickUse(pick, pick.what, 'save');
      continue;
    }
    const added = await addPickedLinks(deps, d.message, entry, pick.who, pick.what);
    const current = entry.links.find(isWhat);
    d.decision = { ...d.decision, trace: [...d.decision.trace, added.sentence] };
    if (added.ok) d.pick = pickUse(pick, pick.what ?? current, 'links');
  }
}

function pickUse(
  pick: { id: string; autosaveThread: boolean },
  what: RecordRef | undefined,
  kind: PickUse['kind'],
) {
  return { id: pick.id, autosaveThread: pick.autosaveThread, kind, ...(what ? { what } : {}) };
}

/** Like add-links-service.ts: the CRM's activity first, then the ledger, never a second activity. */
async function addPickedLinks(
  deps: PickDeps,
  message: MailMessage,
  entry: { activityId: string; links: RecordRef[] },
  pickedWho: RecordRef[],
  pickedWhat: RecordRef | undefined,
): Promise<{ ok: boolean; sentence: string }> {
  const linked = new Set(entry.links.map(recordKey));
  const who = pickedWho.filter((r) => !linked.has(recordKey(r)));
  const what =
    pickedWhat && !entry.links.some(isWhat) && deps.crm.addsWhatLater && !linked.has(recordKey(pickedWhat))
      ? pickedWhat
      : undefined;
  if (who.length === 0 && !what) return { ok: true, sentence: pickLinksAddedSentence([]) };
  const result = await deps.crm.addActivityLinks(entry.activityId, { who, ...(what ? { what } : {}) });
  if (!result.ok)
    return {
      ok: false,
      sentence: `Save when sent: the email was already saved in the CRM, and the CRM refused the records you picked (${result.error}).`,
    };
  const added = [...who, ...(what ? [what] : [])];
  await addLedgerLinks(deps.db, message.internetMessageId, added);
  return { ok: true, sentence: pickLinksAddedSentence(added) };
}
