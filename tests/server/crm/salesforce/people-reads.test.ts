import type { Emulator } from '../../../emulators/salesforce';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

describe('findPeopleByEmails', () => {
  it('matches contacts by Email and by an additional field, leads too, in one query per object', async () => {
    const acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
    const c1 = emu.store.insert('Contact', {
      LastName: 'Ng',
      Email: 'Ng@Acme.com',
      AccountId: acc.Id,
      CreatedDate: '2024-01-02T00:00:00Z',
    });
    const c2 = emu.store.insert('Contact', {
      LastName: 'Ode',
      Email: 'ode@acme.com',
      Secondary_Email__c: 'o.alt@acme.com',
      CreatedDate: '2024-01-01T00:00:00Z',
    });
    const lead = emu.store.insert('Lead', {
      LastName: 'Lee',
      Company: 'Beta',
      Email: 'lee@beta.io',
      CreatedDate: '2024-01-03T00:00:00Z',
    });
    emu.store.insert('Contact', { LastName: 'Other', Email: 'other@acme.com' });
    const adapter = adapterFor(emu, { contactEmailFields: ['Email', 'Secondary_Email__c'] });
    emu.counts.reset();
    const people = await adapter.findPeopleByEmails([
      'ng@acme.com',
      ' O.ALT@acme.com',
      'lee@beta.io',
      'nobody@x.com',
    ]);
    expect(people.map((p) => p.id)).toEqual([c2.Id, c1.Id, lead.Id]);
    expect(people[0]).toMatchObject({
      kind: 'contact',
      name: 'Ode',
      emails: [
        { address: 'ode@acme.com', primary: true },
        { address: 'o.alt@acme.com', primary: false },
      ],
      createdAt: '2024-01-01T00:00:00.000Z',
      deleted: false,
    });
    expect(people[1]).toMatchObject({
      accountId: acc.Id,
      emails: [{ address: 'ng@acme.com', primary: true }],
    });
    expect(people[2]).toMatchObject({ kind: 'lead', company: 'Beta', converted: false });
    expect(emu.counts.snapshot()).toMatchObject({ api: 2, byKind: { queryAll: 2 } });
  });

  it('flags converted leads and soft-deleted people (queryAll), as the rules want them', async () => {
    const conv = emu.store.insert('Lead', {
      LastName: 'Conv',
      Company: 'C',
      Email: 'conv@c.com',
      IsConverted: true,
    });
    const gone = emu.store.insert('Contact', { LastName: 'Gone', Email: 'gone@c.com' });
    emu.store.softDelete('Contact', gone.Id as string);
    const adapter = adapterFor(emu);
    const people = await adapter.findPeopleByEmails(['conv@c.com', 'gone@c.com']);
    expect(people.find((p) => p.id === conv.Id)).toMatchObject({ converted: true, deleted: false });
    expect(people.find((p) => p.id === gone.Id)).toMatchObject({ deleted: true, kind: 'contact' });
  });

  it('leaves soft-deleted people out when includeDeletedPeople is off (plain query)', async () => {
    const gone = emu.store.insert('Contact', { LastName: 'Gone2', Email: 'gone2@c.com' });
    emu.store.softDelete('Contact', gone.Id as string);
    const adapter = adapterFor(emu, { includeDeletedPeople: false });
    emu.counts.reset();
    expect(await adapter.findPeopleByEmails(['gone2@c.com'])).toEqual([]);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 2 });
  });

  it('chunks a long address list under the URI limit (every request accepted)', async () => {
    // A smaller URI limit on both sides keeps the test quick; the arithmetic is the same as at 16,384.
    const e2 = await startEmulator({ maxUriBytes: 4096 });
    try {
      const addresses = Array.from({ length: 400 }, (_, i) => `person.${i}@bulk-example.com`);
      for (const a of addresses.slice(0, 300)) e2.store.insert('Contact', { LastName: 'Bulk', Email: a });
      const adapter = adapterFor(e2, { maxUriBytes: 4096, uriReserveBytes: 1024 });
      e2.counts.reset();
      const people = await adapter.findPeopleByEmails(addresses);
      expect(people).toHaveLength(300);
      expect(new Set(people.map((p) => p.emails[0]?.address)).size).toBe(300);
      expect(e2.counts.log.every((e) => e.status === 200)).toBe(true);
      const calls = e2.counts.snapshot().byKind.queryAll ?? 0;
      expect(calls).toBeGreaterThan(4);
      expect(calls).toBeLessThan(40);
      // Without chunking the same lookup is refused outright.
      const unchunked = adapterFor(e2, { maxUriBytes: 1_000_000 });
      await expect(unchunked.findPeopleByEmails(addresses)).rejects.toMatchObject({ code: 'ERROR_HTTP_414' });
    } finally {
      await e2.stop();
    }
  });

  it('pages through more than 2,000 matches of one query', async () => {
    const e2 = await startEmulator();
    try {
      for (let i = 0; i < 2100; i++)
        e2.store.insert('Lead', { LastName: `L${i}`, Company: 'Same', Email: 'shared@same.com' });
      const adapter = adapterFor(e2);
      e2.counts.reset();
      const people = await adapter.findPeopleByEmails(['shared@same.com']);
      expect(people).toHaveLength(2100);
      expect(e2.counts.snapshot().byKind).toEqual({ queryAll: 2, queryMore: 1 });
    } finally {
      await e2.stop();
    }
  });
});

describe('findTombstones', () => {
  it('answers from the last people lookup without a call, and asks the recycle bin otherwise', async () => {
    const t = emu.store.insert('Contact', { LastName: 'Tomb', Email: 'tomb@z.com' });
    emu.store.softDelete('Contact', t.Id as string);
    emu.store.insert('Contact', { LastName: 'Alive', Email: 'alive@z.com' });
    const adapter = adapterFor(emu);
    await adapter.findPeopleByEmails(['tomb@z.com', 'alive@z.com', 'new@z.com']);
    emu.counts.reset();
    expect(await adapter.findTombstones(['TOMB@z.com', 'alive@z.com', 'new@z.com'])).toEqual(['tomb@z.com']);
    expect(emu.counts.snapshot().api).toBe(0);
    const fresh = adapterFor(emu);
    expect(await fresh.findTombstones(['tomb@z.com', 'alive@z.com'])).toEqual(['tomb@z.com']);
    expect(emu.counts.snapshot().byKind).toEqual({ queryAll: 1 });
  });
});
