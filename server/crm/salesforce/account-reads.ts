// Accounts by domain and open opportunities by account. Website holds free text (`https://www.acme.com/en`,
// `acme.com`), which SOQL cannot compare to a domain, so the query prefilters with escaped LIKE '%domain%'
// and the exact host match (tldts, `www.` stripped) happens here.
import { currencyFields, currencyForAmounts, currencyOf, type OrgCurrency } from './org-currency';
import { getHostname } from 'tldts';
import { normalizeDomain } from '../../../src';
import type { CrmAccountRecord, CrmOpportunityRecord } from '../crm-adapter';
import type { SalesforceClient } from './salesforce-client';
import type { ResolvedOptions } from './salesforce-options';
import { isSalesforceId, soqlLike, soqlList } from './soql-literals';
import { isoDate, text, unique, type SfRow } from './sf-values';

/** The host a Website value names, lower-case, without `www.`; '' when it names none. */
export function websiteDomain(website: string): string {
  const host = getHostname(website.trim().toLowerCase(), { validHosts: ['localhost'] }) ?? '';
  const domain = normalizeDomain(host.replace(/^www\./, ''));
  return domain.includes('.') ? domain : '';
}

/** Every domain an account row declares, from Website and the configured domain field. */
export function accountDomains(row: SfRow, o: ResolvedOptions): string[] {
  const out: string[] = [];
  const website = o.accountWebsite ? text(row, 'Website') : undefined;
  if (website) out.push(websiteDomain(website));
  const field = o.accountDomainField ? text(row, o.accountDomainField) : undefined;
  if (field) out.push(...field.split(/[\s,;]+/).map((d) => websiteDomain(d)));
  return unique(out.filter((d) => d !== '')).sort();
}

function accountSelect(o: ResolvedOptions): string {
  return unique([
    'Id',
    'Name',
    ...(o.accountWebsite ? ['Website'] : []),
    ...(o.accountDomainField ? [o.accountDomainField] : []),
  ]).join(', ');
}

const toAccount = (row: SfRow, o: ResolvedOptions): CrmAccountRecord => ({
  id: String(row.Id),
  name: text(row, 'Name') ?? '',
  domains: accountDomains(row, o),
});

export async function findAccountsByDomains(
  client: SalesforceClient,
  o: ResolvedOptions,
  domains: string[],
): Promise<CrmAccountRecord[]> {
  const wanted = unique(domains.map(normalizeDomain)).filter((d) => d.includes('.') && d.length <= 253);
  if (wanted.length === 0) return [];
  const fields = [
    ...(o.accountWebsite ? ['Website'] : []),
    ...(o.accountDomainField ? [o.accountDomainField] : []),
  ];
  const rows = await client.queryChunked<SfRow, string>(
    wanted,
    (chunk) =>
      `SELECT ${accountSelect(o)} FROM Account WHERE ${chunk
        .flatMap((d) => fields.map((f) => `${f} LIKE ${soqlLike(d, '%', '%')}`))
        .join(' OR ')}`,
  );
  const set = new Set(wanted);
  const seen = new Set<string>();
  const out: CrmAccountRecord[] = [];
  for (const row of rows) {
    const account = toAccount(row, o);
    if (seen.has(account.id) || !account.domains.some((d) => set.has(d))) continue;
    seen.add(account.id);
    out.push(account);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function validIds(ids: readonly string[]): string[] {
  return unique(ids.filter((id) => typeof id === 'string' && isSalesforceId(id)));
}

export async function findAccountsByIds(
  client: SalesforceClient,
  o: ResolvedOptions,
  ids: string[],
): Promise<CrmAccountRecord[]> {
  const wanted = validIds(ids);
  if (wanted.length === 0) return [];
  const rows = await client.queryChunked<SfRow, string>(
    wanted,
    (chunk) => `SELECT ${accountSelect(o)} FROM Account WHERE Id IN ${soqlList(chunk)}`,
  );
  return rows.map((r) => toAccount(r, o)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Open opportunities on the accounts (optionally only those some users own), newest first, then largest id. */
export async function findOpenOpportunities(
  client: SalesforceClient,
  o: ResolvedOptions,
  accountIds: string[],
  ownerIds?: string[],
  /** Given when the amounts are shown: each gets the CRM's currency. */
  currency?: OrgCurrency,
): Promise<CrmOpportunityRecord[]> {
  const wanted = validIds(accountIds);
  if (wanted.length === 0) return [];
  const owners = ownerIds && validIds(ownerIds);
  if (owners && owners.length === 0) return [];
  const amounts = await currencyForAmounts(currency, o.visible('Opportunity.Amount'));
  const select = unique([
    'Id',
    'Name',
    'AccountId',
    'OwnerId',
    'StageName',
    'CloseDate',
    'IsClosed',
    'CreatedDate',
    ...(o.visible('Opportunity.Amount') ? ['Amount'] : []),
    ...currencyFields(amounts),
  ]);
  const ownerFilter = owners ? ` AND OwnerId IN ${soqlList(owners)}` : '';
  const rows = await client.queryChunked<SfRow, string>(
    wanted,
    (chunk) =>
      `SELECT ${select.join(', ')} FROM Opportunity WHERE IsClosed = false${ownerFilter} AND AccountId IN ${soqlList(chunk)} ORDER BY CreatedDate DESC, Id DESC`,
  );
  const out = rows.map((row) => {
    const opp: CrmOpportunityRecord = {
      id: String(row.Id),
      accountId: text(row, 'AccountId') ?? '',
      ownerId: text(row, 'OwnerId') ?? '',
      createdAt: isoDate(row.CreatedDate),
      closed: row.IsClosed === true,
      name: text(row, 'Name') ?? '',
      stage: text(row, 'StageName') ?? '',
    };
    const amount = row.Amount;
    if (typeof amount === 'number') {
      opp.amount = amount;
      const code = currencyOf(row, amounts);
      if (code) opp.currency = code;
    }
    const close = text(row, 'CloseDate');
    if (close) opp.closeDate = close;
    return opp;
  });
  return out.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}
