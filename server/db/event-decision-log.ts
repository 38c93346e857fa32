// Calendar events in the decision log (kind `event`, migration 0016): what was decided about each event a calendar
// run looked at, with the same columns as an email's envelope — the event's key where an email has its Message-ID,
// the organizer as From, the other participants as To, the start as the date — and no description, ever.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { normalizeAddress, type CalendarEvent, type EventDecision } from '../../src';
import type { Database } from './database-types';
import { jsonRecordset } from './json-recordset';
import { MAX_LINE_CHARS, storableKey, storableText } from './storable';

export interface NewEventDecision {
  userId: string;
  /** The event as the source gave it (absent for a removal, which carries only the provider's id). */
  event?: CalendarEvent;
  key: string;
  direction: 'inbound' | 'outbound';
  /** The rules' decision, or a rep's save by hand from a sidebar (reason `manual`, as for emails). */
  decision: Pick<EventDecision, 'action' | 'who' | 'what' | 'create' | 'invitees' | 'content' | 'trace'> & {
    reason: EventDecision['reason'] | 'manual';
  };
}

const COLUMNS = `id text, user_id text, message_id text, folder text, direction text, from_address text,
  to_addresses jsonb, cc_addresses jsonb, subject text, sent_at text, action text, reason text, links jsonb,
  content text, trace jsonb`;

const text = (value: unknown) => (typeof value === 'string' ? storableText(value, MAX_LINE_CHARS) : '');

/** Appends the decisions in one insert; returns their ids in input order. */
export async function recordEventDecisions(
  db: Kysely<Database>,
  entries: NewEventDecision[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids = entries.map(() => randomUUID());
  const rows = entries.map((entry, i) => {
    const { event, decision } = entry;
    const attendees = Array.isArray(event?.attendees) ? event.attendees : [];
    return {
      id: ids[i]!,
      user_id: entry.userId,
      message_id: storableKey(entry.key),
      folder: 'calendar',
      direction: entry.direction,
      from_address: normalizeAddress(event?.organizer?.address),
      to_addresses: attendees.filter((a) => a?.type !== 'resource').map((a) => normalizeAddress(a?.address)),
      cc_addresses: [],
      // Do Not Sync means not kept, as for emails: a blacklisted event's subject is not logged.
      subject: decision.reason === 'blacklisted' ? '' : text(event?.subject),
      sent_at: text(event?.start),
      action: decision.action,
      reason: decision.reason,
      links: {
        who: decision.who,
        create: decision.create,
        invitees: decision.invitees,
        ...(decision.what ? { what: decision.what } : {}),
      },
      content: decision.content,
      trace: decision.trace,
    };
  });
  await sql`
    insert into decision_log (id, user_id, message_id, thread_id, folder, direction, from_address, to_addresses,
                              cc_addresses, subject, sent_at, action, reason, links, content, trace, kind)
    select id, user_id, message_id, null, folder, direction, from_address, to_addresses, cc_addresses, subject,
           sent_at, action, reason, links, content, trace, 'event'
      from ${jsonRecordset(rows, 't', COLUMNS)}`.execute(db);
  return ids;
}
