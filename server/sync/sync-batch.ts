// One batch of one mailbox, start to finish: gather the CRM records for every address of the batch, decide each
// message (from its envelope and header fields; bodies are read only for the saves at `full`), create the contacts
// the rules ask for, save the activities, then record ledger, decision log and the new cursor in ONE transaction.
// The CRM writes before it are idempotent (contacts by address, activities by Message-ID), so a crash anywhere
// repeats them harmlessly on the next run, and the transaction makes the ledger, the log and the cursor move
// together: nothing is recorded twice, nothing is skipped.
import type { Kysely } from 'kysely';
import {
  attachmentsSentence,
  DEFAULT_ATTACHMENT_LIMIT_MB,
  decideAutoshare,
  megabytes,
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
  /** Bytes of attachment files saved per email at `full` (LIAISON_ATTACHMENT_LIMIT_MB; default 25 MB). */
  attachmentLimitBytes?: number;
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
  const { messages, cursor } = batch;
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
  const bodies = await loadBodies(batch, decisions);
  const limit = deps.attachmentLimitBytes ?? megabytes(DEFAULT_ATTACHMENT_LIMIT_MB);
  const activities: { index: number; activity: NewActivity }[] = [];
  const notes = new Map<number, string>();
  /** What became of the attachments of the saves at `full`, for their trace. */
  const fileNotes = new Map<number, string[]>();
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
    const content = shareContent(bodies.get(index) ?? message, decision.content, {
      attachmentLimitBytes: limit,
    });
    const filesSentence = attachmentsSentence(content, limit);
    if (filesSentence) fileNotes.set(index, [filesSentence]);
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
        ...(content.files.length > 0 ? { files: content.files } : {}),
      },
    });
  });

  const activityIds = new Map<number, string>();
  for (let i = 0; i < activities.length; i += SAVE_CHUNK) {
    const chunk = activities.slice(i, i + SAVE_CHUNK);
    const saved = await deps.crm.saveActivities(chunk.map((c) => c.activity));
    saved.forEach((r, j) => {
      const index = chunk[j]!.index;
      if (r.ok) {
        activityIds.set(index, r.id);
        for (const f of r.fileErrors ?? [])
          fileNotes.get(index)?.push(`The CRM refused the file ${f.name}: ${f.error}.`);
      } else notes.set(index, `The CRM refused the activity: ${r.error}`);
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
        if (won.has(normalizeMessageId(message.internetMessageId))) {
          result.saved++;
          const files = fileNotes.get(index);
          if (files) decision = { ...decision, trace: [...decision.trace, ...files] };
        } else decision = alreadySaved(decision); // a colleague's mailbox saved it a moment earlier
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
 * Whole messages for the saves at `full`, by index: body and attachment content, read only for these few (the rules
 * need neither).
 */
async function loadBodies(
  batch: Pick<MailBatch, 'messages' | 'withBody'>,
  decisions: AutoshareDecision[],
): Promise<Map<number, MailMessage>> {
  const bodies = new Map<number, MailMessage>();
  const withBody = batch.withBody;
  if (!withBody) return bodies;
  const wanted = decisions.flatMap((d, index) =>
    d.action === 'save' && d.content === 'full' ? [index] : [],
  );
  const loaded = await mapLimit(wanted, BODY_CONCURRENCY, (index) => withBody(batch.messages[index]!));
  wanted.forEach((index, i) => bodies.set(index, loaded[i]!));
  return bodies;
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
