// Envelopes waiting in the 24-hour window (migration 0007): emails a mailbox skipped with `no_known_participant`,
// kept until their window ends so that a contact or lead appearing meanwhile gets them decided again. Addresses,
// subject and date only: the input type has no body, and none is ever stored.
import { sql, type Kysely, type Selectable } from 'kysely';
import { normalizeAddress, normalizeMessageId, type Folder, type MailMessage } from '../../src';
import type { Database, Json, Timestamp } from './database-types';
import { jsonRecordset } from './json-recordset';
import { toIso } from './jsonb';

export interface PendingEnvelopesTable {
  mailbox_id: string;
  message_id: string;
  source_id: string | null;
  folder: string;
  thread_id: string | null;
  from_address: string;
  to_addresses: Json<string[]>;
  cc_addresses: Json<string[]>;
  bcc_addresses: Json<string[]>;
  subject: string;
  sent_at: string;
  seen_at: Timestamp;
  expires_at: Timestamp;
  checked_at: Timestamp | null;
}

export interface PendingEnvelope {
  mailboxId: string;
  messageId: string;
  sourceId: string | null;
  folder: Folder;
  threadId: string | null;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  sentAt: string;
  seenAt: string;
  expiresAt: string;
  /** When the CRM was last asked about its addresses (null: at the next run). */
  checkedAt: string | null;
}

/** What is kept of a skipped message: its envelope, where the source has it, and when its window ends. */
export interface NewPendingEnvelope {
  message: Pick<
    MailMessage,
    'internetMessageId' | 'folder' | 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'sentAt'
  >;
  threadId?: string;
  sourceId?: string;
  seenAt: Date;
  expiresAt: Date;
}

const withPending = (db: Kysely<Database>) => db.withTables<{ pending_envelopes: PendingEnvelopesTable }>();

const COLUMNS = `mailbox_id text, message_id text, source_id text, folder text, thread_id text, from_address text,
  to_addresses jsonb, cc_addresses jsonb, bcc_addresses jsonb, subject text, sent_at text, seen_at timestamptz,
  expires_at timestamptz, checked_at timestamptz`;

/** Keeps envelopes in one insert; one already waiting keeps its first sighting (and so its window). */
export async function keepPending(
  db: Kysely<Database>,
  mailboxId: string,
  items: NewPendingEnvelope[],
): Promise<void> {
  const addresses = (list: { address: string }[] | undefined) =>
    (Array.isArray(list) ? list : []).map((a) => normalizeAddress(a?.address)).filter(Boolean);
  const rows = new Map<string, object>();
  for (const { message, threadId, sourceId, seenAt, expiresAt } of items) {
    const messageId = normalizeMessageId(message.internetMessageId);
    if (messageId === '' || rows.has(messageId)) continue;
    rows.set(messageId, {
      mailbox_id: mailboxId,
      message_id: messageId,
      source_id: sourceId ?? null,
      folder: message.folder,
      thread_id: threadId ?? null,
      from_address: normalizeAddress(message.from?.address),
      to_addresses: addresses(message.to),
      cc_addresses: addresses(message.cc),
      bcc_addresses: addresses(message.bcc),
      subject: typeof message.subject === 'string' ? message.subject : '',
      sent_at: typeof message.sentAt === 'string' ? message.sentAt : '',
      seen_at: seenAt.toISOString(),
      expires_at: expiresAt.toISOString(),
      checked_at: seenAt.toISOString(), // the batch that skipped it asked the CRM about its addresses just now
    });
  }
  if (rows.size === 0) return;
  await sql`
    insert into pending_envelopes (mailbox_id, message_id, source_id, folder, thread_id, from_address, to_addresses,
                                   cc_addresses, bcc_addresses, subject, sent_at, seen_at, expires_at, checked_at)
    select mailbox_id, message_id, source_id, folder, thread_id, from_address, to_addresses,
           cc_addresses, bcc_addresses, subject, sent_at, seen_at, expires_at, checked_at
      from ${jsonRecordset([...rows.values()], 't', COLUMNS)}
    on conflict (mailbox_id, message_id) do nothing`.execute(db);
}

/** A mailbox's envelopes whose window is still open at `now`, oldest first. */
export async function listPending(
  db: Kysely<Database>,
  mailboxId: string,
  now: Date,
): Promise<PendingEnvelope[]> {
  const rows = await withPending(db)
    .selectFrom('pending_envelopes')
    .selectAll()
    .where('mailbox_id', '=', mailboxId)
    .where('expires_at', '>', now)
    .orderBy('seen_at')
    .orderBy('message_id')
    .execute();
  return rows.map(toEnvelope);
}

