// Opportunities in `crm import`: always under an account, with an owner, a stage, and optionally
// an amount, a close date, and whether the deal is closed and won.
import { sql } from 'kysely';
import { toIso } from '../../db/jsonb';
import { chunks, type KindSpec } from './crm-import-apply';
import type { OpportunityRow } from './crm-import-schemas';
import { textArray } from './sql-helpers';

export interface OpportunityRecord {
  id: string;
  accountId: string;
  ownerId: string;
  name: string;
  stage: string;
  amount: number | null;
  closeDate: string | null;
  closed: boolean;
  won: boolean;
  createdAt: string | null;
}

function record(r: OpportunityRecord): OpportunityRecord {
  return {
    id: r.id,
    accountId: r.accountId,
    ownerId: r.ownerId,
    name: r.name,
    stage: r.stage,
    amount: r.amount,
    closeDate: r.closeDate,
    closed: r.closed,
    // Only a closed deal can be won.
    won: r.closed && r.won,
    createdAt: r.createdAt,
  };
}

export const opportunitySpec: KindSpec<OpportunityRow, OpportunityRecord> = {
  async load(db, ids) {
    // Amount and date as text: node-postgres would turn a date into local midnight.
    const rows = await db
      .selectFrom('crm_opportunities')
      .select(['id', 'account_id', 'owner_id', 'name', 'stage', 'closed', 'won', 'created_at'])
      .select([
        sql<string | null>`amount::text`.as('amount'),
        sql<string | null>`close_date::text`.as('close_date'),
      ])
      .where(sql<boolean>`id = any(${textArray(ids)})`)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        record({
          id: r.id,
          accountId: r.account_id,
          ownerId: r.owner_id,
          name: r.name,
          stage: r.stage,
          amount: r.amount === null ? null : Number(r.amount),
          closeDate: r.close_date,
          closed: r.closed,
          won: r.won,
          createdAt: toIso(r.created_at),
        }),
      ]),
    );
  },

  merge(row, stored) {
    const won = row.won ?? stored?.won ?? false;
    return record({
      id: row.id,
      accountId: row.accountId,
      ownerId: row.ownerId,
      name: row.name,
      stage: row.stage,
      amount: row.amount ?? stored?.amount ?? null,
      closeDate: row.closeDate ?? stored?.closeDate ?? null,
      closed: row.closed ?? (row.won === true || (stored?.closed ?? false)),
      won,
      createdAt: row.createdAt ?? stored?.createdAt ?? null,
    });
  },

  async save(trx, records, now) {
    for (const batch of chunks(records, 1000)) {
      await trx
        .insertInto('crm_opportunities')
        .values(
          batch.map((o) => ({
            id: o.id,
            account_id: o.accountId,
            owner_id: o.ownerId,
            name: o.name,
            stage: o.stage,
            amount: o.amount,
            close_date: o.closeDate,
            closed: o.closed,
            won: o.won,
            created_at: o.createdAt ?? now,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            account_id: eb.ref('excluded.account_id'),
            owner_id: eb.ref('excluded.owner_id'),
            name: eb.ref('excluded.name'),
            stage: eb.ref('excluded.stage'),
            amount: eb.ref('excluded.amount'),
            close_date: eb.ref('excluded.close_date'),
            closed: eb.ref('excluded.closed'),
            won: eb.ref('excluded.won'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
    }
  },
};
