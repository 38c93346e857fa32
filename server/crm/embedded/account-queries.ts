// Accounts by many domains or ids, and open opportunities by many accounts: one query each.
import { sql, type Kysely } from 'kysely';
import { normalizeDomain } from '../../../src';
import type { Database } from '../../db/database-types';
import type { CrmAccountRecord, CrmOpportunityRecord } from '../crm-adapter';
import { textArray, toIso, unique } from './sql-helpers';

interface AccountRow {
  id: string;
  name: string;
  domains: string[] | null;
}

const ACCOUNT_COLUMNS = sql`
  a.id, a.name,
  (select json_agg(d.domain order by d.domain) from crm_account_domains d where d.account_id = a.id) as domains
`;

/** Accounts with any of the domains (exact match: `acme.com` never matches `eu.acme.com`). */
export async function findAccountsByDomains(
  db: Kysely<Database>,
  domains: string[],
): Promise<CrmAccountRecord[]> {
  const wanted = unique(domains.map(normalizeDomain).filter((d) => d !== ''));
  if (wanted.length === 0) return [];
  const { rows } = await sql<AccountRow>`
    select ${ACCOUNT_COLUMNS}
      from crm_accounts a
     where not a.deleted
       and a.id in (select account_id from crm_account_domains where domain = any(${textArray(wanted)}))
     order by a.id
  `.execute(db);
  return rows.map(toAccount);
}

export async function findAccountsByIds(db: Kysely<Database>, ids: string[]): Promise<CrmAccountRecord[]> {
  const wanted = unique(ids.filter((id) => id !== ''));
  if (wanted.length === 0) return [];
  const { rows } = await sql<AccountRow>`
    select ${ACCOUNT_COLUMNS}
      from crm_accounts a
     where not a.deleted and a.id = any(${textArray(wanted)})
     order by a.id
  `.execute(db);
  return rows.map(toAccount);
}

function toAccount(row: AccountRow): CrmAccountRecord {
  return { id: row.id, name: row.name, domains: row.domains ?? [] };
}

/** Open opportunities on the accounts, newest first (then by id, largest first, as the rules order them). */
export async function findOpenOpportunitiesByAccounts(
  db: Kysely<Database>,
  accountIds: string[],
): Promise<CrmOpportunityRecord[]> {
  const wanted = unique(accountIds.filter((id) => id !== ''));
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('crm_opportunities')
    .select([
      'id',
      'account_id',
      'owner_id',
      'name',
      'stage',
      sql<number | null>`amount::float8`.as('amount'),
      sql<string | null>`to_char(close_date, 'YYYY-MM-DD')`.as('close_date'),
      'closed',
      'created_at',
    ])
    .where('account_id', '=', sql<string>`any(${textArray(wanted)})`)
    .where('closed', '=', false)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => {
    const opportunity: CrmOpportunityRecord = {
      id: row.id,
      accountId: row.account_id,
      ownerId: row.owner_id,
      createdAt: toIso(row.created_at),
      closed: row.closed,
      name: row.name,
      stage: row.stage,
    };
    if (row.amount !== null) opportunity.amount = Number(row.amount);
    if (row.close_date) opportunity.closeDate = row.close_date;
    return opportunity;
  });
}
