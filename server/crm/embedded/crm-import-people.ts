// Contacts and leads in `crm import`. Both have a primary email and additional ones; `email`
// replaces the primary address, `additionalEmails` (when given) the others.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database-types';
import { toIso } from '../../db/jsonb';
import { chunks, type KindSpec } from './crm-import-apply';
import type { ContactRow, LeadRow } from './crm-import-schemas';
import { textArray } from './sql-helpers';

interface Emails {
  primary: string;
  others: string[];
}

export interface ContactRecord {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  phone: string | null;
  accountId: string | null;
  ownerId: string | null;
  createdAt: string | null;
  emails: Emails;
}

export interface LeadRecord {
  id: string;
  firstName: string;
  lastName: string;
  company: string | null;
  title: string | null;
  ownerId: string | null;
  converted: boolean;
  createdAt: string | null;
  emails: Emails;
}

function emails(primary: string, others: string[]): Emails {
  return { primary, others: [...new Set(others)].filter((a) => a !== primary).sort() };
}

type EmailTable = 'crm_contact_emails' | 'crm_lead_emails';
const OWNER_COLUMN = { crm_contact_emails: 'contact_id', crm_lead_emails: 'lead_id' } as const;

async function loadEmails(
  db: Kysely<Database>,
  table: EmailTable,
  ids: string[],
): Promise<Map<string, Emails>> {
  const column = OWNER_COLUMN[table];
  const { rows } = await sql<{ owner: string; address: string; is_primary: boolean }>`
    select ${sql.ref(column)} as owner, address, is_primary from ${sql.table(table)}
     where ${sql.ref(column)} = any(${textArray(ids)})`.execute(db);
  const byOwner = new Map<string, { primary: string; others: string[] }>();
  for (const r of rows) {
    const entry = byOwner.get(r.owner) ?? { primary: '', others: [] };
    if (r.is_primary && !entry.primary) entry.primary = r.address;
    else entry.others.push(r.address);
    byOwner.set(r.owner, entry);
  }
  return new Map([...byOwner].map(([id, e]) => [id, emails(e.primary, e.others)]));
}

async function replaceEmails(
  trx: Transaction<Database>,
  table: EmailTable,
  records: { id: string; emails: Emails }[],
): Promise<void> {
  const column = OWNER_COLUMN[table];
  await sql`delete from ${sql.table(table)} where ${sql.ref(column)} = any(${textArray(records.map((r) => r.id))})`.execute(
    trx,
  );
  const rows = records.flatMap((r) => [
    { owner: r.id, address: r.emails.primary, primary: true },
    ...r.emails.others.map((address) => ({ owner: r.id, address, primary: false })),
  ]);
  for (const part of chunks(rows, 5000)) {
    await sql`
      insert into ${sql.table(table)} (${sql.ref(column)}, address, is_primary)
      select * from unnest(${textArray(part.map((r) => r.owner))}, ${textArray(part.map((r) => r.address))},
                           ${sql`${part.map((r) => r.primary)}::boolean[]`})`.execute(trx);
  }
}

function contact(r: ContactRecord): ContactRecord {
  return {
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    title: r.title,
    phone: r.phone,
    accountId: r.accountId,
    ownerId: r.ownerId,
    createdAt: r.createdAt,
    emails: r.emails,
  };
}

