// The decision log's retention: rows older than the organisation's retention (LIAISON_DECISION_LOG_RETENTION_DAYS,
// default 90) are deleted by a scheduled job (server/sync/sync-worker.ts). A privacy promise: what Liaison learnt
// of an email (its envelope, why it was saved or skipped) is not kept forever.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database-types';

export const DEFAULT_DECISION_LOG_RETENTION_DAYS = 90;

/** Rows deleted per statement, so a first run on a large log never holds one long lock. */
const CHUNK = 5000;

/** Deletes the decisions made more than `days` days before `now`; returns how many. */
export async function deleteExpiredDecisions(db: Kysely<Database>, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let deleted = 0;
  for (;;) {
    const { rows } = await sql<{ id: string }>`
      delete from decision_log
       where id in (select id from decision_log where decided_at < ${cutoff} limit ${CHUNK})
       returning id`.execute(db);
    deleted += rows.length;
    if (rows.length < CHUNK) return deleted;
  }
}