/** Envelopes decided (again): they wait no longer. */
export async function dropPending(
  db: Kysely<Database>,
  mailboxId: string,
  messageIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(messageIds.map(normalizeMessageId).filter(Boolean))];
  if (ids.length === 0) return;
  await withPending(db)
    .deleteFrom('pending_envelopes')
    .where('mailbox_id', '=', mailboxId)
    .where('message_id', 'in', ids)
    .execute();
}

/** The cleanup: envelopes whose 24 hours are over are deleted (of one mailbox, or of all). Returns how many. */
export async function dropExpiredPending(
  db: Kysely<Database>,
  now: Date,
  mailboxId?: string,
): Promise<number> {
  let query = withPending(db).deleteFrom('pending_envelopes').where('expires_at', '<=', now);
  if (mailboxId !== undefined) query = query.where('mailbox_id', '=', mailboxId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Envelopes the CRM was asked about at `at` (their next check waits the recheck interval). */
export async function markPendingChecked(
  db: Kysely<Database>,
  mailboxId: string,
  messageIds: readonly string[],
  at: Date,
): Promise<void> {
  const ids = [...new Set(messageIds.map(normalizeMessageId).filter(Boolean))];
  if (ids.length === 0) return;
  await withPending(db)
    .updateTable('pending_envelopes')
    .set({ checked_at: at })
    .where('mailbox_id', '=', mailboxId)
    .where('message_id', 'in', ids)
    .execute();
}

/**
 * Of these mailboxes, those with an envelope in its window that is due for a CRM check: never checked since a record
 * was made for one of its addresses, or last checked at or before `checkedBefore` (the idle sweep runs them in full).
 */
export async function mailboxesWithPending(
  db: Kysely<Database>,
  mailboxIds: readonly string[],
  now: Date,
  checkedBefore: Date,
): Promise<Set<string>> {
  if (mailboxIds.length === 0) return new Set();
  const { rows } = await sql<{ mailbox_id: string }>`
    select distinct mailbox_id from pending_envelopes
     where mailbox_id = any(${[...mailboxIds]}::text[]) and expires_at > ${now}
       and (checked_at is null or checked_at <= ${checkedBefore})`.execute(db);
  return new Set(rows.map((r) => r.mailbox_id));
}

/**
 * A contact or lead was just made for these addresses (in Liaison, or auto-created by a sync): the envelopes in their
 * window that name one of them are due for a check at their mailbox's next run. Returns those mailboxes.
 */
export async function requestPendingCheck(
  db: Kysely<Database>,
  addresses: readonly string[],
  now: Date,
): Promise<string[]> {
  const wanted = [...new Set(addresses.map(normalizeAddress).filter(Boolean))];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ mailbox_id: string }>`
    update pending_envelopes set checked_at = null
     where expires_at > ${now}
       and (from_address = any(${wanted}::text[])
            or to_addresses ?| ${wanted}::text[] or cc_addresses ?| ${wanted}::text[]
            or bcc_addresses ?| ${wanted}::text[])
    returning mailbox_id`.execute(db);
  return [...new Set(rows.map((r) => r.mailbox_id))].sort();
}

/** The envelope as the rules read a message: addresses, subject and date, no body and no header fields. */
export function envelopeMessage(envelope: PendingEnvelope): MailMessage {
  const list = (addresses: string[]) => addresses.map((address) => ({ address }));
  const message: MailMessage = {
    internetMessageId: envelope.messageId,
    folder: envelope.folder,
    from: { address: envelope.from },
    to: list(envelope.to),
    cc: list(envelope.cc),
    bcc: list(envelope.bcc),
    subject: envelope.subject,
    sentAt: envelope.sentAt,
  };
  if (envelope.threadId) message.threadId = envelope.threadId;
  return message;
}

function toEnvelope(row: Selectable<PendingEnvelopesTable>): PendingEnvelope {
  return {
    mailboxId: row.mailbox_id,
    messageId: row.message_id,
    sourceId: row.source_id,
    folder: row.folder as Folder,
    threadId: row.thread_id,
    from: row.from_address,
    to: row.to_addresses,
    cc: row.cc_addresses,
    bcc: row.bcc_addresses,
    subject: row.subject,
    sentAt: row.sent_at,
    seenAt: toIso(row.seen_at),
    expiresAt: toIso(row.expires_at),
    checkedAt: row.checked_at ? toIso(row.checked_at) : null,
  };
}
