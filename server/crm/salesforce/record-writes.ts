// Creating contacts (under their account) and leads (Company from the domain when not given), in
// collections of 200: one query first for addresses that already have a record, and after a timeout
// the addresses are looked up again before anything is sent twice.
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

/**
 * The oldest live record of this type (leads: not converted) holding each address in any email field.
 * `newest` instead after a timeout, to recognise the record that request made.
 */
async function liveOwners(
  client: SalesforceClient,
  type: 'Contact' | 'Lead',
  fields: readonly string[],
  emails: string[],
  newest = false,
): Promise<Map<string, string>> {
  const wanted = [...new Set(emails)];
  const owners = new Map<string, string>();
  if (wanted.length === 0) return owners;
  const order = newest ? 'DESC' : 'ASC';
  const rows = await client.queryChunked<SfRow, string>(
    wanted,
    (chunk) =>
      `SELECT Id, ${fields.join(', ')} FROM ${type} WHERE ${type === 'Lead' ? 'IsConverted = false AND ' : ''}${emailFilter(fields, chunk)} ORDER BY CreatedDate ${order}, Id ${order}`,
  );
  for (const r of rows) {
    for (const f of fields) {
      const e = normalizeAddress(text(r, f));
      if (e && !owners.has(e)) owners.set(e, String(r.Id));
    }
  }
  return owners;
}

/**
 * An address that already has a live record of the type answers with it (`created: false`), as the embedded
 * CRM does; repeats in the batch share one new record; the rest are created, reconciled after a timeout.
 */
async function createPeople(
  client: SalesforceClient,
  type: 'Contact' | 'Lead',
  fields: readonly string[],
  emails: string[],
  records: Record<string, unknown>[],
  knownAbsent: (email: string) => boolean,
): Promise<CreateResult[]> {
  const results: (CreateResult | undefined)[] = records.map(() => undefined);
  const existing = await liveOwners(
    client,
    type,
    fields,
    emails.filter((e) => !knownAbsent(e)),
  );
  const first = new Map<string, number>();
  const toCreate: number[] = [];
  emails.forEach((e, i) => {
    const id = existing.get(e);
    if (id) results[i] = { ok: true, id, created: false };
    else if (!first.has(e)) {
      first.set(e, i);
      toCreate.push(i);
    }
  });
  const outcomes = await createReliably(
    client,
    type,
    toCreate.map((i) => records[i] as Record<string, unknown>),
    {
      lookup: async (indexes) => {
        const found = await liveOwners(
          client,
          type,
          fields,
          indexes.map((j) => emails[toCreate[j] as number] as string),
          true,
        );
        const out = new Map<number, string>();
        for (const j of indexes) {
          const id = found.get(emails[toCreate[j] as number] as string);
          if (id) out.set(j, id);
        }
        return out;
      },
      onDuplicate: 'fail',
    },
  );
  toResults(outcomes).forEach((r, j) => {
    results[toCreate[j] as number] = r;
  });
  return emails.map((e, i) => {
    const r = results[i] ?? results[first.get(e) as number];
    if (!r) return { ok: false, error: 'NOT_SAVED' };
    return results[i] || !r.ok ? r : { ok: true, id: r.id, created: false };
  });
}

/** `knownAbsent`: addresses a lookup just showed without such a record need no existence check. */
export async function createContacts(
  client: SalesforceClient,
  o: ResolvedOptions,
  items: NewContact[],
  knownAbsent: (email: string) => boolean = () => false,
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
    if (it.phone && o.visible('Contact.Phone')) rec.Phone = clip(it.phone, 40);
    if (it.mobilePhone && o.visible('Contact.MobilePhone')) rec.MobilePhone = clip(it.mobilePhone, 40);
    if (it.accountId) rec.AccountId = it.accountId;
    if (it.ownerId) rec.OwnerId = it.ownerId;
    return rec;
  });
  return createPeople(client, 'Contact', o.contactEmailFields, emails, records, knownAbsent);
}

export async function createLeads(
  client: SalesforceClient,
  o: ResolvedOptions,
  items: NewLead[],
  knownAbsent: (email: string) => boolean = () => false,
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
    if (it.phone && o.visible('Lead.Phone')) rec.Phone = clip(it.phone, 40);
    if (it.mobilePhone && o.visible('Lead.MobilePhone')) rec.MobilePhone = clip(it.mobilePhone, 40);
    if (it.ownerId) rec.OwnerId = it.ownerId;
    return rec;
  });
  return createPeople(client, 'Lead', o.leadEmailFields, emails, records, knownAbsent);
}
