// One page of the Activity page: one row per email (its latest decision), newest first, filtered and searched in
// the database over the user's whole history, paged on a stable key. The decisions of one sync batch share their
// time (one transaction), so a page ends at a (time, id) pair and the next starts strictly after it: nothing is
// lost or shown twice however many rows share a time.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, DecisionLogTable } from './database-types';
import { toDecisionLogEntry, type DecisionLogEntry } from './decision-log-repo';
import { toIso } from './jsonb';

export interface ActivityPageQuery {
  /** Emails (default), calendar events, or both in one list. */
  kind?: 'email' | 'event' | 'all';
  /** Only emails whose latest decision has this reason. */
  reason?: string;
  /** Lower-case text found in the sender, a recipient or the subject. */
  needle?: string;
  /** Autosharing is stopped: what it imported is left out (saves by hand stay). */
  hideImported: boolean;
  limit: number;
  /** Where the previous page ended (`next` of its answer). */
  after?: PageKey;
  /** Only decisions before this time (the older paging by time). */
  before?: Date;
}

export interface PageKey {
  decidedAt: string;
  id: string;
}

/** `next` as the API shows it: opaque to clients, so it can change without breaking them. */
export function encodePageKey(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.decidedAt, key.id])).toString('base64url');
}

/** The key a `next` names, or undefined when it is not one Liaison gave. */
export function decodePageKey(text: string): PageKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [decidedAt, id] = value as unknown[];
    if (typeof decidedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(decidedAt)))
      return undefined;
    return { decidedAt, id };
  } catch {
    return undefined;
  }
}

export async function activityPage(
  db: Kysely<Database>,
  userId: string,
  query: ActivityPageQuery,
): Promise<{ entries: DecisionLogEntry[]; next?: string }> {
  // An email without a Message-ID (rule 0) is its own row, not merged with the others that have none.
  const emailKey = sql`case when message_id = '' then id else message_id end`;
  const conditions = [sql`true`];
  if (query.reason) conditions.push(sql`l.reason = ${query.reason}`);
  if (query.needle)
    conditions.push(sql`strpos(lower(l.from_address || ' ' || l.to_addresses::text || ' ' || l.cc_addresses::text
                                     || ' ' || l.subject), ${query.needle}) > 0`);
  if (query.hideImported)
    conditions.push(
      sql`((s.message_id is not null and s.mode = 'manual') or (s.message_id is null and l.action <> 'save'))`,
    );
  if (query.before) conditions.push(sql`l.decided_at < ${query.before}`);
  if (query.after) {
    // The exact time of the row the page ended on (microseconds; the key carries milliseconds for a row gone).
    const { id, decidedAt } = query.after;
    conditions.push(sql`(l.decided_at, l.id) < (coalesce((select decided_at from decision_log where id = ${id}),
                                                        ${new Date(decidedAt)}), ${id})`);
  }
  // Where each was saved: the email ledger, or the event ledger (keyed by the event's key), or both.
  const emails = sql`select 'email'::text as kind, message_id, mode from saved_emails`;
  const events = sql`select 'event'::text as kind, key as message_id, mode from saved_events`;
  const kind = query.kind ?? 'email';
  const ledger =
    kind === 'event'
      ? sql`(${events})`
      : kind === 'email'
        ? sql`(${emails})`
        : sql`(${emails} union all ${events})`;
  const kinds = kind === 'all' ? ['email', 'event'] : [kind];
  const { rows } = await sql<Selectable<DecisionLogTable>>`
    with latest as (
      select distinct on (kind, ${emailKey}) *
        from decision_log
       where user_id = ${userId} and kind = any(${kinds}::text[])
       order by kind, ${emailKey}, decided_at desc, id desc)
    select l.*
      from latest l
      left join ${ledger} s on s.message_id = l.message_id and s.kind = l.kind and l.message_id <> ''
     where ${sql.join(conditions, sql` and `)}
     order by l.decided_at desc, l.id desc
     limit ${query.limit + 1}`.execute(db);
  const more = rows.length > query.limit;
  const entries = rows.slice(0, query.limit).map(toDecisionLogEntry);
  const last = rows[query.limit - 1];
  return more && last
    ? { entries, next: encodePageKey({ decidedAt: toIso(last.decided_at), id: last.id }) }
    : { entries };
}
