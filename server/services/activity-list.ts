import type { z } from 'zod';
import type { activityEntrySchema } from '../../src/api/user-api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types';
import type { DecisionLogEntry } from '../db/decision-log-repo';
import { findSavedEmails } from '../db/ledger-repo';
import { getUsers } from '../db/users-repo';

// The Activity page's rows: one per email (its latest decision), each with where the email is saved now. The
// ledger is the truth about saves: an email a rep saved by hand after the sync skipped it shows as saved by hand,
// and a thread auto-save or an auto-share says by whom, how and when.

export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export async function activityEntries(
  db: Kysely<Database>,
  userId: string,
  decisions: DecisionLogEntry[],
): Promise<ActivityEntry[]> {
  const latest = new Map<string, DecisionLogEntry>();
  // How this user's own mailbox saved each email, when it did (any of its rows).
  const ownSave = new Map<string, 'autoshare' | 'thread_autosave' | 'manual'>();
  for (const entry of decisions) {
    if (!latest.has(entry.messageId)) latest.set(entry.messageId, entry); // decisions come newest first
    const { action, reason } = entry.decision;
    if (action === 'save' && (reason === 'autoshare' || reason === 'thread_autosave' || reason === 'manual'))
      if (!ownSave.has(entry.messageId)) ownSave.set(entry.messageId, reason);
  }
  const ledger = await findSavedEmails(db, [...latest.keys()]);
  const savers = await getUsers(db, [...new Set([...ledger.values()].map((l) => l.savedBy).filter(Boolean))]);
  const nameOf = new Map(savers.map((u) => [u.id, u.displayName]));
  return [...latest.values()].map((entry) => {
    const saved = ledger.get(entry.messageId);
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
