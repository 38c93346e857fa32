// Users of the organisation: their mailbox addresses (aliases too), CRM user id, role, whether they
// are included in import, and their sync status.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { normalizeAddress } from '../../src';
import { cachedPlanRows, type ReadRow } from './cached-plan';
import type { Database, UsersTable } from './database-types';
import { toIso } from './jsonb';

export type UserRole = 'admin' | 'user';
export type UserStatus = 'active' | 'inactive';

export interface User {
  id: string;
  /** Normalised addresses, the primary one first. */
  addresses: string[];
  displayName: string;
  crmUserId: string;
  role: UserRole;
  includedInImport: boolean;
  /** Included when autosharing was last stopped, and not decided about since ("Include again…" offers them). */
  includedBeforeStop?: boolean;
  status: UserStatus;
  statusDetails: string | null;
  lastError: string | null;
  lastSyncAt: string | null;
  connectedAt: string | null;
  createdAt: string;
}

export interface NewUser {
  id?: string;
  addresses: string[];
  displayName?: string;
  crmUserId?: string;
  role?: UserRole;
  includedInImport?: boolean;
  connectedAt?: string | Date | null;
}

export interface UserPatch {
  displayName?: string;
  crmUserId?: string;
  role?: UserRole;
  includedInImport?: boolean;
  status?: UserStatus;
  statusDetails?: string | null;
  lastError?: string | null;
  lastSyncAt?: string | Date | null;
  connectedAt?: string | Date | null;
}

/** Thrown when an address already belongs to another user. */
export class AddressInUseError extends Error {
  constructor(readonly addresses: string[]) {
    super(`Address already belongs to another user: ${addresses.join(', ')}`);
    this.name = 'AddressInUseError';
  }
}

export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const addresses = cleanAddresses(input.addresses);
  if (addresses.length === 0) throw new Error('A user needs at least one mailbox address');
  const id = input.id ?? randomUUID();
  await db.transaction().execute(async (trx) => {
    await assertAddressesFree(trx, addresses, id);
    await trx
      .insertInto('users')
      .values({
        id,
        display_name: input.displayName ?? '',
        crm_user_id: input.crmUserId ?? '',
        role: input.role ?? 'user',
        included_in_import: input.includedInImport ?? true,
        status_details: null,
        last_error: null,
        last_sync_at: null,
        connected_at: input.connectedAt ?? null,
      })
      .execute();
    await insertAddresses(trx, id, addresses);
  });
  return (await getUser(db, id))!;
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return (await getUsers(db, [id]))[0];
}

export async function getUsers(db: Kysely<Database>, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  return withAddresses(db, rows);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  return withAddresses(db, rows);
}

/** The user owning a mailbox address (any alias), if any. Every API request asks this: one round trip, with a
 * plan kept for the session on PGlite (cached-plan.ts). */
export async function findUserByAddress(db: Kysely<Database>, address: string): Promise<User | undefined> {
  const query = userQuery(db)
    .where('users.id', '=', (eb) =>
      eb.selectFrom('user_addresses').select('user_id').where('address', '=', normalizeAddress(address)),
    )
    .compile();
  const [row] = await cachedPlanRows(db, query);
  return row ? toUser(row, row.addresses ?? []) : undefined;
}

/** The users with these ids (those that exist), by id, in one round trip: many requests' lookups at once. */
export async function findUsersByIds(db: Kysely<Database>, ids: string[]): Promise<Map<string, User>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await cachedPlanRows(
    db,
    userQuery(db)
      .where('users.id', '=', sql<string>`any(${wanted}::text[])`)
      .compile(),
  );
  return new Map(rows.map((row) => [row.id, toUser(row, row.addresses ?? [])]));
}

/** A user with their addresses in order, in one statement; the caller adds which user. */
export function userQuery(db: Kysely<Database>) {
  return db
    .withoutPlugins()
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('user_addresses as ua')
        .select(sql<string[]>`coalesce(array_agg(ua.address order by ua.position), '{}')`.as('addresses'))
        .whereRef('ua.user_id', '=', 'users.id')
        .as('addresses'),
    );
}

/** A row of `userQuery` as a user. */
export function userFromRow(row: ReadRow<Selectable<UsersTable>> & { addresses: string[] | null }): User {
  return toUser(row, row.addresses ?? []);
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  patch: UserPatch,
): Promise<User | undefined> {
  const values = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.crmUserId !== undefined ? { crm_user_id: patch.crmUserId } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    // The admin decided about this user: a restart's "include again" no longer speaks for them.
    ...(patch.includedInImport !== undefined
      ? { included_in_import: patch.includedInImport, included_before_stop: false }
      : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.statusDetails !== undefined ? { status_details: patch.statusDetails } : {}),
    ...(patch.lastError !== undefined ? { last_error: patch.lastError } : {}),
    ...(patch.lastSyncAt !== undefined ? { last_sync_at: patch.lastSyncAt } : {}),
    ...(patch.connectedAt !== undefined ? { connected_at: patch.connectedAt } : {}),
  };
  if (Object.keys(values).length > 0)
    await db.updateTable('users').set(values).where('id', '=', id).execute();
  return getUser(db, id);
}

