// Thread subscriptions remember the subject of the email they were made from, so people see "Renewal: updated
// quote?" rather than a Message-ID. Subscriptions made before have none (the decision log may still name it).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('thread_subscriptions').addColumn('subject', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('thread_subscriptions').dropColumn('subject').execute();
}
