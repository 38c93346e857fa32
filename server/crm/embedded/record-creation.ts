// Creating contacts and leads in batches. An address that already belongs to a live record of the
// same kind answers with that record (`created: false`) instead of making a duplicate.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPlainAddrSpec, nameParts, normalizeAddress } from '../../../src';
import type { Database } from '../../db/database-types';
import type { CreateResult, NewContact, NewLead } from '../crm-adapter';
import { textArray, unique } from './sql-helpers';

type Planned<T> = { index: number; email: string; item: T; id: string };

export async function createContacts(db: Kysely<Database>, items: NewContact[]): Promise<CreateResult[]> {
  return db.transaction().execute(async (trx) => {
    const results: CreateResult[] = new Array(items.length);
    const accountIds = unique(items.map((i) => i?.accountId).filter((id): id is string => !!id));
    const knownAccounts = new Set(
      accountIds.length === 0
        ? []
        : (
            await trx
              .selectFrom('crm_accounts')
              .select('id')
              .where('id', '=', sql<string>`any(${textArray(accountIds)})`)
              .where('deleted', '=', false)
              .execute()
          ).map((r) => r.id),
    );
    const plan = await planCreation(trx, 'contact', items, results, (item) => {
      if (item.accountId && !knownAccounts.has(item.accountId)) return `Unknown account ${item.accountId}`;
      const bad = (item.additionalEmails ?? []).find((a) => !isPlainAddrSpec(normalizeAddress(a)));
      return bad === undefined ? undefined : `Invalid email address "${bad}"`;
    });
    if (plan.length === 0) return results;
    await trx
      .insertInto('crm_contacts')
      .values(
        plan.map(({ id, email, item }) => ({
          id,
          ...names(item, email),
          title: item.title ?? null,
          phone: item.phone ?? null,
          mobile_phone: item.mobilePhone ?? null,
          account_id: item.accountId ?? null,
          owner_id: item.ownerId ?? null,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_contact_emails')
      .values(
        plan.flatMap(({ id, email, item }) =>
          unique([email, ...(item.additionalEmails ?? []).map(normalizeAddress)]).map((address) => ({
            contact_id: id,
            address,
            is_primary: address === email,
          })),
        ),
      )
      .execute();
    return results;
  });
}

export async function createLeads(db: Kysely<Database>, items: NewLead[]): Promise<CreateResult[]> {
  return db.transaction().execute(async (trx) => {
    const results: CreateResult[] = new Array(items.length);
    const plan = await planCreation(trx, 'lead', items, results, () => undefined);
    if (plan.length === 0) return results;
    await trx
      .insertInto('crm_leads')
      .values(
        plan.map(({ id, email, item }) => ({
          id,
          ...names(item, email),
          company: item.company ?? null,
          title: item.title ?? null,
          phone: item.phone ?? null,
          mobile_phone: item.mobilePhone ?? null,
          owner_id: item.ownerId ?? null,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_lead_emails')
      .values(plan.map(({ id, email }) => ({ lead_id: id, address: email, is_primary: true })))
      .execute();
    return results;
  });
}

/**
 * Fills `results` for invalid items and for addresses that already have a live record (or appear
 * twice in the batch), and returns what is left to insert, with new ids already in `results`.
 */
async function planCreation<T extends { email: string }>(
  db: Kysely<Database>,
  kind: 'contact' | 'lead',
  items: T[],
  results: CreateResult[],
  check: (item: T) => string | undefined,
): Promise<Planned<T>[]> {
  const candidates: { index: number; email: string; item: T }[] = [];
  items.forEach((item, index) => {
    const email = normalizeAddress(item?.email);
    const error = !isPlainAddrSpec(email) ? `Invalid email address "${String(item?.email)}"` : check(item);
    if (error) results[index] = { ok: false, error };
    else candidates.push({ index, email, item });
  });
  const existing = await liveOwners(
    db,
    kind,
    candidates.map((c) => c.email),
  );
  const plan: Planned<T>[] = [];
  for (const c of candidates) {
    const id = existing.get(c.email);
    if (id) {
      results[c.index] = { ok: true, id, created: false };
      continue;
    }
    const row = { ...c, id: `${kind === 'contact' ? 'con' : 'lea'}-${randomUUID()}` };
    existing.set(c.email, row.id);
    plan.push(row);
    results[c.index] = { ok: true, id: row.id, created: true };
  }
  return plan;
}

/** The oldest live (not deleted, not converted) record of the kind owning each address. */
async function liveOwners(
  db: Kysely<Database>,
  kind: 'contact' | 'lead',
  emails: string[],
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  if (emails.length === 0) return owners;
  const list = textArray(unique(emails));
  const { rows } =
    kind === 'contact'
      ? await sql<{ address: string; id: string }>`
          select e.address, c.id from crm_contact_emails e join crm_contacts c on c.id = e.contact_id
           where e.address = any(${list}) and not c.deleted order by c.created_at desc, c.id desc`.execute(db)
      : await sql<{ address: string; id: string }>`
          select e.address, l.id from crm_lead_emails e join crm_leads l on l.id = e.lead_id
           where e.address = any(${list}) and not l.deleted and not l.converted
           order by l.created_at desc, l.id desc`.execute(db);
  for (const row of rows) owners.set(row.address, row.id); // the last write is the oldest record
  return owners;
}

function names(item: { firstName?: string; lastName?: string }, email: string) {
  if (item.firstName !== undefined || item.lastName !== undefined) {
    return { first_name: item.firstName ?? '', last_name: item.lastName ?? '' };
  }
  const guessed = nameParts(undefined, email);
  return { first_name: guessed.firstName, last_name: guessed.lastName };
}

/** Soft-deletes contacts and remembers their addresses, so autosharing never re-creates them. */
export async function deleteContacts(db: Kysely<Database>, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .updateTable('crm_contacts')
      .set({ deleted: true })
      .where('id', '=', sql<string>`any(${textArray(unique(ids))})`)
      .where('deleted', '=', false)
      .returning('id')
      .execute();
    if (deleted.length === 0) return 0;
    await sql`
      insert into crm_tombstones (address)
      select distinct address from crm_contact_emails where contact_id = any(${textArray(deleted.map((d) => d.id))})
      on conflict (address) do nothing
    `.execute(trx);
    return deleted.length;
  });
}
