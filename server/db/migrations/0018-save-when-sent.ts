// "Save when sent" (issue 18): the records a rep picked while writing, kept until the sent copy is read. Outlook's
// copy carries a signed token naming the pick (never the records); a Gmail pick names the reply's thread instead
// (`thread_id`), and the next email the rep sends in it uses it. `used_at` makes a pick save one email only.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('save_picks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('who', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('what', 'jsonb')
    .addColumn('level', 'text', (c) => c.check(sql`level in ('metadata', 'subject', 'full')`))
    .addColumn('autosave_thread', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('thread_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  // The sync asks for a user's open picks of the threads in a batch (Gmail).
  await sql`create index save_picks_thread on save_picks (user_id, thread_id)
    where thread_id is not null and used_at is null`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('save_picks').execute();
}
