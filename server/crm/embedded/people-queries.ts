// Finding contacts and leads by many addresses at once (primary or additional emails), and the
// tombstones of deleted contacts' addresses.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { normalizeAddress } from '../../../src';
import type { Database } from '../../db/database-types';
import type { CrmPersonRecord } from '../crm-adapter';
import { fullName, textArray, toIso, unique } from './sql-helpers';

export interface PersonRow {
  kind: 'contact' | 'lead';
  id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  company: string | null;
  account_id: string | null;
  owner_id: string | null;
  created_at: Date | string;
  converted: boolean;
  deleted: boolean;
  emails: { address: string; primary: boolean }[] | null;
}

/** Addresses as the queries want them: normalised, non-empty, once each. */
export function wantedAddresses(addresses: string[]): string[] {
  return unique(addresses.map(normalizeAddress).filter((a) => a !== ''));
}

/** Rows (`PersonRow`) of every contact and lead with any of the addresses, each with all its emails (primary
 * first); unordered, so it can also be a CTE of a larger statement. */
export function peopleByAddressesSql(addresses: string[]): RawBuilder<PersonRow> {
  const list = textArray(addresses);
  return sql<PersonRow>`
    select 'contact' as kind, c.id, c.first_name, c.last_name, c.title, null as company, c.account_id,
           c.owner_id, c.created_at, false as converted, c.deleted,
           (select json_agg(json_build_object('address', e.address, 'primary', e.is_primary)
                            order by e.is_primary desc, e.address)
              from crm_contact_emails e where e.contact_id = c.id) as emails
      from crm_contacts c
     where c.id in (select contact_id from crm_contact_emails where address = any(${list}))
    union all
    select 'lead' as kind, l.id, l.first_name, l.last_name, l.title, l.company, null as account_id,
           l.owner_id, l.created_at, l.converted, l.deleted,
           (select json_agg(json_build_object('address', e.address, 'primary', e.is_primary)
                            order by e.is_primary desc, e.address)
              from crm_lead_emails e where e.lead_id = l.id) as emails
      from crm_leads l
     where l.id in (select lead_id from crm_lead_emails where address = any(${list}))`;
}

/** One query: every contact and lead with any of the addresses, oldest first. */
export async function findPeopleByEmails(
  db: Kysely<Database>,
  addresses: string[],
): Promise<CrmPersonRecord[]> {
  const wanted = wantedAddresses(addresses);
  if (wanted.length === 0) return [];
  const { rows } = await sql<PersonRow>`
    select * from (${peopleByAddressesSql(wanted)}) people order by created_at, id
  `.execute(db);
  return rows.map(toPerson);
}

export function toPerson(row: PersonRow): CrmPersonRecord {
  const person: CrmPersonRecord = {
    id: row.id,
    kind: row.kind,
    emails: (row.emails ?? []).map((e) => ({ address: e.address, primary: e.primary })),
    createdAt: toIso(row.created_at),
    deleted: row.deleted,
    name: fullName(row.first_name, row.last_name),
  };
  if (row.account_id) person.accountId = row.account_id;
  if (row.kind === 'lead') person.converted = row.converted;
  if (row.title) person.title = row.title;
  if (row.company) person.company = row.company;
  if (row.owner_id) person.ownerId = row.owner_id;
  return person;
}

export async function findTombstones(db: Kysely<Database>, addresses: string[]): Promise<string[]> {
  const wanted = wantedAddresses(addresses);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('crm_tombstones')
    .select('address')
    .where('address', '=', sql<string>`any(${textArray(wanted)})`)
    .orderBy('address')
    .execute();
  return rows.map((r) => r.address);
}
