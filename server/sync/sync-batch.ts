// One batch of one mailbox, start to finish: gather the CRM records for every address of the batch, decide each
// message (from its envelope and header fields; bodies are read only for the saves at `full`), create the contacts
// the rules ask for, save the activities, then record ledger, decision log and the new cursor in ONE transaction.
// The CRM writes before it are idempotent (contacts by address, activities by Message-ID), so a crash anywhere
// repeats them harmlessly on the next run, and the transaction makes the ledger, the log and the cursor move
// together: nothing is recorded twice, nothing is skipped.
import type { Kysely } from 'kysely';
import {
  decideAutoshare,
  normalizeAddress,
  normalizeMessageId,
  shareContent,
  type AutoshareDecision,
  type MailMessage,
  type RecordRef,
} from '../../src';
import { gatherContext } from '../context/gather-context';
import type { CrmAdapter, NewActivity } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { recordDecisions, type NewDecisionLogEntry } from '../db/decision-log-repo';
import { recordAutomaticSaves } from '../db/ledger-batch';
import { storeCursor, type Mailbox } from '../db/mailboxes-repo';
import type { MailBatch } from '../mail/mail-source';
import { mapLimit } from '../mail/map-limit';
import type { User } from '../db/users-repo';

export interface BatchDeps {
  /** Where ledger, log and cursor go (the run's connection on PostgreSQL). */
  db: Kysely<Database>;
  crm: CrmAdapter;
}

export interface BatchResult {
  looked: number;
  saved: number;
  skipped: number;
  createdContacts: number;
}

/** Activities per adapter call (adapters split further where their API needs it). */
const SAVE_CHUNK = 1000;
/** Bodies read at once for the saves at `full`. */
const BODY_CONCURRENCY = 16;

export async function processBatch(
  deps: BatchDeps,
  mailbox: Pick<Mailbox, 'id' | 'connectedAt'>,
  user: User,
  batch: Pick<MailBatch, 'messages' | 'cursor' | 'withBody'>,
): Promise<BatchResult> {
  const { cursor } = batch;
  const messages = oncePerMessageId(batch.messages);
  const result: BatchResult = { looked: messages.length, saved: 0, skipped: 0, createdContacts: 0 };
  if (messages.length === 0) {
    await storeCursor(deps.db, mailbox.id, cursor);
    return result;
  }
  const { ctx } = await gatherContext(deps, user, messages);
  // Rule 3 counts from this mailbox's connection.
  ctx.connectedAt = mailbox.connectedAt;
  const decisions = messages.map((m) => decideAutoshare(m, ctx));

  const created = await createContacts(deps.crm, user, decisions);
  result.createdContacts = created.count;

  const own = new Set(user.addresses.map(normalizeAddress));
  const bodies = await loadBodies(messages, batch.withBody, decisions);
  const activities: { index: number; activity: NewActivity }[] = [];
  const notes = new Map<number, string>();
  decisions.forEach((decision, index) => {
    if (decision.action !== 'save') return;
    const message = messages[index]!;
    const who = [...decision.who];
    for (const c of decision.create) {
      const id = created.ids.get(normalizeAddress(c.address));
      if (id) pushUnique(who, { kind: 'contact', id });
    }
    decision.who = who;
    if (who.length === 0 && !decision.what) {
      notes.set(index, 'The contacts to create could not be created, so there was nothing to link.');
      return;
    }
    const content = shareContent(bodies.get(index) ?? message, decision.content);
    activities.push({
      index,
      activity: {
        messageId: normalizeMessageId(message.internetMessageId),
        subject: content.subject,
        body: content.body,
        date: message.sentAt,
        ownerId: user.crmUserId,
        who,
        ...(decision.what ? { what: decision.what } : {}),
        mode: 'automatic',
      },
    });
  });

  const activityIds = new Map<number, string>();
  for (let i = 0; i < activities.length; i += SAVE_CHUNK) {
    const chunk = activities.slice(i, i + SAVE_CHUNK);
    const saved = await deps.crm.saveActivities(chunk.map((c) => c.activity));
    saved.forEach((r, j) => {
      const index = chunk[j]!.index;
      if (r.ok) activityIds.set(index, r.id);
      else notes.set(index, `The CRM refused the activity: ${r.error}`);
    });
  }

  await deps.db.transaction().execute(async (trx) => {
    const won = await recordAutomaticSaves(
      trx,
      [...activityIds].map(([index, activityId]) => {
        const d = decisions[index]!;
        return {
          messageId: messages[index]!.internetMessageId,
          activityId,
          links: [...d.who, ...(d.what ? [d.what] : [])],
          savedBy: user.id,
        };
      }),
    );
    const entries: NewDecisionLogEntry[] = messages.map((message, index) => {
      let decision = decisions[index]!;
      const note = notes.get(index);
      if (decision.action === 'save' && activityIds.has(index)) {
        if (won.has(normalizeMessageId(message.internetMessageId))) result.saved++;
        else decision = alreadySaved(decision); // a colleague's mailbox saved it a moment earlier
      } else if (note) decision = { ...decision, trace: [...decision.trace, `${note} Not saved.`] };
      if (!(decision.action === 'save' && activityIds.has(index))) result.skipped++;
      const from = normalizeAddress(message.from?.address);
      return {
        userId: user.id,
        message,
        direction: own.has(from) ? 'outbound' : 'inbound',
        decision,
      };
    });
    await recordDecisions(trx, entries);
    await storeCursor(trx, mailbox.id, cursor);
  });
  return result;
}

