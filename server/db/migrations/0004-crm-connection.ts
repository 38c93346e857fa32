// The organisation's connection to an outside CRM (Salesforce): where it is and the sealed refresh token — never
// a token in clear — plus its status (Active, or Inactive with the reason an admin reads).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('crm_connection')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('connection', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('crm_connection').execute();
}
