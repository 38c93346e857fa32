// One scheduled run of one mailbox: under the mailbox lock, check that autosharing applies (organisation switch on,
// user included), read batches from the stored cursor and process each (sync-batch.ts moves the cursor only with
// the batch's ledger and log), decide again the emails of the 24-hour window whose contact or lead has appeared
// (pending-window.ts), then record the status: Active, or Inactive with the reason and the next retry.
import type { Kysely } from 'kysely';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { getMailbox, recordRunOutcome, storeCursor } from '../db/mailboxes-repo';
import { getOrganisation } from '../db/organisation-repo';
import { getUser } from '../db/users-repo';
import type { MailBatch, MailCursor } from '../providers/mail-source';
import type { SecretBox } from '../secrets';
import type { MailboxLock } from './mailbox-lock';
import type { SourceCache } from './source-cache';
import { failureOutcome, successOutcome } from './sync-status';
import { sameCursor } from './same-cursor';
import { processBatch } from './sync-batch';
import { recheckPending } from './pending-window';
import { runCalendar, type CalendarRunDeps, type CalendarRunResult } from './calendar/calendar-run';

export interface RunDeps {
  db: Kysely<Database>;
  crm: CrmAdapter;
  lock: MailboxLock;
  sources: SourceCache;
  intervalMs: number;
  batchSize: number;
  maxBatchesPerRun: number;
  /** Bytes of attachment files saved per email at `full` (default 25 MB). */
  attachmentLimitBytes?: number;
  /** Contacts one email may create at most (default 10). */
  maxContactsPerEmail?: number;
  now?: () => Date;
  /** Checks the Save when sent marks' signatures (the server's secret key); absent: marks are ignored. */
  secrets?: Pick<SecretBox, 'verifySignature'>;
  /** The mailbox's calendar, read after its mail in the same run (calendar/calendar-run.ts); absent: mail only. */
  calendar?: Pick<CalendarRunDeps, 'events' | 'calendars' | 'horizonDays'>;
}

export type RunResult =
  | { outcome: 'gone' | 'locked' | 'paused' | 'not_due' }
  | {
      outcome: 'synced';
      looked: number;
      saved: number;
      batches: number;
      more: boolean;
      /** What the calendar's part of the run did (absent when the engine reads no calendars). */
      calendar?: CalendarRunResult;
    }
  | { outcome: 'failed'; error: string };

/** Runs a mailbox if it is due (or `force`d: a push or a reconnect asked for it). */
export async function runMailbox(
  deps: RunDeps,
  mailboxId: string,
  options: { force?: boolean } = {},
): Promise<RunResult> {
  const locked = await deps.lock.withLock(mailboxId, (db) => runLocked({ ...deps, db }, mailboxId, options));
  return locked.acquired ? locked.value : { outcome: 'locked' };
}

async function runLocked(deps: RunDeps, mailboxId: string, options: { force?: boolean }): Promise<RunResult> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const mailbox = await getMailbox(deps.db, mailboxId);
  if (!mailbox) return { outcome: 'gone' };
  const [user, organisation] = await Promise.all([
    getUser(deps.db, mailbox.userId),
    getOrganisation(deps.db),
  ]);
  if (!user) return { outcome: 'gone' };
  // Admin stop, or the user taken out of import: nothing is read (the schedule resumes when this changes).
  if (!organisation.autosharingEnabled || !user.includedInImport) return { outcome: 'paused' };
  if (!options.force && Date.parse(mailbox.nextSyncAt) > startedAt.getTime()) return { outcome: 'not_due' };

  let looked = 0;
  let saved = 0;
  let batches = 0;
  let more = false;
  try {
    // The source stays open for the whole run (the worker's source cache closes idle ones, never one in use).
    await deps.sources.use(mailbox, async (source) => {
      let next: Promise<MailBatch> | undefined;
      try {
        let cursor = mailbox.cursor;
        if (!cursor) {
          cursor = await source.initialCursor(new Date(mailbox.connectedAt));
          await storeCursor(deps.db, mailbox.id, cursor);
        }
        // The next batch is read while this one is decided and recorded, so the source's I/O overlaps the database's
        // work. It starts from a cursor not stored yet: if this batch fails, the read-ahead is dropped with it.
        const read = (from: MailCursor) => {
          const batch = source.fetchChanges(from, { limit: deps.batchSize });
          batch.catch(() => undefined); // awaited below, or dropped when the run fails first
          return batch;
        };
        next = read(cursor);
        while (next) {
          const batch: MailBatch = await next;
          more = batch.more;
          batches++;
          if (batch.messages.length === 0 && sameCursor(cursor, batch.cursor)) break; // idle: nothing to write
          next = more && batches < deps.maxBatchesPerRun ? read(batch.cursor) : undefined;
          const result = await processBatch(deps, mailbox, user, batch);
          looked += result.looked;
          saved += result.saved;
          cursor = batch.cursor;
        }
        // Emails skipped within the last 24 hours for want of a contact or lead: decided again if one appeared (they
        // count among this run's emails looked at, and saved when they are).
        const again = await recheckPending(deps, mailbox, user, source, now());
        looked += again.looked;
        saved += again.saved;
      } catch (error) {
        await next?.catch(() => undefined); // let a read-ahead finish before its source is closed
        throw error;
      }
    });
    if (looked > 0) deps.sources.noteNews(mailbox.id);
  } catch (error) {
    await deps.sources.drop(mailbox.id);
    await recordRunOutcome(
      deps.db,
      mailbox,
      failureOutcome(error, mailbox.consecutiveFailures, now()),
      startedAt,
    );
    return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  // The calendar after the mail, under the same lock; its failure is its own (recorded on the mailbox), never the
  // mail's.
  const calendar = deps.calendar
    ? await runCalendar(
        {
          ...deps.calendar,
          db: deps.db,
          crm: deps.crm,
          batchSize: deps.batchSize,
          maxBatchesPerRun: deps.maxBatchesPerRun,
          now,
        },
        mailbox,
        user,
      )
    : undefined;
  const calendarMore = calendar?.outcome === 'synced' && calendar.more;
  // A backlog left after this run's share continues at once.
  await recordRunOutcome(
    deps.db,
    mailbox,
    successOutcome(now(), more || calendarMore ? 0 : deps.intervalMs),
    startedAt,
  );
  return { outcome: 'synced', looked, saved, batches, more, ...(calendar ? { calendar } : {}) };
}
