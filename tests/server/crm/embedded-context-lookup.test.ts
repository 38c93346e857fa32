import { sql } from 'kysely';
import { domainOf } from '../../../src';
import { lookupCrm } from '../../../server/context/crm-lookup';
import type { CrmAdapter } from '../../../server/crm/crm-adapter';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import type { Database } from '../../../server/db/database-types';
import { countingDb, type CountingDb } from '../../support/db/count-queries';
import { backends, useTestDatabase } from '../../support/db/test-databases';

// The embedded CRM's one-statement lookup answers exactly what the batched calls answer together (the path any
// other CRM takes), in one query.

const request = (addresses: string[], recentActivities?: number) => ({
  addresses,
  domains: [...new Set(addresses.map(domainOf))],
  ...(recentActivities === undefined ? {} : { recentActivities }),
});

describe.each(backends)('embedded CRM context lookup on %s', (backend) => {
  const t = useTestDatabase(backend);
  let crm: EmbeddedCrm;
  let batched: CrmAdapter;
  let counter: CountingDb<Database>;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    counter = countingDb(t.db);
    crm = new EmbeddedCrm(counter.db);
    // The same CRM without `lookupContext`: lookupCrm falls back to the batched calls.
    batched = new Proxy(crm, {
      get: (target, key) => (key === 'lookupContext' ? undefined : Reflect.get(target, key, target)),
    });
  });
  beforeEach(() => counter.reset());
  // On PGlite the first read of each shape also creates its session function (server/db/cached-plan.ts).
  const lookupWarm = async (req: ReturnType<typeof request>) => {
    await crm.lookupContext(req);
    counter.reset();
    return crm.lookupContext(req);
  };

  const mixed = [
    'JANE@acme.co.uk',
    'jane.doe@acme.com',
    'hank.scorpio@gmail.com',
    'peter@initech.io',
    'bruce@wayne-enterprises.com',
    'newguy@acme.com',
    'alice@umbrella.co.uk',
  ];

  it('finds people, accounts of their domains and of the people, opportunities, tombstones in one query', async () => {
    const lookup = await lookupWarm(request(mixed));
    expect(counter.count()).toBe(1);
    // Oldest first, each once however many of its addresses the batch holds.
    expect(lookup.people.map((p) => p.id)).toEqual([
      'lea-jane-doe-old',
      'con-jane-doe',
      'con-hank-scorpio',
      'con-peter-gibbons',
      'con-alice-abernathy',
      'lea-bruce-wayne',
    ]);
    // Globex is named by no domain of the batch (Hank writes from gmail.com): it comes through Hank.
    expect(lookup.accounts.map((a) => a.id)).toContain('acc-globex');
    expect(lookup.opportunities.map((o) => o.id)).toEqual(expect.arrayContaining(['opp-globex-pilot']));
    expect(lookup.opportunities.map((o) => o.id)).not.toContain('opp-acme-2025');
    expect(lookup.tombstones).toEqual(['peter@initech.io']);
    expect(lookup).not.toHaveProperty('activities');
  });

  it.each([
    ['no activities asked', undefined],
    ['five activities per person', 5],
    ['one activity per person', 1],
    ['zero activities', 0],
  ])('answers as the batched calls do (%s)', async (_name, recentActivities) => {
    const one = await lookupWarm(request(mixed, recentActivities));
    expect(counter.count()).toBe(1);
    expect(one).toEqual(await lookupCrm(batched, request(mixed, recentActivities)));
  });

  it('answers as the batched calls do for unknown people at known and unknown domains', async () => {
    const addresses = ['someone@acme.com', 'nobody@nowhere.example'];
    const one = await crm.lookupContext(request(addresses, 5));
    expect(one.people).toEqual([]);
    expect(one.accounts.map((a) => a.id)).toEqual(['acc-acme']);
    expect(one).toEqual(await lookupCrm(batched, request(addresses, 5)));
  });

  it('leaves converted leads out of recent activities and keeps the newest first', async () => {
    const { activities } = await crm.lookupContext(
      request(['jane.doe@acme.com', 'bruce@wayne-enterprises.com'], 5),
    );
    expect(activities?.['contact:con-jane-doe']?.map((a) => a.id)).toEqual(['act-demo-2', 'act-demo-1']);
    expect(activities?.['lead:lea-bruce-wayne']?.map((a) => a.id)).toEqual(['act-demo-5']);
    expect(activities).not.toHaveProperty(['lead:lea-jane-doe-old']);
  });

  it('asks nothing for a batch without addresses', async () => {
    expect(await crm.lookupContext(request([], 5))).toEqual({
      people: [],
      accounts: [],
      opportunities: [],
      tombstones: [],
      activities: {},
    });
    expect(counter.count()).toBe(0);
  });

  it("answers a read of Liaison's own tables in the same statement", async () => {
    const alongside = sql<{ n: number; word: string }>`select 42 as n, ${'hello'}::text as word`;
    await crm.lookupContextAlongside(request(mixed, 5), alongside);
    counter.reset();
    const both = await crm.lookupContextAlongside(request(mixed, 5), alongside);
    expect(counter.count()).toBe(1);
    expect(both).toEqual({
      lookup: await crm.lookupContext(request(mixed, 5)),
      alongside: { n: 42, word: 'hello' },
    });
    // Nothing to look up: the read alone.
    expect(await crm.lookupContextAlongside(request([], 5), alongside)).toEqual({
      lookup: { people: [], accounts: [], opportunities: [], tombstones: [], activities: {} },
      alongside: { n: 42, word: 'hello' },
    });
  });

  it('leaves imported activities out on a condition read in the statement as on a known answer', async () => {
    // Bill Lumbergh's "Re: TPS reports" was imported by autosharing (the demo).
    const bill = request(['bill@initech.io'], 5);
    const subjects = (lookup: { activities?: Record<string, { subject: string }[]> }) =>
      Object.values(lookup.activities ?? {}).flatMap((list) => list.map((a) => a.subject));
    const alongside = sql<{ one: number }>`select 1 as one`;
    for (const hideImported of [true, false]) {
      const known = await crm.lookupContext({ ...bill, hideImported });
      const { lookup } = await crm.lookupContextAlongside(
        { ...bill, hideImported: sql<boolean>`(select ${hideImported}::boolean)` },
        alongside,
      );
      expect(lookup).toEqual(known);
      expect(subjects(lookup).includes('Re: TPS reports')).toBe(!hideImported);
    }
  });

  it('still matches a deleted account as the batched calls do (its opportunities through its contacts)', async () => {
    await sql`update crm_accounts set deleted = true where id = 'acc-umbrella'`.execute(t.db);
    try {
      const one = await crm.lookupContext(request(['alice@umbrella.co.uk'], 5));
      expect(one.accounts).toEqual([]);
      expect(one).toEqual(await lookupCrm(batched, request(['alice@umbrella.co.uk'], 5)));
    } finally {
      await sql`update crm_accounts set deleted = false where id = 'acc-umbrella'`.execute(t.db);
    }
  });
});
