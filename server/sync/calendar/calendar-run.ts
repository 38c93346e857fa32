// A mailbox's calendar, read in the same scheduled run as its mail and under the same lock (sync-run.ts), after the
// mail: from its own cursor, batch by batch (calendar-batch.ts moves the cursor only with what it recorded). Read
// only when the user shares meetings or appointments; a calendar that cannot be read (consent missing, the provider
// down) is recorded with why on the mailbox and never fails the mail. Its change notifications (CalendarPush) are
// kept by these runs while calendars are shared, and stopped at the first run after they no longer are.
import type { Kysely } from 'kysely';
import { DEFAULT_HORIZON_DAYS } from '../../../src';
import type { CrmAdapter } from '../../crm/crm-adapter';
import type { Database } from '../../db/database-types';
import { recordCalendarOutcome, storeCalendarCursor } from '../../db/event-ledger-repo';
import { deletePush, getPush } from '../../db/mailbox-push-repo';
import { withMailboxes, type Mailbox } from '../../db/mailboxes-repo';
import { getSyncSettings } from '../../db/settings-repo';
import type { User } from '../../db/users-repo';
import type { CalendarCursor } from '../../providers/calendar-source';
import type { CalendarSourceFactory } from '../mail-source-factory';
import { processCalendarBatch, type CalendarBatchResult } from './calendar-batch';
import { calendarErrorText } from './calendar-error-text';
import type { EventWriter } from './event-writer';

export interface CalendarRunDeps {
  db: Kysely<Database>;
  crm: CrmAdapter;
  events: EventWriter;
  calendars: CalendarSourceFactory;
  batchSize: number;
  maxBatchesPerRun: number;
  horizonDays?: number;
  now?: () => Date;
}

export type CalendarRunResult =
  | { outcome: 'off' | 'none' }
  | ({
      outcome: 'synced';
      batches: number;
      more: boolean;
      /** Why the change notifications could not be kept (the calendar is read on its schedule meanwhile). */
      pushError?: string;
    } & CalendarBatchResult)
  | { outcome: 'failed'; error: string };

export async function runCalendar(
  deps: CalendarRunDeps,
  mailbox: Mailbox,
  user: User,
): Promise<CalendarRunResult> {
  const now = deps.now ?? (() => new Date());
  const settings = await getSyncSettings(deps.db, user.id);
  if (!settings.autoshareMeetings && !settings.autoshareAppointments) {
    await stopPush(deps, mailbox);
    await startCursorQuietly(deps, mailbox);
    return { outcome: 'off' };
  }
  let source;
  try {
    source = await deps.calendars(mailbox);
  } catch (error) {
    return failed(deps, mailbox, error, now());
  }
  if (!source) return { outcome: 'none' };
  const totals: CalendarBatchResult = { looked: 0, saved: 0, updated: 0, cancelled: 0, skipped: 0 };
  let batches = 0;
  let more = false;
  try {
    let cursor = await storedCursor(deps.db, mailbox.id);
    if (!cursor) {
      cursor = await source.initialCursor(
        new Date(mailbox.connectedAt),
        deps.horizonDays ?? DEFAULT_HORIZON_DAYS,
      );
      await storeCalendarCursor(deps.db, mailbox.id, cursor);
    }
    do {
      const batch = await source.changes(cursor, { limit: deps.batchSize });
      batches++;
      more = batch.more;
      const result = await processCalendarBatch(
        { ...deps, ...(deps.horizonDays ? { horizonDays: deps.horizonDays } : {}) },
        mailbox,
        user,
        batch,
      );
      for (const k of Object.keys(totals) as (keyof CalendarBatchResult)[]) totals[k] += result[k];
      cursor = batch.cursor;
    } while (more && batches < deps.maxBatchesPerRun);
  } catch (error) {
    await source.close().catch(() => undefined);
    return failed(deps, mailbox, error, now());
  }
  let pushError: string | undefined;
  try {
    await source.push?.keep();
  } catch (error) {
    pushError = error instanceof Error ? error.message : String(error);
  } finally {
    await source.close().catch(() => undefined);
  }
  await recordCalendarOutcome(deps.db, mailbox.id, null, now());
  return { outcome: 'synced', batches, more, ...totals, ...(pushError ? { pushError } : {}) };
}

/** Calendars no longer shared: their change notifications are ended at the provider (where there are any). */
async function stopPush(deps: CalendarRunDeps, mailbox: Mailbox): Promise<void> {
  if (!(await getPush(deps.db, mailbox.id, 'calendar'))) return;
  const source = await deps.calendars(mailbox).catch(() => undefined);
  try {
    // Without a push here (notifications turned off since), the row goes and the subscription lapses on its own.
    if (source?.push) await source.push.stop();
    else await deletePush(deps.db, mailbox.id, 'calendar');
  } catch {
    // tried again at the next run
  } finally {
    await source?.close().catch(() => undefined);
  }
}

/**
 * While calendar sharing is off, the calendar's cursor is still started, once, at the mailbox's first run after its
 * connection: turned on later, it reads from there (an invitation source walks the mailbox, and what is in it when
 * its cursor starts counts as seen). Nothing is recorded when it cannot be: the user has not asked for calendars.
 */
async function startCursorQuietly(deps: CalendarRunDeps, mailbox: Mailbox): Promise<void> {
  if (await storedCursor(deps.db, mailbox.id)) return;
  const source = await deps.calendars(mailbox).catch(() => undefined);
  if (!source) return;
  try {
    const cursor = await source.initialCursor(
      new Date(mailbox.connectedAt),
      deps.horizonDays ?? DEFAULT_HORIZON_DAYS,
    );
    await storeCalendarCursor(deps.db, mailbox.id, cursor);
  } catch {
    // tried again at the next run
  } finally {
    await source.close().catch(() => undefined);
  }
}

async function storedCursor(db: Kysely<Database>, mailboxId: string): Promise<CalendarCursor | null> {
  const row = await withMailboxes(db)
    .selectFrom('mailboxes')
    .select('calendar_cursor')
    .where('id', '=', mailboxId)
    .executeTakeFirst();
  return (row?.calendar_cursor as CalendarCursor | null | undefined) ?? null;
}

async function failed(
  deps: Pick<CalendarRunDeps, 'db'>,
  mailbox: Mailbox,
  error: unknown,
  at: Date,
): Promise<CalendarRunResult> {
  const message = error instanceof Error ? error.message : String(error);
  await recordCalendarOutcome(deps.db, mailbox.id, calendarErrorText(error), at);
  return { outcome: 'failed', error: message };
}
