// Calendars sync beside mail (shared/spec/event-rules.md): each mailbox's calendar keeps a cursor of its own and
// the last failure in words (a calendar whose consent is missing must not stop the mail). One meeting is one CRM
// event for the whole organisation (section 5): the ledger `saved_events` is unique by the event's key, with what
// was written last (fingerprint, sequence, cancelled) for rule 6, and who owns it. `event_sources` maps a provider's
// own id of an event, per mailbox, to that key: a removal arrives with the id alone. The decision log keeps events
// beside emails (`kind`), with the event actions `update` and `cancel`.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table mailboxes add column if not exists calendar_cursor jsonb`.execute(db);
  /** Why the calendar could not be read at its last run, in words; null when it was. */
  await sql`alter table mailboxes add column if not exists calendar_error text`.execute(db);
  await sql`alter table mailboxes add column if not exists calendar_synced_at timestamptz`.execute(db);

  await db.schema
    .createTable('saved_events')
    .ifNotExists()
    /** eventKey(event): the uid, and for an occurrence its recurrenceId. */
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('crm_event_id', 'text', (c) => c.notNull())
    /** eventFingerprint(event) when it was last written. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'boolean', (c) => c.notNull().defaultTo(false))
    /** The subject as written to the CRM (at its sharing level): a removal, which carries no event, cancels with it. */
    .addColumn('subject', 'text')
    /** The organizer when a user of Liaison, else the first user whose sync saved it. */
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('manual', 'automatic')`))
    /** The records it is linked to: { who, what?, invitees }. */
    .addColumn('linked_records', 'jsonb', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('event_sources')
    .ifNotExists()
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_sources_pk', ['mailbox_id', 'source_id'])
    .execute();

  await sql`alter table decision_log add column if not exists kind text not null default 'email'
    check (kind in ('email', 'event'))`.execute(db);
  await sql`alter table decision_log drop constraint if exists decision_log_action_check`.execute(db);
  await sql`alter table decision_log add constraint decision_log_action_check
    check (action in ('save', 'skip', 'update', 'cancel'))`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`delete from decision_log where kind = 'event'`.execute(db);
  await sql`alter table decision_log drop constraint if exists decision_log_action_check`.execute(db);
  await sql`alter table decision_log add constraint decision_log_action_check check (action in ('save', 'skip'))`.execute(
    db,
  );
  await sql`alter table decision_log drop column if exists kind`.execute(db);
  await db.schema.dropTable('event_sources').ifExists().execute();
  await db.schema.dropTable('saved_events').ifExists().execute();
  for (const column of ['calendar_synced_at', 'calendar_error', 'calendar_cursor'])
    await sql`alter table mailboxes drop column if exists ${sql.id(column)}`.execute(db);
}
