import type { CrmAdapter, CrmLookup, CrmLookupRequest } from '../crm/crm-adapter';

// The CRM records a batch's addresses concern: in one round trip where the CRM offers `lookupContext` (the
// embedded CRM), otherwise with its batched calls, people, accounts and tombstones in one parallel round, then
// opportunities (and the accounts people are linked to that their domains did not name) and recent activities.

export async function lookupCrm(crm: CrmAdapter, request: CrmLookupRequest): Promise<CrmLookup> {
  if (crm.lookupContext) return crm.lookupContext(request);
  const { addresses, domains } = request;
  const [people, accounts, tombstones] = await Promise.all([
    addresses.length ? crm.findPeopleByEmails(addresses) : Promise.resolve([]),
    domains.length ? crm.findAccountsByDomains(domains) : Promise.resolve([]),
    addresses.length ? crm.findTombstones(addresses) : Promise.resolve([]),
  ]);
  // Rule 11 looks at the accounts of linked contacts too, which their domain may not name (a contact at gmail.com).
  const accountIds = [
    ...new Set([...accounts.map((a) => a.id), ...people.flatMap((p) => (p.accountId ? [p.accountId] : []))]),
  ];
  const known = new Set(accounts.map((a) => a.id));
  const unknown = accountIds.filter((id) => !known.has(id));
  // Converted leads are shown through the contact they became: their history is not asked for.
  const personRefs = people
    .filter((p) => !(p.kind === 'lead' && p.converted))
    .map((p) => ({ kind: p.kind, id: p.id }));
  const limit = request.recentActivities;
  const [opportunities, extraAccounts, activities] = await Promise.all([
    accountIds.length ? crm.findOpenOpportunitiesByAccounts(accountIds) : Promise.resolve([]),
    unknown.length ? crm.findAccountsByIds(unknown) : Promise.resolve([]),
    limit !== undefined && personRefs.length
      ? crm.recentActivities(personRefs, limit, { hideImported: request.hideImported === true })
      : Promise.resolve({}),
  ]);
  const lookup: CrmLookup = { people, accounts: [...accounts, ...extraAccounts], opportunities, tombstones };
  if (limit !== undefined) lookup.activities = activities;
  return lookup;
}