/** Replaces a user's addresses (the first is the primary one). */
export async function setUserAddresses(
  db: Kysely<Database>,
  id: string,
  input: string[],
): Promise<User | undefined> {
  const addresses = cleanAddresses(input);
  if (addresses.length === 0) throw new Error('A user needs at least one mailbox address');
  await db.transaction().execute(async (trx) => {
    await assertAddressesFree(trx, addresses, id);
    await trx.deleteFrom('user_addresses').where('user_id', '=', id).execute();
    await insertAddresses(trx, id, addresses);
  });
  return getUser(db, id);
}

/** Removes a user and everything that is theirs alone (settings, blacklist, subscriptions, log). */
export async function removeUser(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Admin "stop": every user leaves import. With `remember` (a stop while autosharing was on), each user keeps
 * whether they were included, for `includeAgainAfterStop`. Returns how many users changed. */
export async function excludeAllFromImport(
  db: Kysely<Database>,
  options: { remember: boolean } = { remember: false },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (options.remember)
      await trx
        .updateTable('users')
        .set((eb) => ({ included_before_stop: eb.ref('included_in_import') }))
        .execute();
    const result = await trx
      .updateTable('users')
      .set({ included_in_import: false })
      .where('included_in_import', '=', true)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}

/** After a restart: includes again the users who were included at the last stop and not decided about since. */
export async function includeAgainAfterStop(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ included_in_import: true, included_before_stop: false })
      .where('included_before_stop', '=', true)
      .where('included_in_import', '=', false)
      .executeTakeFirst();
    await trx.updateTable('users').set({ included_before_stop: false }).execute();
    return Number(result.numUpdatedRows);
  });
}

export interface ImportCounts {
  /** Users included in import. */
  included: number;
  /** Included users with a mailbox connected: the ones a sync can read. */
  readable: number;
  /** Users left out since the last stop who were included before it. */
  includedBeforeStop: number;
}

export async function importCounts(db: Kysely<Database>): Promise<ImportCounts> {
  const row = await db
    .selectFrom('users')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('included_in_import', '=', true).as('included'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('included_in_import', '=', true), w('connected_at', 'is not', null)]))
        .as('readable'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) =>
          w.and([w('included_before_stop', '=', true), w('included_in_import', '=', false)]),
        )
        .as('before'),
    ])
    .executeTakeFirstOrThrow();
  return {
    included: Number(row.included),
    readable: Number(row.readable),
    includedBeforeStop: Number(row.before),
  };
}

function cleanAddresses(addresses: string[]): string[] {
  return [...new Set(addresses.map(normalizeAddress).filter((a) => a.includes('@')))];
}

async function assertAddressesFree(db: Kysely<Database>, addresses: string[], userId: string): Promise<void> {
  const taken = await db
    .selectFrom('user_addresses')
    .select('address')
    .where('address', 'in', addresses)
    .where('user_id', '<>', userId)
    .execute();
  if (taken.length > 0) throw new AddressInUseError(taken.map((t) => t.address));
}

async function insertAddresses(db: Kysely<Database>, userId: string, addresses: string[]): Promise<void> {
  await db
    .insertInto('user_addresses')
    .values(
      addresses.map((address, position) => ({
        address,
        user_id: userId,
        is_primary: position === 0,
        position,
      })),
    )
    .execute();
}

async function withAddresses(db: Kysely<Database>, rows: Selectable<UsersTable>[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const addressRows = await db
    .selectFrom('user_addresses')
    .select(['user_id', 'address'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  const byUser = new Map<string, string[]>();
  for (const a of addressRows) byUser.set(a.user_id, [...(byUser.get(a.user_id) ?? []), a.address]);
  return rows.map((row) => toUser(row, byUser.get(row.id) ?? []));
}

function toUser(row: ReadRow<Selectable<UsersTable>>, addresses: string[]): User {
  return {
    id: row.id,
    addresses,
    displayName: row.display_name,
    crmUserId: row.crm_user_id,
    role: row.role,
    includedInImport: row.included_in_import,
    includedBeforeStop: row.included_before_stop === true,
    status: row.status,
    statusDetails: row.status_details,
    lastError: row.last_error,
    lastSyncAt: row.last_sync_at ? toIso(row.last_sync_at) : null,
    connectedAt: row.connected_at ? toIso(row.connected_at) : null,
    createdAt: toIso(row.created_at),
  };
}
