// What follows the decisions of a batch (a sync batch, or envelopes decided again in the 24-hour window): create
// the contacts the rules ask for, read the bodies of the saves at `full`, save the activities, then record ledger
// and decision log in ONE transaction together with the caller's own writes (the cursor, the waiting envelopes).
// The CRM writes before it are idempotent (contacts by address, activities by Message-ID), so a crash anywhere
// repeats them harmlessly on the next run, and the transaction makes everything recorded move together.
import type { Kysely } from 'kysely';
import {
  attachmentsSentence,
  DEFAULT_ATTACHMENT_LIMIT_MB,
  megabytes,
  normalizeAddress,
  normalizeMessageId,
  shareContent,
  type AutoshareDecision,
  type MailMessage,
  type RecordRef,
} from '../../src';
import type { CrmAdapter, NewActivity } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { recordDecisions, type NewDecisionLogEntry } from '../db/decision-log-repo';
import { recordAutomaticSaves } from '../db/ledger-batch';
import type { User } from '../db/users-repo';
import { mapLimit } from '../mail/map-limit';

export interface SaveDeps {
  /** Where ledger and log go (the run's connection on PostgreSQL). */
  db: Kysely<Database>;
  crm: CrmAdapter;
  /** Bytes of attachment files saved per email at `full` (LIAISON_ATTACHMENT_LIMIT_MB; default 25 MB). */
  attachmentLimitBytes?: number;
}

export interface Decided {
  message: MailMessage;
  decision: AutoshareDecision;
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

export async function saveDecisions(
  deps: SaveDeps,
  user: User,
  decided: Decided[],
  options: SaveOptions = {},
): Promise<SaveResult> {
  const decisions = decided.map((d) => d.decision);
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
          messageId: decided[index]!.message.internetMessageId,
          activityId,
          links: [...d.who, ...(d.what ? [d.what] : [])],
          savedBy: user.id,
        };
      }),
    );
    const entries: NewDecisionLogEntry[] = decided.map(({ message }, index) => {
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
    await options.record?.(trx);
  });
  return result;
}

/**
 * Whole messages for the saves at `full`, by index, read through `withBody`: body and attachment content, read
 * only for these few (the rules need neither).
 */
async function loadBodies(
  decided: Decided[],
  withBody: SaveOptions['withBody'],
): Promise<Map<number, MailMessage | undefined>> {
  const bodies = new Map<number, MailMessage | undefined>();
  if (!withBody) return bodies;
  const wanted = decided.flatMap((d, index) =>
    d.decision.action === 'save' && d.decision.content === 'full' ? [index] : [],
  );
  const loaded = await mapLimit(wanted, BODY_CONCURRENCY, (index) => withBody(decided[index]!.message));
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
