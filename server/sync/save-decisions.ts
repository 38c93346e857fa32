// What follows the decisions of a batch (a sync batch, or envelopes decided again in the 24-hour window): create
// the contacts the rules ask for, read the bodies of the saves at `full`, save the activities, then record ledger
// and decision log in ONE transaction together with the caller's own writes (the cursor, the waiting envelopes).
// The CRM writes before it are idempotent (contacts by address, activities by Message-ID), so a crash anywhere
// repeats them harmlessly on the next run, and the transaction makes everything recorded move together.
import { sql, type Kysely } from 'kysely';
import {
  attachmentsSentence,
  DEFAULT_ATTACHMENT_LIMIT_MB,
  megabytes,
  normalizeAddress,
  normalizeMessageId,
  shareContent,
  knownThreadRoot,
  threadIdOf,
  type AutoshareDecision,
  type MailMessage,
  type RecordRef,
} from '../../src';
import type { CrmAdapter, NewActivity, SaveActivityResult } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { recordDecisions, type NewDecisionLogEntry } from '../db/decision-log-repo';
import { recordAutomaticSaves } from '../db/ledger-batch';
import { markSavePickUsed } from '../db/save-picks-repo';
import { subscribeThread } from '../db/subscriptions-repo';
import { storableKey } from '../db/storable';
import type { User } from '../db/users-repo';
import { MailSourceError } from '../providers/mail-source';
import { mapLimit } from '../providers/map-limit';

export interface SaveDeps {
  /** Where ledger and log go (the run's connection on PostgreSQL). */
  db: Kysely<Database>;
  crm: CrmAdapter;
  /** Bytes of attachment files saved per email at `full` (LIAISON_ATTACHMENT_LIMIT_MB; default 25 MB). */
  attachmentLimitBytes?: number;
  /** Contacts one email may create at most (LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL; default 10). */
  maxContactsPerEmail?: number;
  /** When a pick is marked used. */
  now?: () => Date;
}

export interface Decided {
  message: MailMessage;
  decision: AutoshareDecision;
  /** Save when sent (save-when-sent-batch.ts): the rep's pick this email is saved with, or added to. */
  pick?: PickUse;
}

/** A pick used by an email: a save by hand, or links added to the activity of an email saved already. */
export interface PickUse {
  id: string;
  kind: 'save' | 'links';
  autosaveThread: boolean;
  /** The thread subscription's related record when `autosaveThread`. */
  what?: RecordRef;
}

export interface SaveOptions {
  /**
   * The whole message (body, attachments) of a save at `full`, when the message at hand has none; undefined when it
   * cannot be read any more (the save is then not made, and the log says why). Absent: the message is whole.
   */
  withBody?: (message: MailMessage) => Promise<MailMessage | undefined>;
  /** The caller's writes, in the same transaction as ledger and log. */
  record?: (trx: Kysely<Database>) => Promise<void>;
}

export interface SaveResult {
  saved: number;
  skipped: number;
  createdContacts: number;
  /** The addresses rule 9 asked contacts for that the CRM now has (created now, or found already there). */
  contactAddresses: string[];
}

/** Activities per adapter call (adapters split further where their API needs it). */
const SAVE_CHUNK = 1000;
/** Bodies read at once for the saves at `full`. */
const BODY_CONCURRENCY = 16;
/** Activities saved at once when a chunk is tried again one by one. */
const ALONE_CONCURRENCY = 8;

