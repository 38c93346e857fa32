// The decision log: for every email looked at, the decision, its reason and trace, with the
// envelope only (from, to, cc, subject, date). No body is ever stored: the input type has none.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  normalizeAddress,
  normalizeMessageId,
  threadIdOf,
  type AutoshareDecision,
  type EventDecision,
  type Folder,
  type RecordRef,
} from '../../src';
import type { Database, DecisionLogTable } from './database-types';
import { jsonRecordset } from './json-recordset';
import { toIso } from './jsonb';
import { MAX_LINE_CHARS, storableKey, storableText } from './storable';

/** What the log keeps of a message. A MailMessage fits; its body is ignored, its headers only name the thread. */
export interface Envelope {
  internetMessageId: string;
  threadId?: string;
  headers?: Record<string, string>;
  folder: Folder;
  from: { address: string };
  to: { address: string }[];
  cc: { address: string }[];
  subject: string;
  sentAt: string;
}

/** What the log keeps: the rules' decision, or a rep's save by hand from a sidebar (reason `manual`). */
export type LoggedDecision = Omit<AutoshareDecision, 'reason' | 'action'> & {
  /** Emails save or skip; events also update and cancel. */
  action: AutoshareDecision['action'] | 'update' | 'cancel';
  reason: AutoshareDecision['reason'] | 'manual' | EventDecision['reason'];
  /** Events: the CRM users of colleagues invited. */
  invitees?: string[];
};

export interface NewDecisionLogEntry {
  userId: string;
  message: Envelope;
  direction: 'inbound' | 'outbound';
  decision: LoggedDecision;
  decidedAt?: string | Date;
}

export interface DecisionLogEntry {
  id: string;
  userId: string;
  messageId: string;
  threadId: string | null;
  folder: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  sentAt: string;
  decision: LoggedDecision;
  decidedAt: string;
  kind: 'email' | 'event';
}

interface StoredLinks {
  who: RecordRef[];
  what?: RecordRef;
  create: { address: string; accountId: string }[];
  invitees?: string[];
}

const DECISION_COLUMNS = `id text, user_id text, message_id text, thread_id text, folder text, direction text,
  from_address text, to_addresses jsonb, cc_addresses jsonb, subject text, sent_at text, action text, reason text,
  links jsonb, content text, trace jsonb, decided_at timestamptz`;

/**
 * Do Not Sync means not kept: of an email skipped because of the blacklist the log keeps that it was skipped and
 * why (its reason and trace, which never quote the subject), not its subject.
 */
export function keepsSubject(decision: Pick<LoggedDecision, 'action' | 'reason'>): boolean {
  return !(decision.action === 'skip' && decision.reason === 'blacklisted');
}

/** Appends decisions in one insert (a sync batch logs hundreds at once); returns their ids in input order. */
export async function recordDecisions(
  db: Kysely<Database>,
  entries: NewDecisionLogEntry[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids = entries.map(() => randomUUID());
  const addresses = (list: { address: string }[] | undefined) =>
    (Array.isArray(list) ? list : []).map((a) => normalizeAddress(a?.address));
  const rows = entries.map((entry, i) => {
    const { message, decision } = entry;
    const links: StoredLinks = { who: decision.who, create: decision.create };
    if (decision.what) links.what = decision.what;
    return {
      id: ids[i]!,
      user_id: entry.userId,
      message_id: storableKey(normalizeMessageId(message.internetMessageId)),
      // The thread as rule 5 read it: the provider's id, else the root from References (IMAP, Maildir).
      thread_id: storableKey(threadIdOf(message)) || null,
      folder: String(message.folder),
      direction: entry.direction,
      from_address: normalizeAddress(message.from?.address),
      to_addresses: addresses(message.to),
      cc_addresses: addresses(message.cc),
      subject:
        keepsSubject(decision) && typeof message.subject === 'string'
          ? storableText(message.subject, MAX_LINE_CHARS)
          : '',
      sent_at: typeof message.sentAt === 'string' ? storableText(message.sentAt, MAX_LINE_CHARS) : '',
      action: decision.action,
      reason: decision.reason,
      links,
      content: decision.content,
      trace: decision.trace,
      decided_at: entry.decidedAt ? new Date(entry.decidedAt).toISOString() : null,
    };
  });
  await sql`
    insert into decision_log (id, user_id, message_id, thread_id, folder, direction, from_address, to_addresses,
                              cc_addresses, subject, sent_at, action, reason, links, content, trace, decided_at)
    select id, user_id, message_id, thread_id, folder, direction, from_address, to_addresses,
           cc_addresses, subject, sent_at, action, reason, links, content, trace, coalesce(decided_at, now())
      from ${jsonRecordset(rows, 't', DECISION_COLUMNS)}`.execute(db);
  return ids;
}

/** The most recent decision about a message for a user (what `explain` shows). */
export async function latestDecision(
  db: Kysely<Database>,
  userId: string,
  messageId: string,
): Promise<DecisionLogEntry | undefined> {
  const row = await db
    .selectFrom('decision_log')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'email')
    .where('message_id', '=', storableKey(normalizeMessageId(messageId)))
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toDecisionLogEntry(row) : undefined;
}

/** A user's decisions, newest first, optionally before a time (paging). */
export async function listDecisions(
  db: Kysely<Database>,
  userId: string,
  options: { limit?: number; before?: string | Date; kind?: 'email' | 'event' } = {},
): Promise<DecisionLogEntry[]> {
  let query = db
    .selectFrom('decision_log')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', options.kind ?? 'email');
  if (options.before) query = query.where('decided_at', '<', new Date(options.before));
  const rows = await query
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map(toDecisionLogEntry);
}

/** How many decisions of each action a user has (the admin's counts). */
export async function decisionCounts(
  db: Kysely<Database>,
  userId: string,
): Promise<{ save: number; skip: number }> {
  const rows = await db
    .selectFrom('decision_log')
    .select(['action', sql<number>`count(*)::int`.as('count')])
    .where('user_id', '=', userId)
    .where('kind', '=', 'email')
    .where('action', 'in', ['save', 'skip'])
    .groupBy('action')
    .execute();
  const counts = { save: 0, skip: 0 };
  for (const row of rows)
    if (row.action === 'save' || row.action === 'skip') counts[row.action] = Number(row.count);
  return counts;
}

/** A stored row as the API shows it. */
export function toDecisionLogEntry(row: Selectable<DecisionLogTable>): DecisionLogEntry {
  const links = (row.links ?? { who: [], create: [] }) as StoredLinks;
  const decision: LoggedDecision = {
    action: row.action as LoggedDecision['action'],
    reason: row.reason as LoggedDecision['reason'],
    who: links.who ?? [],
    create: links.create ?? [],
    content: row.content as AutoshareDecision['content'],
    trace: Array.isArray(row.trace) ? row.trace : [],
  };
  if (links.what) decision.what = links.what;
  if (Array.isArray(links.invitees)) decision.invitees = links.invitees;
  return {
    id: row.id,
    userId: row.user_id,
    messageId: row.message_id,
    threadId: row.thread_id,
    folder: row.folder,
    direction: row.direction,
    from: row.from_address,
    to: row.to_addresses,
    cc: row.cc_addresses,
    subject: row.subject,
    sentAt: row.sent_at,
    decision,
    decidedAt: toIso(row.decided_at),
    kind: row.kind === 'event' ? 'event' : 'email',
  };
}
