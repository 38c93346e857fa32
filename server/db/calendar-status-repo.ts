// What the admin's Users page shows of each user's calendar, read for everyone at once (two reads, not two a user):
// the settings in force (whether they share meetings or appointments) and their mailbox's calendar columns.
import type { Kysely } from 'kysely';
import type { SyncSettings } from '../../src';
import type { Database } from './database-types';
import { mergeSyncSettings } from './default-sync-settings';
import { withMailboxes, type MailboxStatusReason } from './mailboxes-repo';
import { toIso } from './jsonb';

export interface CalendarRow {
  /** The user shares meetings or appointments (the calendar is read only then). */
  sharing: boolean;
  mailbox?: {
    statusReason: MailboxStatusReason | null;
    calendarError: string | null;
    calendarSyncedAt: string | null;
  };
}

export async function calendarRowsByUser(
  db: Kysely<Database>,
  defaults: SyncSettings,
): Promise<Map<string, CalendarRow>> {
  const [settings, mailboxes] = await Promise.all([
    db.selectFrom('user_settings').select(['user_id', 'settings']).execute(),
    withMailboxes(db)
      .selectFrom('mailboxes')
      .select(['user_id', 'status_reason', 'calendar_error', 'calendar_synced_at'])
      .execute(),
  ]);
  const stored = new Map(settings.map((row) => [row.user_id, row.settings as unknown]));
  const rows = new Map<string, CalendarRow>();
  const sharingOf = (userId: string) => {
    const s = mergeSyncSettings(defaults, stored.get(userId));
    return s.autoshareMeetings || s.autoshareAppointments;
  };
  for (const m of mailboxes)
    rows.set(m.user_id, {
      sharing: sharingOf(m.user_id),
      mailbox: {
        statusReason: m.status_reason as MailboxStatusReason | null,
        calendarError: m.calendar_error ?? null,
        calendarSyncedAt: m.calendar_synced_at ? toIso(m.calendar_synced_at) : null,
      },
    });
  for (const userId of stored.keys()) if (!rows.has(userId)) rows.set(userId, { sharing: sharingOf(userId) });
  return rows;
}

/** A user with neither stored settings nor a mailbox: the organisation's defaults say whether they share. */
export function defaultCalendarRow(defaults: SyncSettings): CalendarRow {
  return { sharing: defaults.autoshareMeetings || defaults.autoshareAppointments };
}
