// Accounts by many domains or ids, and open opportunities by many accounts: one query each. The row queries are
// also fragments of the one-statement context lookup (context-lookup.ts).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { normalizeDomain } from '../../../src';
import { EMBEDDED_CURRENCY } from './record-details';
import type { Database } from '../../db/database-types';
import type { CrmAccountRecord, CrmOpportunityRecord } from '../crm-adapter';
import { textArray, toIso, unique } from './sql-helpers';

export interface AccountRow {
  id: string;
  name: string;
  domains: string[] | null;
}

export interface OpportunityRow {
  id: string;
  account_id: string;
  owner_id: string;
  name: string;
  stage: string;
  amount: number | null;
  close_date: string | null;
  closed: boolean;
  created_at: Date | string;
}

/** Live accounts whose id meets the condition (`= any(…)`, `in (select …)`), with all their domains; unordered. */
export function accountsSql(idCondition: RawBuilder<unknown>): RawBuilder<AccountRow> {
  return sql<AccountRow>`
    select a.id, a.name,
           (select json_agg(d.domain order by d.domain) from crm_account_domains d where d.account_id = a.id) as domains
      from crm_accounts a
     where not a.deleted and a.id ${idCondition}`;
}

/** Ids of the accounts having any of the domains (exact match: `acme.com` never matches `eu.acme.com`). */
export function accountIdsByDomainsSql(domains: string[]): RawBuilder<{ account_id: string }> {
  return sql`select account_id from crm_account_domains where domain = any(${textArray(domains)})`;
}

/** Open opportunities on the accounts meeting the condition; unordered (`OPPORTUNITY_ORDER` orders them). */
export function openOpportunitiesSql(accountCondition: RawBuilder<unknown>): RawBuilder<OpportunityRow> {
  return sql<OpportunityRow>`
    select o.id, o.account_id, o.owner_id, o.name, o.stage, o.amount::float8 as amount,
           to_char(o.close_date, 'YYYY-MM-DD') as close_date, o.closed, o.created_at
      from crm_opportunities o
     where not o.closed and o.account_id ${accountCondition}`;
}

/** Newest first, then by id, largest first, as the rules order them. */
export const OPPORTUNITY_ORDER = sql`created_at desc, id desc`;

export function wantedDomains(domains: string[]): string[] {
  return unique(domains.map(normalizeDomain).filter((d) => d !== ''));
}

/** Accounts with any of the domains. */
export async function findAccountsByDomains(
  db: Kysely<Database>,
  domains: string[],
): Promise<CrmAccountRecord[]> {
  const wanted = wantedDomains(domains);
  if (wanted.length === 0) return [];
  const { rows } = await sql<AccountRow>`
    select * from (${accountsSql(sql`in (${accountIdsByDomainsSql(wanted)})`)}) a order by id
  `.execute(db);
  return rows.map(toAccount);
}

export async function findAccountsByIds(db: Kysely<Database>, ids: string[]): Promise<CrmAccountRecord[]> {
  const wanted = unique(ids.filter((id) => id !== ''));
  if (wanted.length === 0) return [];
  const { rows } = await sql<AccountRow>`
    select * from (${accountsSql(sql`= any(${textArray(wanted)})`)}) a order by id
  `.execute(db);
  return rows.map(toAccount);
}

export function toAccount(row: AccountRow): CrmAccountRecord {
  return { id: row.id, name: row.name, domains: row.domains ?? [] };
}

/** Open opportunities on the accounts. */
export async function findOpenOpportunitiesByAccounts(
  db: Kysely<Database>,
  accountIds: string[],
): Promise<CrmOpportunityRecord[]> {
  const wanted = unique(accountIds.filter((id) => id !== ''));
  if (wanted.length === 0) return [];
  const { rows } = await sql<OpportunityRow>`
    select * from (${openOpportunitiesSql(sql`= any(${textArray(wanted)})`)}) o order by ${OPPORTUNITY_ORDER}
  `.execute(db);
  return rows.map(toOpportunity);
}

export function toOpportunity(row: OpportunityRow): CrmOpportunityRecord {
  const opportunity: CrmOpportunityRecord = {
    id: row.id,
    accountId: row.account_id,
    ownerId: row.owner_id,
    createdAt: toIso(row.created_at),
    closed: row.closed,
    name: row.name,
    stage: row.stage,
  };
  if (row.amount !== null) {
    opportunity.amount = Number(row.amount);
    opportunity.currency = EMBEDDED_CURRENCY;
  }
  if (row.close_date) opportunity.closeDate = row.close_date;
  return opportunity;
}