export async function saveDecisions(
  deps: SaveDeps,
  user: User,
  decided: Decided[],
  options: SaveOptions = {},
): Promise<SaveResult> {
  const decisions = decided.map((d) => d.decision);
  const now = (deps.now ?? (() => new Date()))();
  const created = await createContacts(deps.crm, user, decisions);
  const result: SaveResult = {
    saved: 0,
    skipped: 0,
    createdContacts: created.count,
    contactAddresses: [...created.ids.keys()],
  };

  const own = new Set(user.addresses.map(normalizeAddress));
  const bodies = await loadBodies(decided, options.withBody);
  const limit = deps.attachmentLimitBytes ?? megabytes(DEFAULT_ATTACHMENT_LIMIT_MB);
  const activities: { index: number; activity: NewActivity }[] = [];
  const notes = new Map<number, string>();
  /** What became of the attachments of the saves at `full`, for their trace. */
  const fileNotes = new Map<number, string[]>();
  decided.forEach(({ message, decision }, index) => {
    if (decision.action !== 'save') return;
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
    const whole = bodies.has(index) ? bodies.get(index) : message;
    if (whole instanceof Error) {
      notes.set(index, `Its full content could not be read from the mailbox (${oneLine(whole.message)}).`);
      return;
    }
    if (!whole) {
      notes.set(
        index,
        'Its full content could not be read again from the mailbox (the email was moved or deleted meanwhile).',
      );
      return;
    }
    const content = shareContent(whole, decision.content, { attachmentLimitBytes: limit });
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
        ...(content.files.length > 0 ? { files: content.files } : {}),
        mode: decided[index]!.pick ? 'manual' : 'automatic',
      },
    });
  });

  const activityIds = new Map<number, string>();
  for (let i = 0; i < activities.length; i += SAVE_CHUNK) {
    const chunk = activities.slice(i, i + SAVE_CHUNK);
    const saved = await saveEachIfNeeded(
      deps.crm,
      chunk.map((c) => c.activity),
    );
    saved.forEach((r, j) => {
      const index = chunk[j]!.index;
      if (r.ok) {
        activityIds.set(index, r.id);
        for (const f of r.fileErrors ?? [])
          fileNotes.get(index)?.push(`The CRM refused the file ${f.name}: ${f.error}.`);
      } else notes.set(index, `The CRM refused the activity: ${r.error}`);
    });
  }

  // One transaction for ledger, log and the caller's writes. Should PostgreSQL still refuse a row for what an email
  // holds (a data error), the batch is recorded again with each log row on its own, and an email whose row cannot
  // be written is logged as passed over with the reason: it fails alone, the batch and the cursor go on.
  const record = (oneByOne: boolean) =>
    deps.db.transaction().execute(async (trx) => {
      const won = await recordAutomaticSaves(
        trx,
        [...activityIds].map(([index, activityId]) => {
          const d = decisions[index]!;
          return {
            messageId: decided[index]!.message.internetMessageId,
            activityId,
            links: [...d.who, ...(d.what ? [d.what] : [])],
            savedBy: user.id,
            ...(decided[index]!.pick ? { mode: 'manual' as const } : {}),
          };
        }),
      );
      const counts = { saved: 0, skipped: 0 };
      /** The picks these emails used: marked used with the ledger, so each saves one email once. */
      const used: { message: MailMessage; pick: PickUse }[] = [];
      const entries: NewDecisionLogEntry[] = decided.map(({ message, pick }, index) => {
        let decision: NewDecisionLogEntry['decision'] = decisions[index]!;
        // An email saved with the rep's pick is a save by hand, saved or not (the CRM may refuse it).
        if (pick?.kind === 'save') decision = { ...decision, reason: 'manual' };
        const note = notes.get(index);
        if (decision.action === 'save' && activityIds.has(index)) {
          if (won.has(storableKey(normalizeMessageId(message.internetMessageId)))) {
            counts.saved++;
            const files = fileNotes.get(index);
            if (files) decision = { ...decision, trace: [...decision.trace, ...files] };
            if (pick) used.push({ message, pick });
          } else decision = alreadySaved(decisions[index]!); // a colleague's mailbox saved it a moment earlier
        } else if (note) decision = { ...decision, trace: [...decision.trace, `${note} Not saved.`] };
        if (pick?.kind === 'links') used.push({ message, pick });
        if (!(decision.action === 'save' && activityIds.has(index))) counts.skipped++;
        const from = normalizeAddress(message.from?.address);
        return {
          userId: user.id,
          message,
          direction: own.has(from) ? 'outbound' : 'inbound',
          decision,
        };
      });
      if (oneByOne) await recordEachAlone(trx, entries);
      else await recordDecisions(trx, entries);
      for (const { message, pick } of used) await usePick(trx, user, message, pick, now);
      await options.record?.(trx);
      return counts;
    });
  let counts: { saved: number; skipped: number };
  try {
    counts = await record(false);
  } catch (error) {
    if (!isDataError(error)) throw error;
    counts = await record(true);
  }
  result.saved = counts.saved;
  result.skipped = counts.skipped;
  return result;
}

/**
 * Marks a pick used and, when the rep ticked it, subscribes the thread (with the picked related record), as a save
 * by hand from the sidebar does. A pick another run used a moment earlier subscribes nothing again.
 */
