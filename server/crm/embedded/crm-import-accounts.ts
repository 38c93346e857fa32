// Accounts in `crm import`: name, industry, owner, creation time, and the set of domains.
import { sql } from 'kysely';
import { toIso } from '../../db/jsonb';
import { chunks, type KindSpec } from './crm-import-apply';
import type { AccountRow } from './crm-import-schemas';
import { textArray } from './sql-helpers';

export interface AccountRecord {
  id: string;
  name: string;
  industry: string | null;
  ownerId: string | null;
  createdAt: string | null;
  domains: string[];
}

function record(r: AccountRecord): AccountRecord {
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    ownerId: r.ownerId,
    createdAt: r.createdAt,
    domains: [...new Set(r.domains)].sort(),
  };
}

export const accountSpec: KindSpec<AccountRow, AccountRecord> = {
  async load(db, ids) {
    const rows = await db
      .selectFrom('crm_accounts')
      .select(['id', 'name', 'industry', 'owner_id', 'created_at'])
      .where(sql<boolean>`id = any(${textArray(ids)})`)
      .execute();
    const domains = await db
      .selectFrom('crm_account_domains')
      .select(['account_id', 'domain'])
      .where(sql<boolean>`account_id = any(${textArray(ids)})`)
      .execute();
    const byAccount = new Map<string, string[]>();
    for (const d of domains) byAccount.set(d.account_id, [...(byAccount.get(d.account_id) ?? []), d.domain]);
    return new Map(
      rows.map((r) => [
        r.id,
        record({
          id: r.id,
          name: r.name,
          industry: r.industry,
          ownerId: r.owner_id,
          createdAt: toIso(r.created_at),
          domains: byAccount.get(r.id) ?? [],
        }),
      ]),
    );
  },

  merge(row, stored) {
    return record({
      id: row.id,
      name: row.name,
      industry: row.industry ?? stored?.industry ?? null,
      ownerId: row.ownerId ?? stored?.ownerId ?? null,
      createdAt: row.createdAt ?? stored?.createdAt ?? null,
      domains: row.domains ?? stored?.domains ?? [],
    });
  },

  async save(trx, records, now) {
    for (const batch of chunks(records, 1000)) {
      await trx
        .insertInto('crm_accounts')
        .values(
          batch.map((a) => ({
            id: a.id,
            name: a.name,
            industry: a.industry,
            owner_id: a.ownerId,
            created_at: a.createdAt ?? now,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            industry: eb.ref('excluded.industry'),
            owner_id: eb.ref('excluded.owner_id'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
      await trx
        .deleteFrom('crm_account_domains')
        .where(sql<boolean>`account_id = any(${textArray(batch.map((a) => a.id))})`)
        .execute();
      const domains = batch.flatMap((a) => a.domains.map((domain) => ({ account_id: a.id, domain })));
      for (const part of chunks(domains, 5000))
        await trx.insertInto('crm_account_domains').values(part).execute();
    }
  },
};
