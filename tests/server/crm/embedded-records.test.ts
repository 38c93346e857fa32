import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('embedded CRM record creation on %s', (backend) => {
  const t = useTestDatabase(backend);
  let crm: EmbeddedCrm;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    crm = new EmbeddedCrm(t.db);
  });

  it('creates contacts in a batch, with per-item results', async () => {
    const results = await crm.createContacts([
      {
        email: 'Wile.Coyote@acme.com',
        accountId: 'acc-acme',
        ownerId: 'usr-admin',
        additionalEmails: ['wile@acme.co.uk'],
      },
      {
        email: 'road.runner@acme.com',
        firstName: 'Road',
        lastName: 'Runner',
        title: 'Logistics',
        accountId: 'acc-acme',
      },
      { email: 'not an address' },
      { email: 'x@acme.com', accountId: 'acc-missing' },
      { email: 'jane@acme.co.uk' }, // an existing contact's additional address
      { email: 'wile.coyote@ACME.com' }, // the same new address twice in the batch
    ]);
    expect(results[0]).toMatchObject({ ok: true, created: true });
    expect(results[1]).toMatchObject({ ok: true, created: true });
    expect(results[2]).toEqual({ ok: false, error: 'Invalid email address "not an address"' });
    expect(results[3]).toEqual({ ok: false, error: 'Unknown account acc-missing' });
    expect(results[4]).toEqual({ ok: true, id: 'con-jane-doe', created: false });
    expect(results[5]).toEqual({ ok: true, id: (results[0] as { id: string }).id, created: false });

    const people = await crm.findPeopleByEmails(['wile@acme.co.uk', 'road.runner@acme.com']);
    expect(people).toHaveLength(2);
    const wile = people.find((p) => p.emails.some((e) => e.address === 'wile@acme.co.uk'))!;
    expect(wile).toMatchObject({
      kind: 'contact',
      name: 'Wile Coyote', // guessed from the address
      accountId: 'acc-acme',
      ownerId: 'usr-admin',
      deleted: false,
      emails: [
        { address: 'wile.coyote@acme.com', primary: true },
        { address: 'wile@acme.co.uk', primary: false },
      ],
    });
    expect(people.find((p) => p.name === 'Road Runner')).toMatchObject({ title: 'Logistics' });
    expect(await crm.createContacts([])).toEqual([]);
  });

  it('keeps the phone and the mobile a rep gives (read from a signature) on contacts and leads', async () => {
    const phones = { phone: '+4989 3245 6710', mobilePhone: '+49 151 2345 6789' };
    const [contact] = await crm.createContacts([
      { email: 'm.schneider@brandt.example', lastName: 'Schneider', ...phones },
    ]);
    const [lead] = await crm.createLeads([
      { email: 'a.vogel@kessler.example', lastName: 'Vogel', ...phones },
    ]);
    const contactRow = await t.db
      .selectFrom('crm_contacts')
      .select(['phone', 'mobile_phone'])
      .where('id', '=', (contact as { id: string }).id)
      .executeTakeFirstOrThrow();
    const leadRow = await t.db
      .selectFrom('crm_leads')
      .select(['phone', 'mobile_phone'])
      .where('id', '=', (lead as { id: string }).id)
      .executeTakeFirstOrThrow();
    const stored = { phone: '+4989 3245 6710', mobile_phone: '+49 151 2345 6789' };
    expect(contactRow).toEqual(stored);
    expect(leadRow).toEqual(stored);
  });

  it('creates leads, reusing a live lead with the same address but not a converted one', async () => {
    const results = await crm.createLeads([
      { email: 'tony@stark.com', firstName: 'Tony', lastName: 'Stark', company: 'Stark Industries' },
      { email: 'pepper@stark.com' },
      { email: 'jane.doe@acme.com', company: 'Acme' }, // only a converted lead has it
      { email: '@nobody' },
    ]);
    expect(results[0]).toMatchObject({ ok: true, created: true });
    expect(results[1]).toEqual({ ok: true, id: 'lea-pepper-potts', created: false });
    expect(results[2]).toMatchObject({ ok: true, created: true });
    expect(results[3]).toMatchObject({ ok: false });
    const [tony] = await crm.findPeopleByEmails(['tony@stark.com']);
    expect(tony).toMatchObject({
      kind: 'lead',
      name: 'Tony Stark',
      company: 'Stark Industries',
      converted: false,
    });
  });

  it('soft-deletes contacts and tombstones their addresses', async () => {
    const [created] = await crm.createContacts([
      { email: 'gone@umbrella.co.uk', accountId: 'acc-umbrella', additionalEmails: ['gone2@umbrella.co.uk'] },
    ]);
    const id = (created as { id: string }).id;
    expect(await crm.deleteContacts([id, 'missing'])).toBe(1);
    expect(await crm.deleteContacts([id])).toBe(0);
    expect(
      await crm.findTombstones(['gone@umbrella.co.uk', 'gone2@umbrella.co.uk', 'alice@umbrella.co.uk']),
    ).toEqual(['gone2@umbrella.co.uk', 'gone@umbrella.co.uk']);
    const [person] = await crm.findPeopleByEmails(['gone@umbrella.co.uk']);
    expect(person).toMatchObject({ id, deleted: true });
    // A deleted contact's address is free again for an explicit creation.
    const [again] = await crm.createContacts([{ email: 'gone@umbrella.co.uk', accountId: 'acc-umbrella' }]);
    expect(again).toMatchObject({ ok: true, created: true });
    expect((again as { id: string }).id).not.toBe(id);
  });
});