async function usePick(
  trx: Kysely<Database>,
  user: User,
  message: MailMessage,
  pick: PickUse,
  at: Date,
): Promise<void> {
  const first = await markSavePickUsed(trx, pick.id, at);
  const threadId = threadIdOf(message);
  if (!first || !pick.autosaveThread || threadId === '') return;
  await subscribeThread(trx, user.id, threadId, pick.what, message.subject, knownThreadRoot(message));
}

/** PostgreSQL's classes 22 (data exception) and 54 (program limit exceeded): the row, not the database, is at fault. */
function isDataError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

/**
 * Log rows one at a time, each behind a savepoint: a row PostgreSQL refuses is rolled back alone and replaced by
 * one that keeps only what is sure to be storable, with the reason it was passed over.
 */
async function recordEachAlone(trx: Kysely<Database>, entries: NewDecisionLogEntry[]): Promise<void> {
  for (const entry of entries) {
    await sql`savepoint log_row`.execute(trx);
    try {
      await recordDecisions(trx, [entry]);
      await sql`release savepoint log_row`.execute(trx);
    } catch (error) {
      if (!isDataError(error)) throw error;
      await sql`rollback to savepoint log_row`.execute(trx);
      await recordDecisions(trx, [passedOver(entry, error)]);
    }
  }
}

/** What is logged of an email whose row could not be written: its Message-ID, folder and sender, and why. */
function passedOver(entry: NewDecisionLogEntry, error: unknown): NewDecisionLogEntry {
  const { message, decision } = entry;
  const detail = oneLine(error instanceof Error ? error.message : String(error));
  return {
    ...entry,
    message: {
      internetMessageId: message.internetMessageId,
      folder: message.folder,
      from: { address: message.from?.address ?? '' },
      to: [],
      cc: [],
      subject: '',
      sentAt: '',
    },
    decision: {
      action: 'skip',
      reason: 'invalid_message',
      who: [],
      create: [],
      content: decision.content,
      trace: [
        `Liaison could not record this email as it came (the database refused it: ${detail}), so it was passed ` +
          'over and the mailbox went on with the next emails.' +
          (decision.action === 'save' ? ' Its activity was saved in the CRM before this.' : ''),
      ],
    },
  };
}

/**
 * The activities saved in one call; when that call fails, each alone, so one activity the CRM cannot take fails
 * only itself. When every one fails alone too, the CRM is down: the error fails the batch, to be retried.
 */
async function saveEachIfNeeded(crm: CrmAdapter, activities: NewActivity[]): Promise<SaveActivityResult[]> {
  try {
    return await crm.saveActivities(activities);
  } catch (error) {
    if (activities.length <= 1) throw error;
    type Alone = SaveActivityResult | { result: SaveActivityResult };
    const each = await mapLimit(activities, ALONE_CONCURRENCY, async (activity): Promise<Alone> => {
      try {
        const [result] = await crm.saveActivities([activity]);
        return result ?? { messageId: activity.messageId, ok: false, error: 'the CRM gave no answer for it' };
      } catch (alone) {
        const why = oneLine(alone instanceof Error ? alone.message : String(alone));
        return {
          result: { messageId: activity.messageId, ok: false, error: why } satisfies SaveActivityResult,
        };
      }
    });
    if (each.every((r) => 'result' in r)) throw error;
    return each.map((r) => ('result' in r ? r.result : r));
  }
}

/** An error's message on one line, not too long, for a trace sentence. */
function oneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Whole messages for the saves at `full`, by index, read through `withBody`: body and attachment content, read
 * only for these few (the rules need neither).
 */
async function loadBodies(
  decided: Decided[],
  withBody: SaveOptions['withBody'],
): Promise<Map<number, MailMessage | undefined | Error>> {
  const bodies = new Map<number, MailMessage | undefined | Error>();
  if (!withBody) return bodies;
  const wanted = decided.flatMap((d, index) =>
    d.decision.action === 'save' && d.decision.content === 'full' ? [index] : [],
  );
  // A message the source cannot make sense of fails alone; a mailbox that stops answering fails the batch (it is
  // retried later, and nothing is passed over).
  const loaded = await mapLimit(wanted, BODY_CONCURRENCY, (index) =>
    withBody(decided[index]!.message).catch((error: unknown) => {
      if (error instanceof MailSourceError) throw error;
      return error instanceof Error ? error : new Error(String(error));
    }),
  );
  wanted.forEach((index, i) => bodies.set(index, loaded[i]));
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
