// Phone numbers on the embedded CRM's people (issue 19): New records prefills them from the sender's signature, so a
// contact keeps a mobile beside its phone, and a lead both, as Salesforce's Contact and Lead do.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('crm_contacts').addColumn('mobile_phone', 'text').execute();
  await db.schema.alterTable('crm_leads').addColumn('phone', 'text').execute();
  await db.schema.alterTable('crm_leads').addColumn('mobile_phone', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('crm_contacts').dropColumn('mobile_phone').execute();
  await db.schema.alterTable('crm_leads').dropColumn('phone').execute();
  await db.schema.alterTable('crm_leads').dropColumn('mobile_phone').execute();
}
