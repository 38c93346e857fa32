// Display fields for records (names, titles, stages…) and search by name or email.
import { sql, type Kysely } from 'kysely';
import { recordKey, type RecordDetails, type RecordRef } from '../../../src';
import type { Database } from '../../db/database-types';
import type { SearchHit } from '../crm-adapter';
import { fullName, likePattern, textArray, unique } from './sql-helpers';

interface DetailsRow {
  kind: RecordRef['kind'];
  id: string;
  name: string;
  title: string | null;
  company: string | null;
  stage: string | null;
  amount: number | string | null;
  close_date: string | null;
}

/** The embedded CRM keeps amounts in one currency, the demo's (its import takes plain numbers as such). */
export const EMBEDDED_CURRENCY = 'USD';

/** One query for all four kinds; unknown records are left out. */
export async function getRecordDetails(
  db: Kysely<Database>,
  refs: RecordRef[],
  recordUrl?: (ref: RecordRef) => string | undefined,
): Promise<Record<string, RecordDetails>> {
  const result: Record<string, RecordDetails> = {};
  if (refs.length === 0) return result;
  const ids = (kind: RecordRef['kind']) =>
    textArray(unique(refs.filter((r) => r?.kind === kind).map((r) => r.id)));
  const { rows } = await sql<DetailsRow>`
    select 'contact' as kind, id, trim(first_name || ' ' || last_name) as name, title, null as company,
           null as stage, null::float8 as amount, null as close_date
      from crm_contacts where id = any(${ids('contact')})
    union all
    select 'lead', id, trim(first_name || ' ' || last_name), title, company, null, null, null
      from crm_leads where id = any(${ids('lead')})
    union all
    select 'account', id, name, null, null, null, null, null
      from crm_accounts where id = any(${ids('account')})
    union all
    select 'opportunity', id, name, null, null, stage, amount::float8, to_char(close_date, 'YYYY-MM-DD')
      from crm_opportunities where id = any(${ids('opportunity')})
  `.execute(db);
  for (const row of rows) {
    const ref = { kind: row.kind, id: row.id };
    const details: RecordDetails = { name: row.name };
    if (row.title) details.title = row.title;
    if (row.company) details.company = row.company;
    if (row.stage) details.stage = row.stage;
    if (row.amount !== null) {
      details.amount = Number(row.amount);
      details.currency = EMBEDDED_CURRENCY;
    }
    if (row.close_date) details.closeDate = row.close_date;
    const url = recordUrl?.(ref);
    if (url) details.url = url;
    result[recordKey(ref)] = details;
  }
  return result;
}

interface SearchRow {
  kind: RecordRef['kind'];
  id: string;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  email: string | null;
  subtitle: string | null;
  exact: boolean;
}

/**
 * Live records whose name or email contains the text, case-insensitively: people first when their
 * email is exactly the text, then by name. Blacklisted people are found too (rulebook, section 5).
 */
export async function search(db: Kysely<Database>, query: string, limit = 20): Promise<SearchHit[]> {
  const text = query.trim().toLowerCase();
  if (text.length < 2) return [];
  const like = likePattern(text);
  const { rows } = await sql<SearchRow>`
    select * from (
      select 'contact' as kind, c.id, c.first_name, c.last_name, null as name,
             (select e.address from crm_contact_emails e where e.contact_id = c.id
               order by e.is_primary desc, e.address limit 1) as email,
             a.name as subtitle,
             exists (select 1 from crm_contact_emails e where e.contact_id = c.id and e.address = ${text}) as exact
        from crm_contacts c left join crm_accounts a on a.id = c.account_id
       where not c.deleted
         and (lower(c.first_name || ' ' || c.last_name) like ${like}
              or exists (select 1 from crm_contact_emails e where e.contact_id = c.id and e.address like ${like}))
      union all
      select 'lead', l.id, l.first_name, l.last_name, null,
             (select e.address from crm_lead_emails e where e.lead_id = l.id
               order by e.is_primary desc, e.address limit 1),
             l.company,
             exists (select 1 from crm_lead_emails e where e.lead_id = l.id and e.address = ${text})
        from crm_leads l
       where not l.deleted and not l.converted
         and (lower(l.first_name || ' ' || l.last_name) like ${like} or lower(coalesce(l.company, '')) like ${like}
              or exists (select 1 from crm_lead_emails e where e.lead_id = l.id and e.address like ${like}))
      union all
      select 'account', a.id, null, null, a.name, null,
             (select min(d.domain) from crm_account_domains d where d.account_id = a.id),
             exists (select 1 from crm_account_domains d where d.account_id = a.id and d.domain = ${text})
        from crm_accounts a
       where not a.deleted
         and (lower(a.name) like ${like}
              or exists (select 1 from crm_account_domains d where d.account_id = a.id and d.domain like ${like}))
      union all
      select 'opportunity', o.id, null, null, o.name, null, a.name, false
        from crm_opportunities o join crm_accounts a on a.id = o.account_id
       where lower(o.name) like ${like}
    ) hits
    order by exact desc, lower(coalesce(name, trim(first_name || ' ' || last_name))), kind, id
    limit ${Math.max(1, Math.min(100, Math.floor(limit)))}
  `.execute(db);
  return rows.map((row) => {
    const hit: SearchHit = {
      ref: { kind: row.kind, id: row.id },
      name: row.name ?? fullName(row.first_name, row.last_name),
    };
    if (row.email) hit.email = row.email;
    if (row.subtitle) hit.subtitle = row.subtitle;
    return hit;
  });
}
