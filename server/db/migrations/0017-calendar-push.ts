// Change notifications for calendars beside those for mail: a mailbox may now hold two pushes, one per `kind`
// (its mail's: a Graph subscription on the inbox or a Gmail watch; its calendar's: a Graph subscription on its
// events or a Google Calendar channel). A Google channel is stopped by its id and the `resource_id` Google gave it.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table mailbox_push add column kind text not null default 'mail'`.execute(db);
  await sql`alter table mailbox_push add constraint mailbox_push_kind_check check (kind in ('mail', 'calendar'))`.execute(
    db,
  );
  await sql`alter table mailbox_push add column resource_id text`.execute(db);
  await sql`alter table mailbox_push drop constraint mailbox_push_pkey`.execute(db);
  await sql`alter table mailbox_push add primary key (mailbox_id, kind)`.execute(db);
  await sql`alter table mailbox_push drop constraint mailbox_push_provider_check`.execute(db);
  await sql`alter table mailbox_push add constraint mailbox_push_provider_check
    check (provider in ('graph', 'gmail', 'google-calendar'))`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`delete from mailbox_push where kind <> 'mail'`.execute(db);
  await sql`alter table mailbox_push drop constraint mailbox_push_provider_check`.execute(db);
  await sql`alter table mailbox_push add constraint mailbox_push_provider_check
    check (provider in ('graph', 'gmail'))`.execute(db);
  await sql`alter table mailbox_push drop constraint mailbox_push_pkey`.execute(db);
  await sql`alter table mailbox_push add primary key (mailbox_id)`.execute(db);
  await sql`alter table mailbox_push drop column resource_id`.execute(db);
  await sql`alter table mailbox_push drop column kind`.execute(db);
}
