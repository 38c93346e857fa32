// Everything the rules (and the sidebar) need about a batch's addresses in ONE statement: people by address,
// accounts by domain plus the accounts of those people, their open opportunities, tombstones and, when asked,
// recent activities. On embedded PGlite every statement is a sequential round trip with its own planning, so
// the sidebar's lookups cost one instead of five. The row queries are the same fragments the single calls use.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { cachedPlanRows, compileRead, type ReadRow } from '../../db/cached-plan';
import type { Database } from '../../db/database-types';
import type { CrmLookup, CrmLookupAlongsideRequest, CrmLookupRequest } from '../crm-adapter';
import {
  accountIdsByDomainsSql,
  accountsSql,
  openOpportunitiesSql,
  OPPORTUNITY_ORDER,
  toAccount,
  toOpportunity,
  wantedDomains,
  type AccountRow,
  type OpportunityRow,
} from './account-queries';
import {
  groupRecentActivities,
  RECENT_ACTIVITY_ORDER,
  recentActivitiesSql,
  type RecentActivityRow,
} from './activity-store';
import { peopleByAddressesSql, toPerson, wantedAddresses, type PersonRow } from './people-queries';
import { textArray } from './sql-helpers';

interface LookupRow {
  people: PersonRow[] | null;
  by_domain: AccountRow[] | null;
  of_people: AccountRow[] | null;
  opportunities: OpportunityRow[] | null;
  tombstones: string[] | null;
  activities?: RecentActivityRow[] | null;
}

const EMPTY = { people: null, by_domain: null, of_people: null, opportunities: null, tombstones: null };

/** The statement of `lookupContext`; undefined when the batch has nothing to look up. */
function lookupSql(request: CrmLookupAlongsideRequest): RawBuilder<LookupRow> | undefined {
  const addresses = wantedAddresses(request.addresses);
  const domains = wantedDomains(request.domains);
  const limit = Math.floor(request.recentActivities ?? 0);
  if (addresses.length === 0 && domains.length === 0) return undefined;
  // Converted leads are shown through the contact they became: their history is not asked for.
  const recent =
    limit > 0
      ? sql`, (select json_agg(r order by ${RECENT_ACTIVITY_ORDER})
                 from (${recentActivitiesSql(sql`select kind, id from people where not (kind = 'lead' and converted)`, limit, request.hideImported ?? false)}) r
              ) as activities`
      : sql``;
  return sql<LookupRow>`
    with people as (${peopleByAddressesSql(addresses)}),
    by_domain as (${accountsSql(sql`in (${accountIdsByDomainsSql(domains)})`)}),
    people_accounts as (select distinct account_id from people where account_id is not null),
    of_people as (${accountsSql(sql`in (select account_id from people_accounts where account_id not in (select id from by_domain))`)})
    select (select json_agg(p order by p.created_at, p.id) from people p) as people,
           (select json_agg(a order by a.id) from by_domain a) as by_domain,
           (select json_agg(a order by a.id) from of_people a) as of_people,
           (select json_agg(o order by ${OPPORTUNITY_ORDER})
              from (${openOpportunitiesSql(sql`in (select id from by_domain union select account_id from people_accounts)`)}) o
           ) as opportunities,
           (select json_agg(t.address order by t.address)
              from crm_tombstones t where t.address = any(${textArray(addresses)})) as tombstones
           ${recent}
  `;
}

function toLookup(row: ReadRow<LookupRow> | undefined, request: CrmLookupAlongsideRequest): CrmLookup {
  const lookup: CrmLookup = {
    people: (row?.people ?? []).map(toPerson),
    accounts: [...(row?.by_domain ?? []), ...(row?.of_people ?? [])].map(toAccount),
    opportunities: (row?.opportunities ?? []).map(toOpportunity),
    tombstones: row?.tombstones ?? [],
  };
  if (request.recentActivities !== undefined)
    lookup.activities = groupRecentActivities(row?.activities ?? []);
  return lookup;
}

export async function lookupContext(db: Kysely<Database>, request: CrmLookupRequest): Promise<CrmLookup> {
  const statement = lookupSql(request);
  if (!statement) return toLookup(EMPTY, request);
  const rows = await cachedPlanRows(db, compileRead(db, statement));
  return toLookup(rows[0], request);
}

/**
 * `lookupContext` and `alongside` (a one-row read of Liaison's own tables, in the same database) in one statement:
 * the sidebar's two reads in one round trip. `hideImported` may be a condition on Liaison's tables.
 */
export async function lookupContextAlongside<T>(
  db: Kysely<Database>,
  request: CrmLookupAlongsideRequest,
  alongside: RawBuilder<T>,
): Promise<{ lookup: CrmLookup; alongside: ReadRow<T> | undefined }> {
  const statement = lookupSql(request);
  if (!statement) {
    const rows = await cachedPlanRows(db, compileRead(db, alongside));
    return { lookup: toLookup(EMPTY, request), alongside: rows[0] };
  }
  const rows = await cachedPlanRows(
    db,
    compileRead(
      db,
      sql<{ crm: LookupRow; alongside: T }>`
        select to_json(c) as crm, to_json(a) as alongside from (${statement}) c, (${alongside}) a`,
    ),
  );
  const row = rows[0];
  return {
    lookup: toLookup(row?.crm as ReadRow<LookupRow> | undefined, request),
    alongside: row?.alongside as ReadRow<T> | undefined,
  };
}
