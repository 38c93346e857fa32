import type { z } from 'zod';
import type { activityEntrySchema } from '../../src/api/user-api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types';
import type { DecisionLogEntry } from '../db/decision-log-repo';
import { sql } from 'kysely';
import { normalizeAddress } from '../../src';
import { findSavedEmails } from '../db/ledger-repo';
import { getUsers } from '../db/users-repo';

// The Activity page's rows: one per email (its latest decision), each with where the email is saved now. The
// ledger is the truth about saves: an email a rep saved by hand after the sync skipped it shows as saved by hand,
// and a thread auto-save or an auto-share says by whom, how and when.

export type ActivityEntry = z.infer<typeof activityEntrySchema>;

type OwnSave = 'autoshare' | 'thread_autosave' | 'manual';

/** The rows of a page, each the latest decision about one email, newest first. */
export async function activityEntries(
  db: Kysely<Database>,
  userId: string,
  latest: DecisionLogEntry[],
): Promise<ActivityEntry[]> {
  const ids = [...new Set(latest.map((e) => e.messageId).filter((id) => id !== ''))];
  // How this user's own mailbox saved each email, when it did (any of its rows, the latest such first).
  const ownSave = new Map<string, OwnSave>();
  if (ids.length > 0) {
    const { rows } = await sql<{ message_id: string; reason: OwnSave }>`
      select message_id, reason from decision_log
       where user_id = ${userId} and message_id = any(${ids}::text[]) and action = 'save'
         and reason in ('autoshare', 'thread_autosave', 'manual')
       order by decided_at desc, id desc`.execute(db);
    for (const row of rows) if (!ownSave.has(row.message_id)) ownSave.set(row.message_id, row.reason);
  }
  const ledger = await findSavedEmails(db, ids);
  const savers = await getUsers(db, [...new Set([...ledger.values()].map((l) => l.savedBy).filter(Boolean))]);
  const nameOf = new Map(savers.map((u) => [u.id, u.displayName]));
  return latest.map((entry) => {
    const saved = entry.messageId === '' ? undefined : ledger.get(entry.messageId);
    if (!saved) return entry;
    const mine = saved.savedBy === userId;
    const own = mine ? ownSave.get(entry.messageId) : undefined;
    const how = saved.mode === 'manual' ? 'manual' : own && own !== 'manual' ? own : 'automatic';
    const by = nameOf.get(saved.savedBy);
    return {
      ...entry,
      saved: { ...(by ? { by } : {}), how, at: saved.savedAt, links: saved.links, mine },
    };
  });
}

/** An event row's kind by event-rules.md section 2: a meeting when a participant is not one of the user's addresses
 * (the log keeps the organizer and the attendees other than rooms); nothing to tell when it kept no participant. */
export function withEventKind(entry: ActivityEntry, userAddresses: readonly string[]): ActivityEntry {
  if (entry.kind !== 'event') return entry;
  const participants = [entry.from, ...entry.to].filter((a) => a !== '');
  if (participants.length === 0) return entry;
  const own = new Set(userAddresses.map(normalizeAddress));
  return { ...entry, eventKind: participants.some((a) => !own.has(a)) ? 'meeting' : 'appointment' };
}