export const contactSpec: KindSpec<ContactRow, ContactRecord> = {
  async load(db, ids) {
    const rows = await db
      .selectFrom('crm_contacts')
      .select(['id', 'first_name', 'last_name', 'title', 'phone', 'account_id', 'owner_id', 'created_at'])
      .where(sql<boolean>`id = any(${textArray(ids)})`)
      .execute();
    const addresses = await loadEmails(db, 'crm_contact_emails', ids);
    return new Map(
      rows.map((r) => [
        r.id,
        contact({
          id: r.id,
          firstName: r.first_name,
          lastName: r.last_name,
          title: r.title,
          phone: r.phone,
          accountId: r.account_id,
          ownerId: r.owner_id,
          createdAt: toIso(r.created_at),
          emails: addresses.get(r.id) ?? emails('', []),
        }),
      ]),
    );
  },

  merge(row, stored) {
    return contact({
      id: row.id,
      firstName: row.firstName ?? stored?.firstName ?? '',
      lastName: row.lastName,
      title: row.title ?? stored?.title ?? null,
      phone: row.phone ?? stored?.phone ?? null,
      accountId: row.accountId ?? stored?.accountId ?? null,
      ownerId: row.ownerId ?? stored?.ownerId ?? null,
      createdAt: row.createdAt ?? stored?.createdAt ?? null,
      emails: emails(row.email, row.additionalEmails ?? stored?.emails.others ?? []),
    });
  },

  async save(trx, records, now) {
    for (const batch of chunks(records, 1000)) {
      await trx
        .insertInto('crm_contacts')
        .values(
          batch.map((c) => ({
            id: c.id,
            first_name: c.firstName,
            last_name: c.lastName,
            title: c.title,
            phone: c.phone,
            account_id: c.accountId,
            owner_id: c.ownerId,
            created_at: c.createdAt ?? now,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            first_name: eb.ref('excluded.first_name'),
            last_name: eb.ref('excluded.last_name'),
            title: eb.ref('excluded.title'),
            phone: eb.ref('excluded.phone'),
            account_id: eb.ref('excluded.account_id'),
            owner_id: eb.ref('excluded.owner_id'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
      await replaceEmails(trx, 'crm_contact_emails', batch);
    }
  },
};

function lead(r: LeadRecord): LeadRecord {
  return {
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    company: r.company,
    title: r.title,
    ownerId: r.ownerId,
    converted: r.converted,
    createdAt: r.createdAt,
    emails: r.emails,
  };
}

export const leadSpec: KindSpec<LeadRow, LeadRecord> = {
  async load(db, ids) {
    const rows = await db
      .selectFrom('crm_leads')
      .select(['id', 'first_name', 'last_name', 'company', 'title', 'owner_id', 'converted', 'created_at'])
      .where(sql<boolean>`id = any(${textArray(ids)})`)
      .execute();
    const addresses = await loadEmails(db, 'crm_lead_emails', ids);
    return new Map(
      rows.map((r) => [
        r.id,
        lead({
          id: r.id,
          firstName: r.first_name,
          lastName: r.last_name,
          company: r.company,
          title: r.title,
          ownerId: r.owner_id,
          converted: r.converted,
          createdAt: toIso(r.created_at),
          emails: addresses.get(r.id) ?? emails('', []),
        }),
      ]),
    );
  },

  merge(row, stored) {
    return lead({
      id: row.id,
      firstName: row.firstName ?? stored?.firstName ?? '',
      lastName: row.lastName,
      company: row.company ?? stored?.company ?? null,
      title: row.title ?? stored?.title ?? null,
      ownerId: row.ownerId ?? stored?.ownerId ?? null,
      converted: row.converted ?? stored?.converted ?? false,
      createdAt: row.createdAt ?? stored?.createdAt ?? null,
      emails: emails(row.email, row.additionalEmails ?? stored?.emails.others ?? []),
    });
  },

  async save(trx, records, now) {
    for (const batch of chunks(records, 1000)) {
      await trx
        .insertInto('crm_leads')
        .values(
          batch.map((l) => ({
            id: l.id,
            first_name: l.firstName,
            last_name: l.lastName,
            company: l.company,
            title: l.title,
            owner_id: l.ownerId,
            converted: l.converted,
            created_at: l.createdAt ?? now,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            first_name: eb.ref('excluded.first_name'),
            last_name: eb.ref('excluded.last_name'),
            company: eb.ref('excluded.company'),
            title: eb.ref('excluded.title'),
            owner_id: eb.ref('excluded.owner_id'),
            converted: eb.ref('excluded.converted'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
      await replaceEmails(trx, 'crm_lead_emails', batch);
    }
  },
};
