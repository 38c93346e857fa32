import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import type { Database } from '../../../server/db/database-types';
import { countingDb, type CountingDb } from '../../support/db/count-queries';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('embedded CRM lookups on %s', (backend) => {
  const t = useTestDatabase(backend);
  let crm: EmbeddedCrm;
  let counter: CountingDb<Database>;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    counter = countingDb(t.db);
    crm = new EmbeddedCrm(counter.db);
  });
  beforeEach(() => counter.reset());

  it('finds people by primary and additional emails, case-insensitively, in one query', async () => {
    const people = await crm.findPeopleByEmails([
      'JANE@acme.co.uk',
      ' hank.scorpio@gmail.com ',
      'bruce@wayne-enterprises.com',
      'nobody@acme.com',
    ]);
    expect(counter.count()).toBe(1);
    expect(people.map((p) => `${p.kind}:${p.id}`)).toEqual([
      'contact:con-jane-doe',
      'contact:con-hank-scorpio',
      'lead:lea-bruce-wayne',
    ]);
    expect(people[0]).toEqual({
      id: 'con-jane-doe',
      kind: 'contact',
      emails: [
        { address: 'jane.doe@acme.com', primary: true },
        { address: 'jane@acme.co.uk', primary: false },
      ],
      accountId: 'acc-acme',
      createdAt: '2025-03-01T09:00:00.000Z',
      deleted: false,
      name: 'Jane Doe',
      title: 'VP Purchasing',
      ownerId: 'usr-admin',
    });
    expect(people[2]).toMatchObject({ kind: 'lead', converted: false, company: 'Wayne Enterprises' });
    expect(people[2]).not.toHaveProperty('accountId');
  });

  it('returns soft-deleted contacts and converted leads, flagged', async () => {
    const people = await crm.findPeopleByEmails(['peter@initech.io', 'jane.doe@acme.com']);
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(byId.get('con-peter-gibbons')).toMatchObject({ kind: 'contact', deleted: true });
    expect(byId.get('lea-jane-doe-old')).toMatchObject({ kind: 'lead', converted: true, deleted: false });
    expect(byId.get('con-jane-doe')).toMatchObject({ kind: 'contact', deleted: false });
    // Oldest first: the converted lead was created before the contact.
    expect(people.map((p) => p.id)).toEqual(['lea-jane-doe-old', 'con-jane-doe', 'con-peter-gibbons']);
  });

  it('asks nothing for an empty batch', async () => {
    expect(await crm.findPeopleByEmails([])).toEqual([]);
    expect(await crm.findPeopleByEmails(['', '  '])).toEqual([]);
    expect(await crm.findAccountsByDomains([])).toEqual([]);
    expect(await crm.findOpenOpportunitiesByAccounts([])).toEqual([]);
    expect(counter.count()).toBe(0);
  });

  it('handles a batch of thousands of addresses in one query', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `someone${i}@example.com`);
    const people = await crm.findPeopleByEmails([...many, 'bill@initech.io']);
    expect(people.map((p) => p.id)).toEqual(['con-bill-lumbergh']);
    expect(counter.count()).toBe(1);
  });

  it('finds accounts by exact domain, with all their domains', async () => {
    const accounts = await crm.findAccountsByDomains([
      'ACME.co.uk',
      '@globex.com',
      'eu.initech.io',
      'initech',
    ]);
    expect(counter.count()).toBe(1);
    expect(accounts).toEqual([
      { id: 'acc-acme', name: 'Acme Corporation', domains: ['acme.co.uk', 'acme.com'] },
      { id: 'acc-globex', name: 'Globex', domains: ['globex.com'] },
    ]);
    expect(await crm.findAccountsByIds(['acc-umbrella', 'missing'])).toEqual([
      { id: 'acc-umbrella', name: 'Umbrella Corporation', domains: ['umbrella.co.uk'] },
    ]);
  });

  it('finds open opportunities of many accounts, newest first, closed ones left out', async () => {
    const opportunities = await crm.findOpenOpportunitiesByAccounts([
      'acc-acme',
      'acc-globex',
      'acc-umbrella',
    ]);
    expect(counter.count()).toBe(1);
    expect(opportunities.map((o) => o.id)).toEqual([
      'opp-acme-expansion',
      'opp-acme-renewal',
      'opp-globex-pilot',
    ]);
    expect(opportunities[1]).toEqual({
      id: 'opp-acme-renewal',
      accountId: 'acc-acme',
      ownerId: 'usr-admin',
      createdAt: '2026-01-10T09:00:00.000Z',
      closed: false,
      name: 'Acme — 2026 renewal',
      stage: 'Negotiation',
      amount: 48000,
      currency: 'USD',
      closeDate: '2026-06-30',
    });
  });

  it('reports tombstoned addresses', async () => {
    expect(await crm.findTombstones(['Peter@initech.io', 'bill@initech.io'])).toEqual(['peter@initech.io']);
  });

  it('gives display details for records of every kind, leaving unknown ones out', async () => {
    const details = await crm.getRecordDetails([
      { kind: 'contact', id: 'con-jane-doe' },
      { kind: 'lead', id: 'lea-pepper-potts' },
      { kind: 'account', id: 'acc-globex' },
      { kind: 'opportunity', id: 'opp-globex-pilot' },
      { kind: 'contact', id: 'missing' },
    ]);
    expect(counter.count()).toBe(1);
    expect(details).toEqual({
      'contact:con-jane-doe': { name: 'Jane Doe', title: 'VP Purchasing' },
      'lead:lea-pepper-potts': { name: 'Pepper Potts', company: 'Stark Industries' },
      'account:acc-globex': { name: 'Globex' },
      'opportunity:opp-globex-pilot': {
        name: 'Globex pilot',
        stage: 'Proposal',
        amount: 15000,
        // The embedded CRM's one currency, the demo's.
        currency: 'USD',
        closeDate: '2026-04-15',
      },
    });
    const withUrls = new EmbeddedCrm(t.db, { recordUrl: (ref) => `/crm/${ref.kind}/${ref.id}` });
    expect(await withUrls.getRecordDetails([{ kind: 'account', id: 'acc-acme' }])).toEqual({
      'account:acc-acme': { name: 'Acme Corporation', url: '/crm/account/acc-acme' },
    });
  });

  it('searches names, emails, companies and domains, exact email first', async () => {
    const hits = await crm.search('acme');
    expect(counter.count()).toBe(1);
    const keys = hits.map((h) => `${h.ref.kind}:${h.ref.id}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'account:acc-acme',
        'contact:con-jane-doe',
        'contact:con-john-smith',
        'opportunity:opp-acme-renewal',
      ]),
    );
    expect(keys).not.toContain('lead:lea-jane-doe-old'); // converted
    expect(hits.find((h) => h.ref.id === 'con-jane-doe')).toEqual({
      ref: { kind: 'contact', id: 'con-jane-doe' },
      name: 'Jane Doe',
      email: 'jane.doe@acme.com',
      subtitle: 'Acme Corporation',
    });

    const exact = await crm.search('John.Smith@acme.com');
    expect(exact[0]?.ref).toEqual({ kind: 'contact', id: 'con-john-smith' });
    expect((await crm.search('stark')).map((h) => h.ref.id)).toEqual(['lea-pepper-potts']);
    expect((await crm.search('peter')).map((h) => h.ref.id)).toEqual([]); // deleted
    expect(await crm.search('%')).toEqual([]);
    expect(await crm.search('a_b%')).toEqual([]);
    expect(await crm.search('acme', { limit: 2 })).toHaveLength(2);
  });
});
