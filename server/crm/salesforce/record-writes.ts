// Creating contacts (under their account) and leads (Company from the domain when not given), in
// collections of 200; a timeout is reconciled by looking the addresses up before sending again.
import { companyFromDomain, nameParts, normalizeAddress } from '../../../src';
import type { CreateResult, NewContact, NewLead } from '../crm-adapter';
import { createReliably, type CreateOutcome } from './reliable-create';
import type { SalesforceClient } from './salesforce-client';
import type { ResolvedOptions } from './salesforce-options';
import { emailFilter } from './people-reads';
import { text, type SfRow } from './sf-values';

const NAME_MAX = 80;
const clip = (s: string | undefined, max: number) => (s ?? '').trim().slice(0, max);

function names(item: { email: string; firstName?: string; lastName?: string }): {
  FirstName?: string;
  LastName: string;
} {
  const guess = nameParts(undefined, item.email);
  const last = clip(item.lastName, NAME_MAX) || clip(guess.lastName, NAME_MAX) || 'Unknown';
  const first = item.lastName
    ? clip(item.firstName, 40)
    : clip(item.firstName, 40) || clip(guess.firstName, 40);
  return first ? { FirstName: first, LastName: last } : { LastName: last };
}

function toResults(outcomes: CreateOutcome[]): CreateResult[] {
  return outcomes.map((o) =>
    o.status === 'failed'
      ? { ok: false, error: `${o.code}: ${o.message}` }
      : { ok: true, id: o.id, created: o.status === 'created' },
  );
}

/** After a timeout: the newest record of this type holding each address, by input index. */
function lookupByEmail(
  client: SalesforceClient,
  type: 'Contact' | 'Lead',
  field: string,
  emails: string[],
): (indexes: number[]) => Promise<Map<number, string>> {
  return async (indexes) => {
    const wanted = [...new Set(indexes.map((i) => emails[i] as string))];
    const rows = await client.queryChunked<SfRow, string>(
      wanted,
      (chunk) =>
        `SELECT Id, ${field} FROM ${type} WHERE ${emailFilter([field], chunk)} ORDER BY CreatedDate DESC, Id DESC`,
    );
    const byEmail = new Map<string, string>();
    for (const r of rows) {
      const e = normalizeAddress(text(r, field));
      if (e && !byEmail.has(e)) byEmail.set(e, String(r.Id));
    }
    const out = new Map<number, string>();
    for (const i of indexes) {
      const id = byEmail.get(emails[i] as string);
      if (id) out.set(i, id);
    }
    return out;
  };
}

export async function createContacts(
  client: SalesforceClient,
  o: ResolvedOptions,
  items: NewContact[],
): Promise<CreateResult[]> {
  if (items.length === 0) return [];
  const [primary, ...extra] = o.contactEmailFields as [string, ...string[]];
  const emails = items.map((it) => normalizeAddress(it.email));
  const records = items.map((it, i) => {
    const rec: Record<string, unknown> = { ...names(it), [primary]: emails[i] };
    (it.additionalEmails ?? []).slice(0, extra.length).forEach((e, k) => {
      rec[extra[k] as string] = normalizeAddress(e);
    });
    if (it.title && o.visible('Contact.Title')) rec.Title = clip(it.title, 128);
    if (it.accountId) rec.AccountId = it.accountId;
    if (it.ownerId) rec.OwnerId = it.ownerId;
    return rec;
  });
  const outcomes = await createReliably(client, 'Contact', records, {
    lookup: lookupByEmail(client, 'Contact', primary, emails),
    onDuplicate: 'fail',
  });
  return toResults(outcomes);
}

export async function createLeads(
  client: SalesforceClient,
  o: ResolvedOptions,
  items: NewLead[],
): Promise<CreateResult[]> {
  if (items.length === 0) return [];
  const primary = o.leadEmailFields[0] as string;
  const emails = items.map((it) => normalizeAddress(it.email));
  const records = items.map((it, i) => {
    const rec: Record<string, unknown> = {
      ...names(it),
      [primary]: emails[i],
      Company: clip(it.company, 255) || companyFromDomain(emails[i] as string) || 'Unknown',
    };
    if (it.title && o.visible('Lead.Title')) rec.Title = clip(it.title, 128);
    if (it.ownerId) rec.OwnerId = it.ownerId;
    return rec;
  });
  const outcomes = await createReliably(client, 'Lead', records, {
    lookup: lookupByEmail(client, 'Lead', primary, emails),
    onDuplicate: 'fail',
  });
  return toResults(outcomes);
}
