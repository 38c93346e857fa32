import { sql } from 'kysely';
import {
  DEMO_ADMIN,
  DEMO_INTERNAL_DOMAIN,
  seedDemoCrm,
  seedDemoOrganisation,
} from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { getOrganisation } from '../../../server/db/organisation-repo';
import { listUsers } from '../../../server/db/users-repo';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('demo seed on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('seeds an empty CRM once, with deterministic records', async () => {
    expect(await seedDemoCrm(t.db)).toBe(true);
    expect(await seedDemoCrm(t.db)).toBe(false);
    const count = async (table: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;
    expect(await count('crm_accounts')).toBe(4);
    expect(await count('crm_contacts')).toBe(7);
    expect(await count('crm_leads')).toBe(3);
    expect(await count('crm_opportunities')).toBe(6);
    expect(await count('crm_activities')).toBe(5);

    const crm = new EmbeddedCrm(t.db);
    const accounts = await crm.findAccountsByDomains([
      'acme.com',
      'globex.com',
      'initech.io',
      'umbrella.co.uk',
    ]);
    expect(accounts.map((a) => a.id)).toEqual(['acc-acme', 'acc-globex', 'acc-initech', 'acc-umbrella']);
    const people = await crm.findPeopleByEmails(['jane@acme.co.uk', 'hank.scorpio@gmail.com']);
    expect(people.map((p) => p.id)).toEqual(['con-jane-doe', 'con-hank-scorpio']);
    const opportunities = await crm.findOpenOpportunitiesByAccounts(accounts.map((a) => a.id));
    expect(new Set(opportunities.map((o) => o.ownerId))).toEqual(new Set(['usr-admin', 'usr-sam']));
    const closed = await t.db
      .selectFrom('crm_opportunities')
      .select('id')
      .where('closed', '=', true)
      .execute();
    expect(closed.length).toBeGreaterThan(0);
  });

  it('does not seed a CRM that already has data', async () => {
    await sql`delete from crm_accounts`.execute(t.db);
    // Contacts remain (their account link is cleared): the CRM is not empty.
    expect(await seedDemoCrm(t.db)).toBe(false);
  });

  it('sets the internal domain and creates the demo admin once', async () => {
    const admin = await seedDemoOrganisation(t.db);
    expect(admin).toMatchObject({
      id: DEMO_ADMIN.userId,
      addresses: [DEMO_ADMIN.address],
      crmUserId: DEMO_ADMIN.crmUserId,
      role: 'admin',
    });
    expect((await getOrganisation(t.db)).internalDomains).toEqual([DEMO_INTERNAL_DOMAIN]);
    expect(await seedDemoOrganisation(t.db)).toBeUndefined();
    expect(await listUsers(t.db)).toHaveLength(1);
  });
});
