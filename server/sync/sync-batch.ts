// One batch of one mailbox, start to finish: gather the CRM records for every address of the batch, decide each
// message (from its envelope and header fields; bodies are read only for the saves at `full`), then save and record
// (save-decisions.ts): ledger, decision log, the envelopes kept for the 24-hour window (pending-window.ts) and the new
// cursor in ONE transaction, so nothing is recorded twice and nothing is skipped.
import type { Kysely } from 'kysely';
import { boundContactCreation, decideAutoshare, normalizeMessageId, type MailMessage } from '../../src';
import { gatherContext } from '../context/gather-context';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { storeCursor, type Mailbox } from '../db/mailboxes-repo';
import { dropPending, keepPending, requestPendingCheck } from '../db/pending-envelopes-repo';
import { storableMessage } from '../db/storable';
import type { User } from '../db/users-repo';
import type { MailBatch } from '../providers/mail-source';
import { envelopesToKeep } from './pending-window';
import { saveDecisions, type Decided } from './save-decisions';
import { applySavePicks } from './save-when-sent-batch';
import type { SecretBox } from '../secrets';

export interface BatchDeps {
  /** Where ledger, log and cursor go (the run's connection on PostgreSQL). */
  db: Kysely<Database>;
  crm: CrmAdapter;
  now?: () => Date;
  /** Bytes of attachment files saved per email at `full` (LIAISON_ATTACHMENT_LIMIT_MB; default 25 MB). */
  attachmentLimitBytes?: number;
  /** Contacts one email may create at most (LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL; default 10). */
  maxContactsPerEmail?: number;
  /** Checks the Save when sent marks' signatures (absent: marks are ignored, and their trace says so). */
  secrets?: Pick<SecretBox, 'verifySignature'>;
}

export interface BatchResult {
  looked: number;
  saved: number;
  skipped: number;
  createdContacts: number;
}

export async function processBatch(
  deps: BatchDeps,
  mailbox: Pick<Mailbox, 'id' | 'connectedAt'>,
  user: User,
  batch: Pick<MailBatch, 'messages' | 'cursor' | 'withBody' | 'sourceIdOf'>,
): Promise<BatchResult> {
  const { cursor } = batch;
  // Made storable before anything reads them: the decision, the log, the waiting envelopes and the CRM activity
  // all see the same Message-ID and text, none of which PostgreSQL or a CRM can refuse.
  // The source knows its own objects (withBody, sourceIdOf): each storable copy points back to its original.
  const originals = new Map<MailMessage, MailMessage>();
  const messages = oncePerMessageId(
    batch.messages.map((original) => {
      const message = storableMessage(original);
      originals.set(message, original);
      return message;
    }),
  );
  const original = (message: MailMessage) => originals.get(message) ?? message;
  const sourceIdOf = batch.sourceIdOf && ((message: MailMessage) => batch.sourceIdOf!(original(message)));
  if (messages.length === 0) {
    await storeCursor(deps.db, mailbox.id, cursor);
    return { looked: 0, saved: 0, skipped: 0, createdContacts: 0 };
  }
  const { ctx } = await gatherContext(deps, user, messages);
  // Rule 3 counts from this mailbox's connection.
  ctx.connectedAt = mailbox.connectedAt;
  // The rulebook's decision, then the bound on the contacts one email may create.
  const decided: Decided[] = messages.map((message) => ({
    message,
    decision: boundContactCreation(decideAutoshare(message, ctx), message, ctx, deps.maxContactsPerEmail),
  }));
  const now = (deps.now ?? (() => new Date()))();
  // Save when sent: the emails the rep picked records for while writing are saved with them, whatever the rules say.
  await applySavePicks(deps, user, ctx, decided, now);
  const { keep, settled } = envelopesToKeep(decided, sourceIdOf, now);

  const result = await saveDecisions(deps, user, decided, {
    ...(batch.withBody ? { withBody: withStorableBody(batch.withBody, original) } : {}),
    record: async (trx) => {
      await keepPending(trx, mailbox.id, keep);
      await dropPending(trx, mailbox.id, settled);
      await storeCursor(trx, mailbox.id, cursor);
    },
  });
  // Contacts rule 9 made: emails waiting for them, in any mailbox, are checked at that mailbox's next run.
  await requestPendingCheck(deps.db, result.contactAddresses, now);
  const { contactAddresses: _, ...counts } = result;
  return { looked: messages.length, ...counts };
}

/** The source's whole message made storable like its envelope (the body may hold NULs: a GIF in a text part). */
function withStorableBody(
  withBody: NonNullable<MailBatch['withBody']>,
  original: (message: MailMessage) => MailMessage,
): (message: MailMessage) => Promise<MailMessage> {
  return async (message) => storableMessage(await withBody(original(message)));
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
