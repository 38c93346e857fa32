// The embedded CRM keeps the files saved with an activity (attachments of an email saved at `full`), as a CRM
// does: one row per file, in the email's order, deleted with its activity. The primary key makes saving again a
// no-op, so a retried save never stores a file twice. (0007 is another branch's.)
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('crm_activity_files')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('crm_activities.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('crm_activity_files_pk', ['activity_id', 'position'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('crm_activity_files').execute();
}
