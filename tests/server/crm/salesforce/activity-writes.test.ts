import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import type { SalesforceNewActivity } from '../../../../server/crm/salesforce';
import { normalizeMessageId } from '../../../../src';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
let acc: SfRecord;
let opp: SfRecord;
let c1: SfRecord;
let c2: SfRecord;
let c3: SfRecord;
let lead: SfRecord;
let owner: SfRecord;

beforeAll(async () => {
  emu = await startEmulator();
  owner = emu.store.insert('User', { FirstName: 'Sam', LastName: 'Rep', Email: 'sam@ourco.com' });
  acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
  opp = emu.store.insert('Opportunity', { Name: 'Deal', AccountId: acc.Id, StageName: 'Prospecting' });
  c1 = emu.store.insert('Contact', { LastName: 'One', Email: 'one@acme.com', AccountId: acc.Id });
  c2 = emu.store.insert('Contact', { LastName: 'Two', Email: 'two@acme.com', AccountId: acc.Id });
  c3 = emu.store.insert('Contact', { LastName: 'Three', Email: 'three@acme.com', AccountId: acc.Id });
  lead = emu.store.insert('Lead', { LastName: 'Lead', Company: 'L', Email: 'lead@l.com' });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.clear();
  emu.counts.reset();
});

let seq = 0;
function activity(over: Partial<SalesforceNewActivity> = {}): SalesforceNewActivity {
  seq++;
  return {
    messageId: `<msg-${seq}@mail.test>`,
    subject: `Subject ${seq}`,
    body: `From: one@acme.com\nTo: sam@ourco.com\nDate: 2025-03-04T10:00:00Z`,
    date: '2025-03-04T23:30:00-02:00',
    ownerId: owner.Id as string,
    who: [{ kind: 'contact', id: c1.Id as string }],
    what: { kind: 'opportunity', id: opp.Id as string },
    mode: 'automatic',
    ...over,
  };
}

const tasksWith = (key: string) =>
  emu.store.all('Task', { includeDeleted: true }).filter((t) => t.Liaison_Message_Id__c === key);