/**
 * Whole messages for the saves at `full`, by index, when the source returned headers only (the rules need nothing
 * more, so only these few bodies are read).
 */
async function loadBodies(
  messages: MailMessage[],
  withBody: MailBatch['withBody'],
  decisions: AutoshareDecision[],
): Promise<Map<number, MailMessage>> {
  const bodies = new Map<number, MailMessage>();
  if (!withBody) return bodies;
  const wanted = decisions.flatMap((d, index) =>
    d.action === 'save' && d.content === 'full' ? [index] : [],
  );
  const loaded = await mapLimit(wanted, BODY_CONCURRENCY, (index) => withBody(messages[index]!));
  wanted.forEach((index, i) => bodies.set(index, loaded[i]!));
  return bodies;
}

/**
 * The batch with each Message-ID once (the first copy wins): a source may list one email twice (in two folders, or
 * as two items of a provider), and one email is one decision, one log row and one count.
 */
function oncePerMessageId(messages: MailMessage[]): MailMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const id = normalizeMessageId(m.internetMessageId);
    if (id === '') return true; // rule 0 says why it is invalid, for each one
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function alreadySaved(decision: AutoshareDecision): AutoshareDecision {
  return {
    action: 'skip',
    reason: 'already_saved',
    who: [],
    create: [],
    content: decision.content,
    trace: [
      ...decision.trace,
      'Another mailbox of the organisation saved this email at the same moment: one email is one activity.',
    ],
  };
}

function pushUnique(list: RecordRef[], ref: RecordRef): void {
  if (!list.some((r) => r.kind === ref.kind && r.id === ref.id)) list.push(ref);
}

/** The contacts the decisions ask for, once per address, in one adapter call. */
async function createContacts(
  crm: CrmAdapter,
  user: User,
  decisions: AutoshareDecision[],
): Promise<{ ids: Map<string, string>; count: number }> {
  const wanted = new Map<string, string>();
  for (const d of decisions) {
    if (d.action !== 'save') continue;
    for (const c of d.create) {
      const address = normalizeAddress(c.address);
      if (!wanted.has(address)) wanted.set(address, c.accountId);
    }
  }
  const ids = new Map<string, string>();
  if (wanted.size === 0) return { ids, count: 0 };
  const items = [...wanted].map(([email, accountId]) => ({ email, accountId, ownerId: user.crmUserId }));
  const results = await crm.createContacts(items);
  let count = 0;
  results.forEach((r, i) => {
    if (r.ok) {
      ids.set(items[i]!.email, r.id);
      if (r.created) count++;
    }
  });
  return { ids, count };
}
