// What a user's decisions read from Liaison's own tables, in ONE statement: the organisation, the user's stored
// settings, the effective blacklist, thread subscriptions and saved Message-IDs among a batch (and, for the
// sidebar, the ledger rows with who saved them). Nothing is cached: a Do Not Sync or a settings change shows on
// the very next request, and every process (server, workers) sees the same thing.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { normalizeMessageId, type StoredThreadSubscription } from '../../src';
import { cachedPlanRows, compileRead, type ReadRow } from './cached-plan';
import type { Database, OrganisationTable, SavedEmailsTable } from './database-types';
import { toEntry, type LedgerEntry } from './ledger-repo';
import { getOrganisation, toOrganisation, type Organisation } from './organisation-repo';
import { toStoredSubscription } from './subscriptions-repo';

export interface UserContextRequest {
  userId: string;
  /** Thread ids and root Message-IDs (`threadKeysOf` each message): a subscription stored under either matches. */
  threadIds: string[];
  /** Any form (with or without <>). */
  messageIds: string[];
  /** Also the ledger rows of these Message-IDs, with the display name of who saved each. */
  ledger?: boolean;
}

export interface SavedLedgerEntry extends LedgerEntry {
  /** The saver's display name; undefined when that user was removed since. */
  savedByName?: string;
}

export interface UserContext {
  organisation: Organisation;
  /** Only what the user changed (merge over `organisation.defaultSettings`). */
  storedSettings: unknown;
  /** The user's list and the corporate list, sorted. */
  blacklist: string[];
  /** Stored subscriptions with both their ids; `subscriptionsFor` turns them into the rules' list. */
  subscriptions: StoredThreadSubscription[];
  /** Normalised, sorted. */
  savedMessageIds: string[];
  /** Present when `ledger` was asked: keyed by normalised Message-ID. */
  ledger?: Map<string, SavedLedgerEntry>;
}

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: Date | string };

export interface UserContextRow {
  organisation: Dated<Selectable<OrganisationTable>, 'updated_at'> | null;
  settings: unknown;
  blacklist: string[] | null;
  subscriptions:
    | {
        thread_id: string;
        root_message_id: string | null;
        what_kind: string | null;
        what_id: string | null;
      }[]
    | null;
  saved: string[] | null;
  ledger?: (Dated<Selectable<SavedEmailsTable>, 'saved_at'> & { saved_by_name: string | null })[] | null;
}

/** The statement of `readUserContext`: one row (`toUserContext` reads it). */
export function userContextSql(request: UserContextRequest): RawBuilder<UserContextRow> {
  const { userId } = request;
  const threadIds = [...new Set(request.threadIds.filter((t) => t !== ''))];
  const messageIds = [...new Set(request.messageIds.map(normalizeMessageId).filter((id) => id !== ''))];
  const ids = sql`${messageIds}::text[]`;
  const ledger = request.ledger
    ? sql`, (select json_agg(l) from (
              select s.*, u.display_name as saved_by_name
                from saved_emails s left join users u on u.id = s.saved_by
               where s.message_id = any(${ids})) l) as ledger`
    : sql``;
  return sql<UserContextRow>`
    select (select row_to_json(o) from organisation o) as organisation,
           (select s.settings from user_settings s where s.user_id = ${userId}) as settings,
           (select json_agg(b.entry order by b.entry) from (
              select entry from user_blacklist where user_id = ${userId}
              union select entry from corporate_blacklist) b) as blacklist,
           (select json_agg(t) from (
              select thread_id, root_message_id, what_kind, what_id from thread_subscriptions
               where user_id = ${userId}
                 and (thread_id = any(${threadIds}::text[]) or root_message_id = any(${threadIds}::text[]))
               order by created_at, thread_id) t) as subscriptions,
           (select json_agg(s.message_id) from saved_emails s where s.message_id = any(${ids})) as saved
           ${ledger}
  `;
}

/** The row of `userContextSql` as the user's context. */
export async function toUserContext(
  db: Kysely<Database>,
  row: ReadRow<UserContextRow> | undefined,
  request: Pick<UserContextRequest, 'ledger'>,
): Promise<UserContext> {
  // The organisation row is created with defaults on first read; getOrganisation does that (once, ever).
  const organisation = row?.organisation ? toOrganisation(row.organisation) : await getOrganisation(db);
  const context: UserContext = {
    organisation,
    storedSettings: row?.settings ?? undefined,
    blacklist: row?.blacklist ?? [],
    subscriptions: (row?.subscriptions ?? []).map(toStoredSubscription),
    savedMessageIds: [...(row?.saved ?? [])].sort(),
  };
  if (request.ledger) {
    context.ledger = new Map(
      (row?.ledger ?? []).map(({ saved_by_name, ...entry }) => [
        entry.message_id,
        { ...toEntry(entry), ...(saved_by_name === null ? {} : { savedByName: saved_by_name }) },
      ]),
    );
  }
  return context;
}

export async function readUserContext(
  db: Kysely<Database>,
  request: UserContextRequest,
): Promise<UserContext> {
  const rows = await cachedPlanRows(db, compileRead(db, userContextSql(request)));
  return toUserContext(db, rows[0], request);
}