describe('Task mode', () => {
  it('saves a completed email Task with its links and owner, in one collection call', async () => {
    const adapter = adapterFor(emu);
    const a = activity();
    const [res] = await adapter.saveActivities([a]);
    expect(res).toEqual({
      messageId: normalizeMessageId(a.messageId),
      ok: true,
      id: expect.stringMatching(/^00T/),
      created: true,
    });
    const [task] = tasksWith(a.messageId);
    expect(task).toMatchObject({
      Id: res?.ok && res.id,
      Subject: a.subject,
      Description: a.body,
      ActivityDate: '2025-03-05',
      Status: 'Completed',
      TaskSubtype: 'Email',
      WhoId: c1.Id,
      WhatId: opp.Id,
      OwnerId: owner.Id,
    });
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 1 });
  });

  it('links several contacts as shared activities (TaskRelation), leads only when no contact is linked', async () => {
    const adapter = adapterFor(emu);
    const shared = activity({
      who: [
        { kind: 'contact', id: c1.Id as string },
        { kind: 'lead', id: lead.Id as string },
        { kind: 'contact', id: c2.Id as string },
        { kind: 'contact', id: c3.Id as string },
      ],
    });
    const leadOnly = activity({
      who: [{ kind: 'lead', id: lead.Id as string }],
      what: { kind: 'account', id: acc.Id as string },
    });
    const res = await adapter.saveActivities([shared, leadOnly]);
    expect(res.every((r) => r.ok && r.created)).toBe(true);
    const [t1] = tasksWith(shared.messageId);
    const relations = emu.store.all('TaskRelation').filter((r) => r.TaskId === t1?.Id);
    expect(relations.map((r) => r.RelationId).sort()).toEqual([c1.Id, c2.Id, c3.Id, opp.Id].sort());
    const [t2] = tasksWith(leadOnly.messageId);
    expect(t2).toMatchObject({ WhoId: lead.Id, WhatId: null });
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 2 });

    const found = await adapter.findActivitiesByMessageIds([shared.messageId.replace(/[<>]/g, '')]);
    expect(found).toEqual([
      expect.objectContaining({
        id: t1?.Id,
        type: 'email',
        subject: shared.subject,
        who: [
          { kind: 'contact', id: c1.Id },
          { kind: 'contact', id: c2.Id },
          { kind: 'contact', id: c3.Id },
        ],
        what: { kind: 'opportunity', id: opp.Id },
        messageId: shared.messageId.replace(/[<>]/g, ''),
        ownerId: owner.Id,
      }),
    ]);
  });

  it('saving again (any form of the Message-ID) finds the task through DUPLICATE_VALUE: created false', async () => {
    const adapter = adapterFor(emu);
    const a = activity();
    const [first] = await adapter.saveActivities([a]);
    emu.counts.reset();
    const again = await adapter.saveActivities([
      { ...a, messageId: ` ${a.messageId.slice(1, -1).toUpperCase()} ` },
      { ...a, subject: 'repeat in one batch' },
    ]);
    expect(again).toEqual([
      {
        messageId: a.messageId.slice(1, -1).toUpperCase(),
        ok: true,
        id: first?.ok && first.id,
        created: false,
      },
      { messageId: normalizeMessageId(a.messageId), ok: true, id: first?.ok && first.id, created: false },
    ]);
    expect(tasksWith(a.messageId)).toHaveLength(1);
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 1, queryAll: 1 });
  });

  it('reports per-record errors with Salesforce code and saves the others', async () => {
    const gone = emu.store.insert('Contact', { LastName: 'Gone', Email: 'gone@acme.com' });
    emu.store.softDelete('Contact', gone.Id as string);
    const adapter = adapterFor(emu);
    const good = activity();
    const bad = activity({ who: [{ kind: 'contact', id: gone.Id as string }] });
    const noId = activity({ messageId: '  <>  ' });
    const res = await adapter.saveActivities([good, bad, noId]);
    expect(res[0]).toMatchObject({ ok: true, created: true });
    expect(res[1]).toEqual({
      messageId: normalizeMessageId(bad.messageId),
      ok: false,
      error: expect.stringMatching(/^INVALID_CROSS_REFERENCE_KEY/),
    });
    expect(res[2]).toEqual({
      messageId: '',
      ok: false,
      error: expect.stringMatching(/^INVALID_MESSAGE_ID/),
    });
    expect(tasksWith(bad.messageId)).toHaveLength(0);
  });

  it('a link that cannot be made is reported with the saved id; saving again finds the task', async () => {
    const doomed = emu.store.insert('Contact', { LastName: 'Doomed', Email: 'doomed@acme.com' });
    const adapter = adapterFor(emu);
    const a = activity({
      who: [
        { kind: 'contact', id: c1.Id as string },
        { kind: 'contact', id: doomed.Id as string },
      ],
    });
    // The contact goes between the task and its relations, as a colleague's delete might.
    emu.faults.add({ kind: 'collections', onCall: 2, error: 'INVALID_CROSS_REFERENCE_KEY' });
    const [res] = await adapter.saveActivities([a]);
    const [task] = tasksWith(a.messageId);
    expect(res).toEqual({
      messageId: normalizeMessageId(a.messageId),
      ok: false,
      error: expect.stringMatching(
        new RegExp(`^saved as ${task?.Id} but not linked to every record: INVALID_CROSS_REFERENCE_KEY`),
      ),
    });
    const [again] = await adapter.saveActivities([a]);
    expect(again).toEqual({
      messageId: normalizeMessageId(a.messageId),
      ok: true,
      id: task?.Id,
      created: false,
    });
    expect(tasksWith(a.messageId)).toHaveLength(1);
  });

  it('sends 200 records per collection call', async () => {
    const adapter = adapterFor(emu);
    const items = Array.from({ length: 450 }, () => activity());
    const res = await adapter.saveActivities(items);
    expect(res.filter((r) => r.ok && r.created)).toHaveLength(450);
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 3 });
  });
});

describe('EmailMessage mode', () => {
  it('saves an EmailMessage with relations typed by where each address was, and finds it before writing again', async () => {
    const adapter = adapterFor(emu, { activityMode: 'emailMessage' });
    await adapter.findPeopleByEmails(['one@acme.com', 'two@acme.com']);
    const a = activity({
      who: [
        { kind: 'contact', id: c1.Id as string },
        { kind: 'contact', id: c2.Id as string },
      ],
      email: { from: 'one@acme.com', to: ['sam@ourco.com'], cc: ['two@acme.com'], incoming: true },
    });
    emu.counts.reset();
    const [res] = await adapter.saveActivities([a]);
    expect(res).toMatchObject({ ok: true, created: true, id: expect.stringMatching(/^02s/) });
    const msg = emu.store.all('EmailMessage').find((m) => m.MessageIdentifier === a.messageId);
    expect(msg).toMatchObject({
      Subject: a.subject,
      TextBody: a.body,
      Status: '3',
      Incoming: true,
      FromAddress: 'one@acme.com',
      ToAddress: 'sam@ourco.com',
      CcAddress: 'two@acme.com',
      RelatedToId: opp.Id,
    });
    const rels = emu.store.all('EmailMessageRelation').filter((r) => r.EmailMessageId === msg?.Id);
    expect(rels.map((r) => [r.RelationId, r.RelationType]).sort()).toEqual(
      [
        [c1.Id, 'FromAddress'],
        [c2.Id, 'CcAddress'],
        [owner.Id, 'ToAddress'],
      ].sort(),
    );
    // Pre-check, the message, its relations.
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, collections: 2 });

    emu.counts.reset();
    const [again] = await adapter.saveActivities([a]);
    expect(again).toEqual({
      messageId: normalizeMessageId(a.messageId),
      ok: true,
      id: res?.ok && res.id,
      created: false,
    });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
    expect(emu.store.all('EmailMessage').filter((m) => m.MessageIdentifier === a.messageId)).toHaveLength(1);

    const [found] = await adapter.findActivitiesByMessageIds([a.messageId]);
    expect(found).toMatchObject({
      id: res?.ok && res.id,
      who: [
        { kind: 'contact', id: c1.Id },
        { kind: 'contact', id: c2.Id },
      ],
      what: { kind: 'opportunity', id: opp.Id },
      ownerId: owner.Id,
    });
  });
});

