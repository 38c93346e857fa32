import type { Emulator } from '../../../emulators/salesforce';
import { websiteDomain } from '../../../../server/crm/salesforce/account-reads';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

describe('websiteDomain', () => {
  it.each([
    ['https://www.Acme.com/en/about', 'acme.com'],
    ['acme.com', 'acme.com'],
    ['http://acme.co.uk', 'acme.co.uk'],
    ['www.eu.acme.com', 'eu.acme.com'],
    ['  ', ''],
    ['not a website', ''],
  ])('%s → %s', (website, domain) => {
    expect(websiteDomain(website)).toBe(domain);
  });
});

describe('findAccountsByDomains', () => {
  it('matches the Website host exactly (www. stripped): no subdomains, no look-alikes', async () => {
    const acme = emu.store.insert('Account', { Name: 'Acme', Website: 'https://www.acmecorp.com/home' });
    emu.store.insert('Account', { Name: 'Acme EU', Website: 'eu.acmecorp.com' });
    emu.store.insert('Account', { Name: 'Not Acme', Website: 'notacmecorp.com' });
    emu.store.insert('Account', { Name: 'Acme again?', Website: 'acmecorp.com.evil.io' });
    const other = emu.store.insert('Account', { Name: 'Other', Website: 'OTHERCO.de' });
    const adapter = adapterFor(emu);
    emu.counts.reset();
    const found = await adapter.findAccountsByDomains(['acmecorp.com', 'Otherco.de', 'nothing.io']);
    expect(found.map((a) => a.id).sort()).toEqual([acme.Id, other.Id].sort());
    expect(found.find((a) => a.id === acme.Id)).toEqual({
      id: acme.Id,
      name: 'Acme',
      domains: ['acmecorp.com'],
    });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
  });

  it('reads a configured domain field (several domains in it) as well as Website', async () => {
    const multi = emu.store.insert('Account', { Name: 'Multi', Domain__c: 'multi.io; multi.de' });
    const adapter = adapterFor(emu, { accountDomainField: 'Domain__c' });
    const found = await adapter.findAccountsByDomains(['multi.de']);
    expect(found).toEqual([{ id: multi.Id, name: 'Multi', domains: ['multi.de', 'multi.io'] }]);
  });

  it('escapes LIKE wildcards: an underscore or a percent sign in a domain matches only itself', async () => {
    const literal = emu.store.insert('Account', { Name: 'Under', Website: 'a_b.com' });
    emu.store.insert('Account', { Name: 'Wild', Website: 'axb.com' });
    const adapter = adapterFor(emu);
    expect((await adapter.findAccountsByDomains(['a_b.com'])).map((a) => a.id)).toEqual([literal.Id]);
    expect(await adapter.findAccountsByDomains(['%.com'])).toEqual([]);
  });

  it('finds accounts by id (15 or 18 characters), ignoring malformed ids', async () => {
    const a = emu.store.insert('Account', { Name: 'ById', Website: 'byid.com' });
    const adapter = adapterFor(emu);
    const found = await adapter.findAccountsByIds([a.Id as string, "x' OR Name != '", '']);
    expect(found).toEqual([{ id: a.Id, name: 'ById', domains: ['byid.com'] }]);
  });
});

describe('opportunities', () => {
  it('lists open opportunities on many accounts newest first; owned-by narrows to the user', async () => {
    const kim = emu.store.insert('User', { LastName: 'Kim', Email: 'kim@ourco.com' });
    const a1 = emu.store.insert('Account', { Name: 'O1' });
    const a2 = emu.store.insert('Account', { Name: 'O2' });
    const old = emu.store.insert('Opportunity', {
      Name: 'Old',
      AccountId: a1.Id,
      StageName: 'Prospecting',
      CreatedDate: '2024-01-01T00:00:00Z',
    });
    const newer = emu.store.insert('Opportunity', {
      Name: 'Newer',
      AccountId: a2.Id,
      StageName: 'Qualification',
      CloseDate: '2025-06-30',
      CreatedDate: '2024-03-01T00:00:00Z',
      OwnerId: kim.Id,
    });
    emu.store.insert('Opportunity', {
      Name: 'Won',
      AccountId: a1.Id,
      StageName: 'Closed Won',
      CreatedDate: '2024-05-01T00:00:00Z',
    });
    const adapter = adapterFor(emu);
    emu.counts.reset();
    const all = await adapter.findOpenOpportunitiesByAccounts([a1.Id as string, a2.Id as string]);
    expect(all.map((o) => o.id)).toEqual([newer.Id, old.Id]);
    expect(all[0]).toEqual({
      id: newer.Id,
      accountId: a2.Id,
      ownerId: kim.Id,
      createdAt: '2024-03-01T00:00:00.000Z',
      closed: false,
      name: 'Newer',
      stage: 'Qualification',
      closeDate: '2025-06-30',
    });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
    const mine = await adapter.findOpenOpportunitiesOwnedBy(
      [a1.Id as string, a2.Id as string],
      [kim.Id as string],
    );
    expect(mine.map((o) => o.id)).toEqual([newer.Id]);
  });
});
