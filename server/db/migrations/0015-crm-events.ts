// The embedded CRM's events (event-rules.md): one row per event key for the whole organisation, its links to
// contacts, leads and a related record (as crm_activity_links), and the colleagues invited. A cancelled event stays,
// marked; `hidden` is the admin stop of what autosharing imported, as on activities.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The tables of this migration that notify the change feed (the sidebar's recent activity reads them). */
export const EVENT_NOTIFYING_TABLES = ['crm_events', 'crm_event_links', 'crm_event_invitees'] as const;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('crm_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('all_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('location', 'text')
    .addColumn('show_as', 'text', (c) =>
      c
        .notNull()
        .defaultTo('busy')
        .check(sql`show_as in ('busy', 'free')`),
    )
    .addColumn('owner_id', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('manual', 'automatic', 'crm')`))
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('crm_event_links')
    .addColumn('event_id', 'text', (c) => c.notNull().references('crm_events.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('who', 'what')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('crm_event_links_pk', ['event_id', 'kind', 'record_id'])
    .execute();
  await db.schema
    .createIndex('crm_event_links_record_idx')
    .on('crm_event_links')
    .columns(['kind', 'record_id'])
    .execute();

  await db.schema
    .createTable('crm_event_invitees')
    .addColumn('event_id', 'text', (c) => c.notNull().references('crm_events.id').onDelete('cascade'))
    .addColumn('crm_user_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('crm_event_invitees_pk', ['event_id', 'crm_user_id'])
    .execute();

  // The change feed (migration 0014's trigger function) hears writes to them, as it does for activities.
  for (const table of EVENT_NOTIFYING_TABLES) {
    await sql`create trigger liaison_changed after insert or update or delete or truncate on ${sql.id(table)}
      for each statement execute function liaison_changed()`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('crm_event_invitees').ifExists().execute();
  await db.schema.dropTable('crm_event_links').ifExists().execute();
  await db.schema.dropTable('crm_events').ifExists().execute();
}