describe('documented field lengths', () => {
  it('EmailMessage: a long recipient list keeps whole addresses within 4,000 characters; the relations name everyone', async () => {
    const adapter = adapterFor(emu, { activityMode: 'emailMessage' });
    await adapter.findPeopleByEmails(['one@acme.com', 'two@acme.com', 'three@acme.com']);
    const many = (tag: string) =>
      Array.from({ length: 150 }, (_, i) => `${tag}-recipient-number-${i}@some-long-domain.example`);
    const to = [...many('to'), 'one@acme.com'];
    const cc = [...many('cc'), 'two@acme.com', 'three@acme.com'];
    const a = activity({
      subject: 'S'.repeat(400),
      body: 'b'.repeat(40_000),
      who: [
        { kind: 'contact', id: c1.Id as string },
        { kind: 'contact', id: c2.Id as string },
        { kind: 'contact', id: c3.Id as string },
      ],
      email: { from: 'sam@ourco.com', to, cc, incoming: false },
    });
    const [res] = await adapter.saveActivities([a]);
    expect(res).toMatchObject({ ok: true, created: true });
    const msg = emu.store.all('EmailMessage').find((m) => m.MessageIdentifier === a.messageId);
    const toAddress = String(msg?.ToAddress);
    const ccAddress = String(msg?.CcAddress);
    expect(toAddress.length).toBeLessThanOrEqual(4000);
    expect(ccAddress.length).toBeLessThanOrEqual(4000);
    expect(toAddress.startsWith(`${to[0]}; ${to[1]}; `)).toBe(true);
    // Whole addresses only.
    for (const part of toAddress.split('; ')) expect(to).toContain(part);
    // The EmailMessage Subject holds 3,000 characters (a Task's 255); the body is clipped to 32,000.
    expect(msg?.Subject).toBe(a.subject);
    expect(String(msg?.TextBody)).toHaveLength(32_000);
    const rels = emu.store.all('EmailMessageRelation').filter((r) => r.EmailMessageId === msg?.Id);
    expect(rels.map((r) => [r.RelationId, r.RelationType]).sort()).toEqual(
      [
        [c1.Id, 'ToAddress'],
        [c2.Id, 'CcAddress'],
        [c3.Id, 'CcAddress'],
        [owner.Id, 'FromAddress'],
      ].sort(),
    );
  });

  it('EmailMessage: a From address an email field cannot hold is left out, not the email lost', async () => {
    const adapter = adapterFor(emu, { activityMode: 'emailMessage' });
    for (const from of [`${'l'.repeat(80)}@long.example`, 'undisclosed-recipients']) {
      const a = activity({ email: { from, to: ['sam@ourco.com'], incoming: true } });
      const [res] = await adapter.saveActivities([a]);
      expect(res).toMatchObject({ ok: true, created: true });
      const msg = emu.store.all('EmailMessage').find((m) => m.MessageIdentifier === a.messageId);
      expect(msg?.FromAddress ?? null).toBeNull();
    }
  });

  it('Task: Subject clipped to 255 and Description to 32,000, never splitting a surrogate pair', async () => {
    const adapter = adapterFor(emu);
    const a = activity({ subject: `${'x'.repeat(254)}😀tail`, body: `${'y'.repeat(31_999)}😀` });
    const [res] = await adapter.saveActivities([a]);
    expect(res).toMatchObject({ ok: true, created: true });
    const [task] = tasksWith(a.messageId);
    expect(task?.Subject).toBe('x'.repeat(254));
    expect(task?.Description).toBe('y'.repeat(31_999));
  });
});

