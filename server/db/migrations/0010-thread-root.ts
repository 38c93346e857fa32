// Thread subscriptions also remember the thread's root Message-ID (first of References, else In-Reply-To, else the
// email's own Message-ID): IMAP and Maildir messages carry no Outlook or Gmail thread id, only References, so a
// reply is matched by this root as well as by the provider's id. Null when the face could not read the headers.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('thread_subscriptions').addColumn('root_message_id', 'text').execute();
  await db.schema
    .createIndex('thread_subscriptions_root_idx')
    .on('thread_subscriptions')
    .columns(['user_id', 'root_message_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('thread_subscriptions_root_idx').execute();
  await db.schema.alterTable('thread_subscriptions').dropColumn('root_message_id').execute();
}
