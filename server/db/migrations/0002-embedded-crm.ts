// The embedded CRM: accounts with domains, contacts and leads with several emails, opportunities,
// activities (linked to records, hideable), and tombstones of deleted contacts' addresses.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('crm_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .execute();

  await db.schema
    .createTable('crm_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('industry', 'text')
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('crm_accounts_name_idx')
    .on('crm_accounts')
    .expression(sql`lower(name)`)
    .execute();

  await db.schema
    .createTable('crm_account_domains')
    .addColumn('account_id', 'text', (c) => c.notNull().references('crm_accounts.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crm_account_domains_pk', ['account_id', 'domain'])
    .execute();
  await db.schema
    .createIndex('crm_account_domains_domain_idx')
    .on('crm_account_domains')
    .column('domain')
    .execute();

  await db.schema
    .createTable('crm_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('account_id', 'text', (c) => c.references('crm_accounts.id').onDelete('set null'))
    .addColumn('owner_id', 'text')
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('crm_contacts_account_idx').on('crm_contacts').column('account_id').execute();
  await db.schema
    .createIndex('crm_contacts_name_idx')
    .on('crm_contacts')
    .expression(sql`lower(first_name || ' ' || last_name)`)
    .execute();

  await db.schema
    .createTable('crm_contact_emails')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('crm_contacts.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('crm_contact_emails_pk', ['contact_id', 'address'])
    .execute();
  await db.schema
    .createIndex('crm_contact_emails_address_idx')
    .on('crm_contact_emails')
    .column('address')
    .execute();

  await db.schema
    .createTable('crm_leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('converted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('crm_lead_emails')
    .addColumn('lead_id', 'text', (c) => c.notNull().references('crm_leads.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('crm_lead_emails_pk', ['lead_id', 'address'])
    .execute();
  await db.schema
    .createIndex('crm_lead_emails_address_idx')
    .on('crm_lead_emails')
    .column('address')
    .execute();

  await db.schema
    .createTable('crm_opportunities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('crm_accounts.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('amount', 'numeric(18, 2)')
    .addColumn('close_date', 'date')
    .addColumn('closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('won', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('crm_opportunities_account_idx')
    .on('crm_opportunities')
    .columns(['account_id', 'closed'])
    .execute();

  // One activity per Message-ID: the unique index makes saving idempotent (nulls stay allowed
  // for activities logged in the CRM by hand).
  await db.schema
    .createTable('crm_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .defaultTo('email')
        .check(sql`type in ('email', 'call', 'meeting', 'task', 'note')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('activity_date', 'timestamptz', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('source_message_id', 'text', (c) => c.unique())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('manual', 'automatic', 'crm')`))
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('crm_activity_links')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('crm_activities.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('who', 'what')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('crm_activity_links_pk', ['activity_id', 'kind', 'record_id'])
    .execute();
  await db.schema
    .createIndex('crm_activity_links_record_idx')
    .on('crm_activity_links')
    .columns(['kind', 'record_id'])
    .execute();

  await db.schema
    .createTable('crm_tombstones')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('deleted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
