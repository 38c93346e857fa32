// The stored connection to an outside CRM (one per kind), with its status.
import type { Kysely } from 'kysely';
import type { Database } from './database-types';
import { jsonb } from './jsonb';

export interface CrmConnectionRow<T> {
  kind: string;
  connection: T;
  status: 'active' | 'inactive';
  statusReason: string | null;
}

export async function getCrmConnection<T>(
  db: Kysely<Database>,
  kind: string,
): Promise<CrmConnectionRow<T> | undefined> {
  const row = await db.selectFrom('crm_connection').selectAll().where('kind', '=', kind).executeTakeFirst();
  return (
    row && {
      kind: row.kind,
      connection: row.connection as T,
      status: row.status,
      statusReason: row.status_reason,
    }
  );
}

export async function saveCrmConnection(
  db: Kysely<Database>,
  kind: string,
  connection: unknown,
): Promise<void> {
  const values = {
    connection: jsonb(connection),
    status: 'active' as const,
    status_reason: null,
    updated_at: new Date(),
  };
  await db
    .insertInto('crm_connection')
    .values({ kind, ...values })
    .onConflict((oc) => oc.column('kind').doUpdateSet(values))
    .execute();
}

export async function setCrmConnectionStatus(
  db: Kysely<Database>,
  kind: string,
  status: 'active' | 'inactive',
  reason: string | null,
): Promise<void> {
  await db
    .updateTable('crm_connection')
    .set({ status, status_reason: reason, updated_at: new Date() })
    .where('kind', '=', kind)
    .execute();
}

export async function deleteCrmConnection(db: Kysely<Database>, kind: string): Promise<void> {
  await db.deleteFrom('crm_connection').where('kind', '=', kind).execute();
}
