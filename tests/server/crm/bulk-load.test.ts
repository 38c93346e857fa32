import { sql } from 'kysely';
import { bulkLoadCrm, syntheticCrm } from '../../../server/crm/embedded/bulk-load';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('bulk loading on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('loads thousands of contacts in batches, findable by every address', async () => {
    const data = syntheticCrm({ accounts: 50, contacts: 5_000, ownerId: 'usr-bench' });
    expect(await bulkLoadCrm(t.db, data, { batchSize: 700 })).toEqual({ accounts: 50, contacts: 5_000 });
    const counts = await sql<{ contacts: number; emails: number; domains: number }>`
      select (select count(*)::int from crm_contacts) as contacts,
             (select count(*)::int from crm_contact_emails) as emails,
             (select count(*)::int from crm_account_domains) as domains
    `.execute(t.db);
    expect(counts.rows[0]).toEqual({ contacts: 5_000, emails: 5_500, domains: 50 });

    const crm = new EmbeddedCrm(t.db);
    const people = await crm.findPeopleByEmails([
      'first.last4999@company49.example',
      'fl4990@alt-company40.example',
    ]);
    expect(people.map((p) => p.id).sort()).toEqual(['bench-con-4990', 'bench-con-4999']);
    expect(people.find((p) => p.id === 'bench-con-4999')).toMatchObject({
      accountId: 'bench-acc-49',
      name: 'First4999 Last4999',
    });
  });

  it('loads nothing atomically when a row is bad', async () => {
    const contacts = [
      { id: 'dup', firstName: 'A', lastName: 'B', email: 'a@x.example' },
      { id: 'dup', firstName: 'C', lastName: 'D', email: 'c@x.example' },
    ];
    await expect(bulkLoadCrm(t.db, { contacts })).rejects.toThrow();
    const rows = await t.db.selectFrom('crm_contacts').select('id').where('id', '=', 'dup').execute();
    expect(rows).toEqual([]);
  });
});
