// Most wake-ups find nothing new, so a worker checks a whole batch of them together: one read of the batch's rows
// (with the user's inclusion and the organisation's switch), a read of each source from its stored cursor, and one
// write that moves the schedule of every mailbox found idle. Only a mailbox with news, a failing one, one not
// plainly Active, or one with envelopes in the 24-hour window due for a check (pending-window.ts: the run asks
// the CRM about them) goes through the full run (sync-run.ts) under the mailbox lock.
//
// The check takes no database lock: it writes no cursor, ledger or log, only the schedule of a mailbox that was
// Active with no failures, and that write is guarded by the same condition, so a full run finishing elsewhere
// (another worker) is never overwritten with a worse status. A stale cursor can only make a mailbox look busy,
// never idle: whatever is newer than the true cursor is newer than an older one too.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database-types';
import { getMailboxes, type Mailbox } from '../db/mailboxes-repo';
import { mailboxesWithPending } from '../db/pending-envelopes-repo';
import { mapLimit } from '../providers/map-limit';
import { RECHECK_MS } from './pending-window';
import type { MailboxLock } from './mailbox-lock';
import { sameCursor } from './same-cursor';
import type { SourceCache } from './source-cache';

export interface SweepDeps {
  db: Kysely<Database>;
  lock: MailboxLock;
  sources: SourceCache;
  intervalMs: number;
  /** Sources read at once (their reads are I/O: files, sockets). */
  parallel?: number;
  now?: () => Date;
}

export interface SweepResult {
  /** Checked, nothing new: their next run is already written. */
  idle: string[];
  /** Not due yet (a duplicate wake-up): only their wake-up needs putting back. */
  notDue: string[];
  /** To run in full (news, a failed check, not plainly Active, never read yet). */
  full: string[];
}

export async function sweepIdle(deps: SweepDeps, ids: readonly string[]): Promise<SweepResult> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const result: SweepResult = { idle: [], notDue: [], full: [] };
  const [rows, runnable, waiting, calendars] = await Promise.all([
    getMailboxes(deps.db, [...ids]),
    runnableUsers(deps.db, ids),
    mailboxesWithPending(deps.db, ids, startedAt, new Date(startedAt.getTime() - RECHECK_MS)),
    mailboxesSharingCalendars(deps.db, ids),
  ]);
  const candidates: Mailbox[] = [];
  for (const mailbox of rows) {
    // Paused (admin stop, user taken out of import) or gone: the full run says so and nothing is rescheduled.
    if (!runnable.has(mailbox.userId)) result.full.push(mailbox.id);
    else if (Date.parse(mailbox.nextSyncAt) > startedAt.getTime()) result.notDue.push(mailbox.id);
    else if (mailbox.status !== 'active' || mailbox.consecutiveFailures > 0 || !mailbox.cursor)
      result.full.push(mailbox.id);
    // Envelopes in the 24-hour window due for a check: the run asks the CRM whether their contact or lead appeared.
    else if (waiting.has(mailbox.id)) result.full.push(mailbox.id);
    // Its calendar changes apart from its mail (a meeting moved, an invitation still to read): the mail's cursor
    // cannot say the mailbox is idle, so the run reads the calendar.
    else if (calendars.has(mailbox.id)) result.full.push(mailbox.id);
    else candidates.push(mailbox);
  }
  const checked = await mapLimit(candidates, deps.parallel ?? 16, async (mailbox) => {
    const local = await deps.lock.withLocalLock(mailbox.id, () => isIdle(deps.sources, mailbox));
    return local.acquired && local.value; // a run of it is going on in this process: it reschedules itself
  });
  candidates.forEach((mailbox, i) => {
    if (checked[i]) result.idle.push(mailbox.id);
    else result.full.push(mailbox.id);
  });
  await recordIdle(deps.db, result.idle, startedAt, new Date(now().getTime() + deps.intervalMs));
  return result;
}

async function isIdle(sources: SourceCache, mailbox: Mailbox): Promise<boolean> {
  const cursor = mailbox.cursor!;
  try {
    const batch = await sources.use(mailbox, (source) => source.fetchChanges(cursor, { limit: 1 }));
    return batch.messages.length === 0 && sameCursor(cursor, batch.cursor);
  } catch {
    return false; // the full run meets the failure again and records it (status, backoff)
  }
}

/** Users whose mailboxes may run: included in import, with the organisation's autosharing on. */
async function runnableUsers(db: Kysely<Database>, mailboxIds: readonly string[]): Promise<Set<string>> {
  if (mailboxIds.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    select u.id from users u join mailboxes m on m.user_id = u.id
     where m.id = any(${[...mailboxIds]}::text[]) and u.included_in_import
       and coalesce((select autosharing_enabled from organisation limit 1), true)`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** Mailboxes whose user shares meetings or appointments (their own setting, else the organisation's default). */
async function mailboxesSharingCalendars(
  db: Kysely<Database>,
  mailboxIds: readonly string[],
): Promise<Set<string>> {
  if (mailboxIds.length === 0) return new Set();
  const on = (key: string) =>
    sql`coalesce(s.settings -> ${key}, o.default_settings -> ${key}) = 'true'::jsonb`;
  const { rows } = await sql<{ id: string }>`
    select m.id from mailboxes m
      left join user_settings s on s.user_id = m.user_id
      left join (select default_settings from organisation limit 1) o on true
     where m.id = any(${[...mailboxIds]}::text[])
       and (${on('autoshareMeetings')} or ${on('autoshareAppointments')})`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** One write for every idle mailbox (and one for their users' "last sync"), guarded as the header says. */
async function recordIdle(db: Kysely<Database>, ids: string[], startedAt: Date, next: Date): Promise<void> {
  if (ids.length === 0) return;
  const at = new Date();
  await sql`
    with swept as (
      update mailboxes
         set last_sync_at = ${at},
             next_sync_at = case when sync_requested_at > ${startedAt} then now() else ${next} end
       where id = any(${ids}::text[]) and status = 'active' and consecutive_failures = 0
       returning user_id)
    update users set last_sync_at = ${at} where id in (select user_id from swept)`.execute(db);
}
