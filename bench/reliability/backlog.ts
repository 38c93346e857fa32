// What the reliability benches sync and how they check it: Maildir backlogs whose every email comes from a contact
// of the demo CRM (so every one must become exactly one activity), users to own them, and the tally of duplicate
// and missing activities afterwards.
import { sql, type Kysely } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation } from '../../server/crm/embedded/demo-seed';
import type { Database } from '../../server/db/database-types';
import { connectMailbox, type Mailbox } from '../../server/db/mailboxes-repo';
import { createUser } from '../../server/db/users-repo';
import { deliverToMaildir } from '../../server/providers/maildir';

/** Contacts of the demo CRM: each email from them is saved. */
export const KNOWN_SENDERS = [
  'Jane Doe <jane.doe@acme.com>',
  'Hank <hank@globex.com>',
  'Bill <bill@initech.io>',
];

/** The Message-IDs of a backlog (lower case: the engine normalises them so). */
export const messageIds = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, n) => `${prefix}-${n}@bench.example`);

export function benchEml(messageId: string, n: number, to: string): string {
  return [
    `Message-ID: <${messageId}>`,
    `From: ${KNOWN_SENDERS[n % KNOWN_SENDERS.length]}`,
    `To: ${to}`,
    `Subject: Reliability ${n}`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body ${n}`,
    '',
  ].join('\r\n');
}

export async function deliverBacklog(dir: string, ids: string[], to: string): Promise<void> {
  for (const [n, id] of ids.entries()) await deliverToMaildir(dir, 'INBOX', benchEml(id, n, to));
}

export async function seedOrganisation(db: Kysely<Database>): Promise<void> {
  await seedDemoCrm(db);
  await seedDemoOrganisation(db);
}

/** A user of the organisation with a Maildir mailbox connected before its backlog landed (all of it is new). */
export async function connectMaildirUser(
  db: Kysely<Database>,
  address: string,
  dir: string,
  crmUserId = 'usr-admin',
): Promise<Mailbox> {
  const user = await createUser(db, { addresses: [address], crmUserId, includedInImport: true });
  const connectedAt = new Date(Date.now() - 3_600_000);
  return connectMailbox(db, {
    userId: user.id,
    kind: 'maildir',
    settings: { dir },
    connectedAt,
    cursor: { connectedAt: connectedAt.toISOString(), folders: {} },
  });
}

export interface Tally {
  /** Activities beyond the first for one email, plus emails the decision log records as saved more than once. */
  duplicates: number;
  /** Emails of the backlog with no activity. */
  missing: number;
  saved: number;
}

/** Counts the activities of the embedded CRM (and the decision log's saves) for these Message-IDs. */
export async function tallyEmbedded(db: Kysely<Database>, ids: string[]): Promise<Tally> {
  const { rows: activities } = await sql<{ id: string; n: number }>`
    select source_message_id as id, count(*)::int as n from crm_activities
     where source_message_id = any(${ids}::text[]) group by source_message_id`.execute(db);
  const { rows: logged } = await sql<{ n: number }>`
    select count(*)::int as n from decision_log
     where action = 'save' and message_id = any(${ids}::text[]) group by message_id having count(*) > 1`.execute(
    db,
  );
  return countsOf(
    ids,
    activities.map((r) => [r.id, r.n]),
    logged.reduce((sum, r) => sum + r.n - 1, 0),
  );
}

export function countsOf(ids: string[], perMessage: [string, number][], extraLogged = 0): Tally {
  const wanted = new Set(ids);
  const found = new Map(perMessage.filter(([id]) => wanted.has(id)));
  let duplicates = extraLogged;
  for (const n of found.values()) duplicates += n - 1;
  return { duplicates, missing: ids.length - found.size, saved: found.size };
}

/** Mailboxes of these ids that are not Active (with why), for the bench's error. */
export async function inactiveMailboxes(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string; status: string; last_error: string | null }>`
    select id, status, last_error from mailboxes where id = any(${ids}::text[])`.execute(db);
  return rows.filter((r) => r.status !== 'active').map((r) => `${r.id}: ${r.status} (${r.last_error ?? ''})`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: the same "random" moments on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
