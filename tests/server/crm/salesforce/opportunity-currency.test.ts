import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import { adapterFor, startEmulator } from './sf-test-env';

// The currency of opportunity amounts in the sidebar's details: a multi-currency org's own CurrencyIsoCode per
// record, else the org's DefaultCurrencyIsoCode; learned once per connection, and never guessed.

async function orgWith(options: { multiCurrency?: boolean; corporateCurrency?: string }) {
  const emu = await startEmulator(options);
  const acc = emu.store.insert('Account', { Name: 'Initech' });
  const opp = (fields: Record<string, unknown>) =>
    emu.store.insert('Opportunity', {
      AccountId: acc.Id,
      StageName: 'Negotiation',
      CloseDate: '2026-09-30',
      ...fields,
    });
  return { emu, opp };
}

const key = (o: SfRecord) => `opportunity:${String(o.Id)}`;

describe('opportunity amounts carry the CRM currency (Salesforce)', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.stop();
    emu = undefined;
  });

  test("single currency: the org's DefaultCurrencyIsoCode, read once per connection", async () => {
    const org = await orgWith({ corporateCurrency: 'EUR' });
    emu = org.emu;
    const renewal = org.opp({ Name: 'Renewal', Amount: 48000 });
    const noAmount = org.opp({ Name: 'No amount yet' });
    const adapter = adapterFor(emu, { hiddenFields: ['Lead.Title'] });
    const details = await adapter.getRecordDetails([
      { kind: 'opportunity', id: String(renewal.Id) },
      { kind: 'opportunity', id: String(noAmount.Id) },
    ]);
    expect(details[key(renewal)]).toMatchObject({ amount: 48000, currency: 'EUR' });
    expect(details[key(noAmount)]).not.toHaveProperty('currency');
    const open = await adapter.findOpenOpportunitiesByAccounts([String(renewal.AccountId)]);
    expect(open.find((o) => o.id === renewal.Id)).toMatchObject({ amount: 48000, currency: 'EUR' });
    expect(open.find((o) => o.id === noAmount.Id)).not.toHaveProperty('currency');
    emu.counts.reset();
    await adapter.getRecordDetails([{ kind: 'opportunity', id: String(renewal.Id) }]);
    // The describe and the Organization row are not asked again.
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
  });

  test("multi-currency: each opportunity's own CurrencyIsoCode", async () => {
    const org = await orgWith({ multiCurrency: true, corporateCurrency: 'USD' });
    emu = org.emu;
    const gbp = org.opp({ Name: 'UK expansion', Amount: 120000, CurrencyIsoCode: 'GBP' });
    const usd = org.opp({ Name: 'Renewal', Amount: 48000 });
    const details = await adapterFor(emu, { hiddenFields: ['Lead.Title'] }).getRecordDetails([
      { kind: 'opportunity', id: String(gbp.Id) },
      { kind: 'opportunity', id: String(usd.Id) },
    ]);
    expect(details[key(gbp)]).toMatchObject({ amount: 120000, currency: 'GBP' });
    expect(details[key(usd)]).toMatchObject({ amount: 48000, currency: 'USD' });
    // The account's open opportunities, as the sidebar reads them.
    const open = await adapterFor(emu, { hiddenFields: ['Lead.Title'] }).findOpenOpportunitiesByAccounts([
      String(gbp.AccountId),
    ]);
    expect(open.map((o) => [o.name, o.amount, o.currency])).toEqual([
      ['Renewal', 48000, 'USD'],
      ['UK expansion', 120000, 'GBP'],
    ]);
  });

  test('no Amount visible: no currency is looked up; a failed look shows plain numbers', async () => {
    const org = await orgWith({ corporateCurrency: 'EUR' });
    emu = org.emu;
    const renewal = org.opp({ Name: 'Renewal', Amount: 48000 });
    const hidden = await adapterFor(emu).getRecordDetails([{ kind: 'opportunity', id: String(renewal.Id) }]);
    expect(hidden[key(renewal)]).not.toHaveProperty('amount');
    expect(hidden[key(renewal)]).not.toHaveProperty('currency');

    const adapter = adapterFor(emu, { hiddenFields: ['Lead.Title'] });
    emu.faults.add({ kind: 'describe', onCall: 1, error: 'INSUFFICIENT_ACCESS' });
    const plain = await adapter.getRecordDetails([{ kind: 'opportunity', id: String(renewal.Id) }]);
    expect(plain[key(renewal)]).toMatchObject({ amount: 48000 });
    expect(plain[key(renewal)]).not.toHaveProperty('currency');
    // Asked again next time, and then known.
    const later = await adapter.getRecordDetails([{ kind: 'opportunity', id: String(renewal.Id) }]);
    expect(later[key(renewal)]).toMatchObject({ amount: 48000, currency: 'EUR' });
  });
});
