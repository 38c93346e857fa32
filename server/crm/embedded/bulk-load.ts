// Loading many CRM records fast (the benchmark's 100,000 contacts, `crm import`): multi-row
// inserts of `batchSize` rows in one transaction, well under PostgreSQL's 65,535 parameters.
import type { Kysely } from 'kysely';
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
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 5000));
  const counts: BulkLoadResult = { accounts: 0, contacts: 0 };
  await db.transaction().execute(async (trx) => {
    for (const batch of batches(data.accounts ?? [], batchSize)) {
      await trx
        .insertInto('crm_accounts')
        .values(
          batch.map((a) => ({
            id: a.id,
            name: a.name,
            owner_id: a.ownerId ?? null,
            industry: null,
            ...(a.createdAt ? { created_at: a.createdAt } : {}),
          })),
        )
        .execute();
      const domains = batch.flatMap((a) =>
        [...new Set(a.domains.map(normalizeDomain).filter(Boolean))].map((domain) => ({
          account_id: a.id,
          domain,
        })),
      );
      if (domains.length > 0) await trx.insertInto('crm_account_domains').values(domains).execute();
      counts.accounts += batch.length;
    }
    for (const batch of batches(data.contacts ?? [], batchSize)) {
      await trx
        .insertInto('crm_contacts')
        .values(
          batch.map((c) => ({
            id: c.id,
            first_name: c.firstName,
            last_name: c.lastName,
            title: c.title ?? null,
            phone: null,
            account_id: c.accountId ?? null,
            owner_id: c.ownerId ?? null,
            ...(c.createdAt ? { created_at: c.createdAt } : {}),
          })),
        )
        .execute();
      const emails = batch.flatMap((c) => {
        const primary = normalizeAddress(c.email);
        const others = (c.additionalEmails ?? []).map(normalizeAddress).filter((a) => a !== primary);
        return [...new Set([primary, ...others])].map((address) => ({
          contact_id: c.id,
          address,
          is_primary: address === primary,
        }));
      });
      for (let start = 0; start < emails.length; start += batchSize) {
        await trx
          .insertInto('crm_contact_emails')
          .values(emails.slice(start, start + batchSize))
          .execute();
      }
      counts.contacts += batch.length;
    }
  });
  return counts;
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
