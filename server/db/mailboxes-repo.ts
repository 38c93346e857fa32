// Mailbox connections (migration 0003): connect / reconnect / disconnect, the sync's cursor and the status and
// retry schedule. Secrets arrive sealed (SecretBox, associated data = mailbox id); settings hold no secret.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CreatedAt, Database, Json, Timestamp } from './database-types';
import { jsonb, toIso } from './jsonb';
import { MAX_LINE_CHARS, storableText } from './storable';

export type MailboxKind = 'maildir' | 'imap' | 'graph' | 'gmail';
export type MailboxStatusReason =
  'not_connected' | 'sign_in_expired' | 'consent_revoked' | 'provider_error' | 'sync_error';

export interface MailboxesTable {
  id: string;
  user_id: string;
  kind: MailboxKind;
  settings: Json<Record<string, unknown>>;
  sealed_secret: string | null;
  cursor: Json<Record<string, unknown> | null>;
  connected_at: Timestamp;
  status: 'active' | 'inactive';
  status_reason: string | null;
  status_details: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_sync_at: Timestamp;
  sync_requested_at: Timestamp | null;
  last_sync_at: Timestamp | null;
  created_at: CreatedAt;
  /** The calendar's own cursor, its last failure in words, its last good run (migration 0016). */
  calendar_cursor: Json<Record<string, unknown> | null>;
  calendar_error: string | null;
  calendar_synced_at: Timestamp | null;
}

export type SyncDatabase = Database & { mailboxes: MailboxesTable };

export interface Mailbox {
  id: string;
  userId: string;
  kind: MailboxKind;
  settings: Record<string, unknown>;
  sealedSecret: string | null;
  cursor: Record<string, unknown> | null;
  connectedAt: string;
  status: 'active' | 'inactive';
  statusReason: MailboxStatusReason | null;
  statusDetails: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextSyncAt: string;
  syncRequestedAt: string | null;
  lastSyncAt: string | null;
  /** Why its calendar could not be read at its last run (null: it was, or it is not read); when it last was. */
  calendarError: string | null;
  calendarSyncedAt: string | null;
}

export const withMailboxes = (db: Kysely<Database>): Kysely<SyncDatabase> =>
  db.withTables<{ mailboxes: MailboxesTable }>();

export interface MailboxConnection {
  userId: string;
  kind: MailboxKind;
  settings: Record<string, unknown>;
  /** Seals the secret for the mailbox id it is given (the id is the associated data). */
  sealSecret?: (mailboxId: string) => Promise<string> | string;
  connectedAt: Date;
  /** The source's initial cursor for `connectedAt`. */
  cursor: Record<string, unknown>;
}

/**
 * Connects a user's mailbox, or reconnects it: a reconnect of the same kind keeps the cursor and the connection
 * time (nothing that arrived while it was broken is lost) and clears the status; a new kind starts afresh.
 */
export async function connectMailbox(db: Kysely<Database>, input: MailboxConnection): Promise<Mailbox> {
  const mdb = withMailboxes(db);
  const existing = await mdb
    .selectFrom('mailboxes')
    .selectAll()
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  const id = existing?.id ?? randomUUID();
  const sealed = input.sealSecret ? await input.sealSecret(id) : null;
  const keep = existing && existing.kind === input.kind && existing.cursor;
  const values = {
    kind: input.kind,
    settings: jsonb(input.settings),
    sealed_secret: sealed,
    cursor: keep ? jsonb(existing.cursor) : jsonb(input.cursor),
    connected_at: keep ? existing.connected_at : input.connectedAt,
    status: 'active' as const,
    status_reason: null,
    status_details: null,
    last_error: null,
    consecutive_failures: 0,
    next_sync_at: new Date(),
  };
  if (existing) await mdb.updateTable('mailboxes').set(values).where('id', '=', id).execute();
  else
    await mdb
      .insertInto('mailboxes')
      .values({ id, user_id: input.userId, ...values })
      .execute();
  const connectedAt = keep ? existing.connected_at : input.connectedAt;
  await db
    .updateTable('users')
    .set({ connected_at: connectedAt, status: 'active', status_details: null, last_error: null })
    .where('id', '=', input.userId)
    .execute();
  return (await getMailbox(db, id))!;
}

/** Disconnects: the row goes, the user shows as not connected. */
export async function disconnectMailbox(db: Kysely<Database>, userId: string): Promise<boolean> {
  const result = await withMailboxes(db)
    .deleteFrom('mailboxes')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  await db
    .updateTable('users')
    .set({ connected_at: null, status: 'inactive', status_details: 'Mailbox not connected.' })
    .where('id', '=', userId)
    .execute();
  return result.numDeletedRows > 0n;
}

