// Contacts and leads by many addresses: one SOQL statement per object (chunked under the URI limit) over
// every configured email field, through queryAll so soft-deleted people come back flagged (rule 8).
import { normalizeAddress } from '../../../src';
import type { CrmPersonRecord } from '../crm-adapter';
import type { SalesforceClient } from './salesforce-client';
import type { ResolvedOptions } from './salesforce-options';
import { soqlList } from './soql-literals';
import { isoDate, text, unique, type SfRow } from './sf-values';

/** Addresses longer than this are not addresses (RFC 5321) and never reach a query. */
const MAX_ADDRESS = 254;

export function wantedAddresses(addresses: readonly string[]): string[] {
  return unique(addresses.map(normalizeAddress)).filter(
    (a) => a !== '' && a.length <= MAX_ADDRESS && a.includes('@'),
  );
}

/** `(F1 IN (…) OR F2 IN (…))` over the email fields. */
export function emailFilter(fields: readonly string[], chunk: string[]): string {
  const list = soqlList(chunk);
  return `(${fields.map((f) => `${f} IN ${list}`).join(' OR ')})`;
}

function emailsOf(row: SfRow, fields: readonly string[]): { address: string; primary: boolean }[] {
  const out: { address: string; primary: boolean }[] = [];
  fields.forEach((f, i) => {
    const address = normalizeAddress(text(row, f));
    if (address && !out.some((e) => e.address === address)) out.push({ address, primary: i === 0 });
  });
  return out;
}

export async function queryContacts(
  client: SalesforceClient,
  o: ResolvedOptions,
  addresses: string[],
  filter = '',
): Promise<CrmPersonRecord[]> {
  const title = o.visible('Contact.Title') ? ['Title'] : [];
  const select = unique([
    'Id',
    'Name',
    ...title,
    'AccountId',
    'OwnerId',
    'CreatedDate',
    'IsDeleted',
    ...o.contactEmailFields,
  ]);
  const rows = await client.queryChunked<SfRow, string>(
    addresses,
    (chunk) =>
      `SELECT ${select.join(', ')} FROM Contact WHERE ${filter}${emailFilter(o.contactEmailFields, chunk)}`,
    o.includeDeletedPeople,
  );
  return rows.map((row) => {
    const p: CrmPersonRecord = {
      id: String(row.Id),
      kind: 'contact',
      emails: emailsOf(row, o.contactEmailFields),
      createdAt: isoDate(row.CreatedDate),
      deleted: row.IsDeleted === true,
      name: text(row, 'Name') ?? '',
    };
    const accountId = text(row, 'AccountId');
    if (accountId) p.accountId = accountId;
    const title = text(row, 'Title');
    if (title) p.title = title;
    const owner = text(row, 'OwnerId');
    if (owner) p.ownerId = owner;
    return p;
  });
}

export async function queryLeads(
  client: SalesforceClient,
  o: ResolvedOptions,
  addresses: string[],
): Promise<CrmPersonRecord[]> {
  const title = o.visible('Lead.Title') ? ['Title'] : [];
  const select = unique([
    'Id',
    'Name',
    ...title,
    'Company',
    'OwnerId',
    'CreatedDate',
    'IsDeleted',
    'IsConverted',
    ...o.leadEmailFields,
  ]);
  const rows = await client.queryChunked<SfRow, string>(
    addresses,
    (chunk) => `SELECT ${select.join(', ')} FROM Lead WHERE ${emailFilter(o.leadEmailFields, chunk)}`,
    o.includeDeletedPeople,
  );
  return rows.map((row) => {
    const p: CrmPersonRecord = {
      id: String(row.Id),
      kind: 'lead',
      emails: emailsOf(row, o.leadEmailFields),
      createdAt: isoDate(row.CreatedDate),
      converted: row.IsConverted === true,
      deleted: row.IsDeleted === true,
      name: text(row, 'Name') ?? '',
    };
    const title = text(row, 'Title');
    if (title) p.title = title;
    const company = text(row, 'Company');
    if (company) p.company = company;
    const owner = text(row, 'OwnerId');
    if (owner) p.ownerId = owner;
    return p;
  });
}

/** Contacts and leads having any of the addresses, ordered as the rules list them (createdAt, then id). */
export async function findPeopleByEmails(
  client: SalesforceClient,
  o: ResolvedOptions,
  addresses: string[],
): Promise<CrmPersonRecord[]> {
  const wanted = wantedAddresses(addresses);
  if (wanted.length === 0) return [];
  const contacts = await queryContacts(client, o, wanted);
  const leads = await queryLeads(client, o, wanted);
  return [...contacts, ...leads].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
