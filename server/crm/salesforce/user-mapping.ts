// Each Liaison user acts in Salesforce as a Salesforce User (owner of saved activities, "opportunities I
// own"): found by email in one query for everyone, unless the admin set it by hand.
import { normalizeAddress } from '../../../src';
import type { SalesforceClient } from './salesforce-client';
import { soqlList, isSalesforceId } from './soql-literals';
import { text, type SfRow } from './sf-values';

export interface LiaisonUserForMapping {
  id: string;
  /** The user's mailbox addresses, the primary first. */
  addresses: string[];
  /** A Salesforce User id set by the admin: wins over the email match. */
  override?: string;
}

export interface UserMapping {
  /** Salesforce User id, or null when no active user has any of the addresses. */
  crmUserId: string | null;
  source: 'override' | 'email' | 'none';
  name?: string;
}

export async function mapUsersByEmail(
  client: SalesforceClient,
  users: LiaisonUserForMapping[],
): Promise<Record<string, UserMapping>> {
  const out: Record<string, UserMapping> = {};
  const toFind = users.filter((u) => !(u.override && isSalesforceId(u.override)));
  for (const u of users)
    if (!toFind.includes(u)) out[u.id] = { crmUserId: u.override as string, source: 'override' };
  const addresses = [
    ...new Set(toFind.flatMap((u) => u.addresses.map(normalizeAddress)).filter((a) => a.includes('@'))),
  ];
  const rows = addresses.length
    ? await client.queryChunked<SfRow, string>(
        addresses,
        (chunk) =>
          `SELECT Id, Name, Email, IsActive FROM User WHERE Email IN ${soqlList(chunk)} ORDER BY IsActive DESC, CreatedDate, Id`,
      )
    : [];
  const byEmail = new Map<string, SfRow>();
  for (const r of rows) {
    const e = normalizeAddress(text(r, 'Email'));
    if (e && !byEmail.has(e) && r.IsActive !== false) byEmail.set(e, r);
  }
  for (const u of toFind) {
    const row = u.addresses.map((a) => byEmail.get(normalizeAddress(a))).find(Boolean);
    out[u.id] = row
      ? {
          crmUserId: String(row.Id),
          source: 'email',
          ...(text(row, 'Name') ? { name: text(row, 'Name') as string } : {}),
        }
      : { crmUserId: null, source: 'none' };
  }
  return out;
}