export async function getMailbox(db: Kysely<Database>, id: string): Promise<Mailbox | undefined> {
  const row = await withMailboxes(db)
    .selectFrom('mailboxes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toMailbox(row) : undefined;
}

export async function getMailboxOfUser(db: Kysely<Database>, userId: string): Promise<Mailbox | undefined> {
  const row = await withMailboxes(db)
    .selectFrom('mailboxes')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toMailbox(row) : undefined;
}

export async function getMailboxes(db: Kysely<Database>, ids: string[]): Promise<Mailbox[]> {
  if (ids.length === 0) return [];
  const rows = await withMailboxes(db).selectFrom('mailboxes').selectAll().where('id', 'in', ids).execute();
  return rows.map(toMailbox);
}

/** Mailboxes that should be on the schedule: the organisation's autosharing is on and their user is included. */
export async function listSchedulableMailboxes(
  db: Kysely<Database>,
): Promise<{ id: string; nextSyncAt: string }[]> {
  const rows = await withMailboxes(db)
    .selectFrom('mailboxes')
    .innerJoin('users', 'users.id', 'mailboxes.user_id')
    .select(['mailboxes.id', 'mailboxes.next_sync_at'])
    .where('users.included_in_import', '=', true)
    .where(sql<boolean>`coalesce((select autosharing_enabled from organisation limit 1), true)`)
    .orderBy('mailboxes.next_sync_at')
    .execute();
  return rows.map((r) => ({ id: r.id, nextSyncAt: toIso(r.next_sync_at) }));
}

/** Asks for a run as soon as possible (IMAP IDLE, a reconnect, "sync now"). */
export async function requestSync(db: Kysely<Database>, id: string, at = new Date()): Promise<void> {
  await withMailboxes(db)
    .updateTable('mailboxes')
    .set({ sync_requested_at: at, next_sync_at: at })
    .where('id', '=', id)
    .execute();
}

/**
 * Runs asked for after `since` (by any process: a provider's change notification reaching the HTTP server, a
 * connect while the workers run elsewhere), oldest first.
 */
export async function listSyncRequestsSince(
  db: Kysely<Database>,
  since: Date,
  limit = 500,
): Promise<{ id: string; requestedAt: Date }[]> {
  const rows = await withMailboxes(db)
    .selectFrom('mailboxes')
    .select(['id', 'sync_requested_at'])
    // Milliseconds, as JavaScript dates hold them, so a request is never newer than itself.
    .where(sql<Date>`date_trunc('milliseconds', sync_requested_at)`, '>', since)
    .orderBy('sync_requested_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, requestedAt: new Date(toIso(r.sync_requested_at!)) }));
}

/** Stores the new cursor (in the same transaction as the ledger and decision log of its batch). */
export async function storeCursor(
  db: Kysely<Database>,
  id: string,
  cursor: Record<string, unknown>,
): Promise<void> {
  await withMailboxes(db)
    .updateTable('mailboxes')
    .set({ cursor: jsonb(cursor) })
    .where('id', '=', id)
    .execute();
}

/** Replaces a mailbox's sealed secret (a provider rotated its tokens); the cursor and status are left alone. */
export async function storeMailboxSecret(
  db: Kysely<Database>,
  id: string,
  sealedSecret: string,
): Promise<void> {
  await withMailboxes(db)
    .updateTable('mailboxes')
    .set({ sealed_secret: sealedSecret })
    .where('id', '=', id)
    .execute();
}

export interface RunOutcome {
  status: 'active' | 'inactive';
  statusReason: MailboxStatusReason | null;
  statusDetails: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextSyncAt: Date;
  lastSyncAt?: Date;
}

/** Records how a run ended on the mailbox and on its user (the admin API reads the user row). */
export async function recordRunOutcome(
  db: Kysely<Database>,
  mailbox: Pick<Mailbox, 'id' | 'userId'>,
  outcome: RunOutcome,
  runStartedAt: Date,
): Promise<void> {
  const mdb = withMailboxes(db);
  // An error's message may quote what the mail carried (a NUL): it is stored only once made storable.
  const lastError = outcome.lastError === null ? null : storableText(outcome.lastError, MAX_LINE_CHARS);
  const statusDetails =
    outcome.statusDetails === null ? null : storableText(outcome.statusDetails, MAX_LINE_CHARS);
  // A request made during the run (new mail announced after the fetch) brings the next run forward.
  await mdb
    .updateTable('mailboxes')
    .set({
      status: outcome.status,
      status_reason: outcome.statusReason,
      status_details: statusDetails,
      last_error: lastError,
      consecutive_failures: outcome.consecutiveFailures,
      next_sync_at: sql<Date>`case when sync_requested_at > ${runStartedAt} then now() else ${outcome.nextSyncAt} end`,
      ...(outcome.lastSyncAt ? { last_sync_at: outcome.lastSyncAt } : {}),
    })
    .where('id', '=', mailbox.id)
    .execute();
  await db
    .updateTable('users')
    .set({
      status: outcome.status,
      status_details: statusDetails,
      last_error: lastError,
      ...(outcome.lastSyncAt ? { last_sync_at: outcome.lastSyncAt } : {}),
    })
    .where('id', '=', mailbox.userId)
    .execute();
}

function toMailbox(row: Selectable<MailboxesTable>): Mailbox {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    settings: row.settings ?? {},
    sealedSecret: row.sealed_secret,
    cursor: row.cursor ?? null,
    connectedAt: toIso(row.connected_at),
    status: row.status,
    statusReason: row.status_reason as MailboxStatusReason | null,
    statusDetails: row.status_details,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextSyncAt: toIso(row.next_sync_at),
    syncRequestedAt: row.sync_requested_at ? toIso(row.sync_requested_at) : null,
    lastSyncAt: row.last_sync_at ? toIso(row.last_sync_at) : null,
    calendarError: row.calendar_error ?? null,
    calendarSyncedAt: row.calendar_synced_at ? toIso(row.calendar_synced_at) : null,
  };
}