describe('creating people', () => {
  it('creates contacts under their account and leads with a company from the domain', async () => {
    const adapter = adapterFor(emu);
    const contacts = await adapter.createContacts([
      { email: 'Jane.Doe@Acme.com', accountId: acc.Id as string, ownerId: owner.Id as string },
      { email: 'bad-address', lastName: 'Bad' },
    ]);
    expect(contacts[0]).toEqual({ ok: true, id: expect.stringMatching(/^003/), created: true });
    expect(contacts[1]).toEqual({ ok: false, error: expect.stringMatching(/^INVALID_EMAIL_ADDRESS/) });
    const jane = emu.store.get('Contact', (contacts[0] as { id: string }).id);
    expect(jane).toMatchObject({
      FirstName: 'Jane',
      LastName: 'Doe',
      Email: 'jane.doe@acme.com',
      AccountId: acc.Id,
      OwnerId: owner.Id,
    });
    const leads = await adapter.createLeads([
      { email: 'max@big-river.co.uk' },
      { email: 'eve@x.io', company: 'Given', lastName: 'Eve' },
    ]);
    expect(leads.every((l) => l.ok && l.created)).toBe(true);
    const [max, eve] = leads.map((l) => emu.store.get('Lead', (l as { id: string }).id));
    expect(max).toMatchObject({ Company: 'Big River', LastName: 'Max', Email: 'max@big-river.co.uk' });
    expect(eve).toMatchObject({ Company: 'Given', LastName: 'Eve' });
  });

  it('writes the phones read from a signature to Phone and MobilePhone, unless the org hides those fields', async () => {
    const phones = { phone: '+1 617 253 1000 ext. 331', mobilePhone: '+1 617 555 0111' };
    const [contact] = await adapterFor(emu).createContacts([{ email: 'nina@vertex.example', ...phones }]);
    const [lead] = await adapterFor(emu).createLeads([{ email: 'raj@horizon.example', ...phones }]);
    for (const [type, made] of [
      ['Contact', contact],
      ['Lead', lead],
    ] as const)
      expect(emu.store.get(type, (made as { id: string }).id)).toMatchObject({
        Phone: '+1 617 253 1000 ext. 331',
        MobilePhone: '+1 617 555 0111',
      });
    const hidden = adapterFor(emu, { hiddenFields: ['Contact.MobilePhone'] });
    const [other] = await hidden.createContacts([{ email: 'other@vertex.example', ...phones }]);
    const stored = emu.store.get('Contact', (other as { id: string }).id);
    expect(stored).toMatchObject({ Phone: '+1 617 253 1000 ext. 331' });
    expect(stored?.MobilePhone ?? null).toBeNull();
  });

  it('answers an address that already has a live record with it, once per address, and reconciles a timeout', async () => {
    const adapter = adapterFor(emu, { retry: { timeoutMs: 1000 } });
    emu.counts.reset();
    const res = await adapter.createContacts([
      { email: 'ONE@acme.com' },
      { email: 'fresh@acme.com', accountId: acc.Id as string },
      { email: 'fresh@acme.com' },
    ]);
    expect(res[0]).toEqual({ ok: true, id: c1.Id, created: false });
    expect(res[1]).toEqual({ ok: true, id: expect.stringMatching(/^003/), created: true });
    expect(res[2]).toEqual({ ok: true, id: (res[1] as { id: string }).id, created: false });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, collections: 1 });

    emu.faults.add({ kind: 'collections', onCall: 1, error: 'timeout', holdMs: 2500 });
    const [late] = await adapter.createLeads([{ email: 'late@slow.io' }]);
    expect(late).toEqual({ ok: true, id: expect.stringMatching(/^00Q/), created: true });
    expect(emu.store.all('Lead').filter((l) => l.Email === 'late@slow.io')).toHaveLength(1);
  });

  it('skips the existence check for addresses a lookup of the last minute showed without a contact', async () => {
    let now = Date.parse('2025-05-01T10:00:00Z');
    const adapter = adapterFor(emu, { now: () => now });
    await adapter.findPeopleByEmails(['unseen1@acme.com', 'one@acme.com']);
    emu.counts.reset();
    const [made] = await adapter.createContacts([{ email: 'unseen1@acme.com', accountId: acc.Id as string }]);
    expect(made).toMatchObject({ ok: true, created: true });
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 1 });
    // Now known to have one: asking again checks, and finds it.
    emu.counts.reset();
    expect(await adapter.createContacts([{ email: 'unseen1@acme.com' }])).toEqual([
      { ok: true, id: (made as { id: string }).id, created: false },
    ]);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
    // A minute later the lookup is too old to trust.
    await adapter.findPeopleByEmails(['unseen2@acme.com']);
    now += 61_000;
    emu.counts.reset();
    await adapter.createContacts([{ email: 'unseen2@acme.com' }]);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1, collections: 1 });
  });
});
