// Loading many CRM records fast (the benchmark's 100,000 contacts, `crm import`): each batch is
// one `insert … select from unnest(array, array, …)`, a handful of parameters however many rows,
// all in one transaction (all or nothing).
import { sql, type Kysely } from 'kysely';
import { normalizeAddress, normalizeDomain } from '../../../src';
import type { Database } from '../../db/database-types';

export interface BulkAccount {
  id: string;
  name: string;
  domains: string[];
  ownerId?: string;
  createdAt?: string;
}

export interface BulkContact {
  id: string;
  firstName: string;
  lastName: string;
  /** The primary email. */
  email: string;
  additionalEmails?: string[];
  accountId?: string;
  ownerId?: string;
  title?: string;
  createdAt?: string;
}

export interface BulkLoadResult {
  accounts: number;
  contacts: number;
}

export async function bulkLoadCrm(
  db: Kysely<Database>,
  data: { accounts?: Iterable<BulkAccount>; contacts?: Iterable<BulkContact> },
  options: { batchSize?: number } = {},
): Promise<BulkLoadResult> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 5000, 20000));
  const counts: BulkLoadResult = { accounts: 0, contacts: 0 };
  await db.transaction().execute(async (trx) => {
    for (const batch of batches(data.accounts ?? [], batchSize)) {
      await sql`
        insert into crm_accounts (id, name, owner_id, created_at)
        select id, name, owner_id, coalesce(created_at, now())
          from unnest(${textArray(batch.map((a) => a.id))}, ${textArray(batch.map((a) => a.name))},
                      ${textArray(batch.map((a) => a.ownerId ?? null))},
                      ${timestampArray(batch.map((a) => a.createdAt ?? null))}) as t(id, name, owner_id, created_at)
      `.execute(trx);
      const domains = batch.flatMap((a) =>
        [...new Set(a.domains.map(normalizeDomain).filter(Boolean))].map((domain) => [a.id, domain] as const),
      );
      await sql`
        insert into crm_account_domains (account_id, domain)
        select * from unnest(${textArray(domains.map((d) => d[0]))}, ${textArray(domains.map((d) => d[1]))})
      `.execute(trx);
      counts.accounts += batch.length;
    }
    for (const batch of batches(data.contacts ?? [], batchSize)) {
      await sql`
        insert into crm_contacts (id, first_name, last_name, title, account_id, owner_id, created_at)
        select id, first_name, last_name, title, account_id, owner_id, coalesce(created_at, now())
          from unnest(${textArray(batch.map((c) => c.id))}, ${textArray(batch.map((c) => c.firstName))},
                      ${textArray(batch.map((c) => c.lastName))}, ${textArray(batch.map((c) => c.title ?? null))},
                      ${textArray(batch.map((c) => c.accountId ?? null))}, ${textArray(batch.map((c) => c.ownerId ?? null))},
                      ${timestampArray(batch.map((c) => c.createdAt ?? null))})
            as t(id, first_name, last_name, title, account_id, owner_id, created_at)
      `.execute(trx);
      const emails = batch.flatMap((c) => {
        const primary = normalizeAddress(c.email);
        const others = (c.additionalEmails ?? []).map(normalizeAddress).filter((a) => a !== primary);
        return [...new Set([primary, ...others])].map((address) => ({
          id: c.id,
          address,
          primary: address === primary,
        }));
      });
      await sql`
        insert into crm_contact_emails (contact_id, address, is_primary)
        select * from unnest(${textArray(emails.map((e) => e.id))}, ${textArray(emails.map((e) => e.address))},
                             ${sql`${emails.map((e) => e.primary)}::boolean[]`})
      `.execute(trx);
      counts.contacts += batch.length;
    }
  });
  // Fresh statistics, or PostgreSQL's planner guesses (and may even JIT-compile) the first lookups.
  await sql`analyze crm_accounts, crm_account_domains, crm_contacts, crm_contact_emails`.execute(db);
  return counts;
}

function textArray(values: (string | null)[]) {
  return sql`${values}::text[]`;
}

function timestampArray(values: (string | null)[]) {
  return sql`${values}::timestamptz[]`;
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A deterministic synthetic CRM for benchmarks: `accounts` accounts at `company<n>.example`, and
 * `contacts` contacts spread over them (`first.last<n>@company<k>.example`), every tenth with a
 * second address.
 */
export function syntheticCrm(counts: { accounts: number; contacts: number; ownerId?: string }): {
  accounts: BulkAccount[];
  contacts: Iterable<BulkContact>;
} {
  const accounts: BulkAccount[] = Array.from({ length: counts.accounts }, (_, n) => ({
    id: `bench-acc-${n}`,
    name: `Company ${n}`,
    domains: [`company${n}.example`],
    ...(counts.ownerId ? { ownerId: counts.ownerId } : {}),
  }));
  const contacts = function* (): Generator<BulkContact> {
    for (let n = 0; n < counts.contacts; n++) {
      const k = counts.accounts > 0 ? n % counts.accounts : -1;
      const domain = k >= 0 ? `company${k}.example` : 'nowhere.example';
      yield {
        id: `bench-con-${n}`,
        firstName: `First${n}`,
        lastName: `Last${n}`,
        email: `first.last${n}@${domain}`,
        ...(n % 10 === 0 ? { additionalEmails: [`fl${n}@alt-${domain}`] } : {}),
        ...(k >= 0 ? { accountId: `bench-acc-${k}` } : {}),
        ...(counts.ownerId ? { ownerId: counts.ownerId } : {}),
        createdAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
      };
    }
  };
  return { accounts, contacts: contacts() };
}
