import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import { soslQuery } from '../../../../server/crm/salesforce/sidebar-reads';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
let acc: SfRecord;
let c1: SfRecord;
let c2: SfRecord;
let lead: SfRecord;
let opp: SfRecord;

beforeAll(async () => {
  emu = await startEmulator();
  acc = emu.store.insert('Account', { Name: 'Initech', Website: 'initech.com' });
  opp = emu.store.insert('Opportunity', {
    Name: 'Initech renewal',
    AccountId: acc.Id,
    StageName: 'Negotiation',
    CloseDate: '2025-09-30',
  });
  c1 = emu.store.insert('Contact', {
    FirstName: 'Peter',
    LastName: "O'Gibbons",
    Email: 'peter@initech.com',
    AccountId: acc.Id,
    Title: 'Engineer',
  });
  c2 = emu.store.insert('Contact', {
    FirstName: 'Bill',
    LastName: 'Lumbergh',
    Email: 'bill@initech.com',
    AccountId: acc.Id,
  });
  lead = emu.store.insert('Lead', {
    FirstName: 'Milton',
    LastName: 'Waddams',
    Company: 'Initech Basement',
    Email: 'milton@initech.com',
  });
  emu.store.insert('Lead', {
    LastName: 'Peterson',
    Company: 'Old',
    Email: 'peterson@old.com',
    IsConverted: true,
  });
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

describe('getRecordDetails', () => {
  it('names, titles, companies, stages and links, one query per object kind', async () => {
    const adapter = adapterFor(emu);
    emu.counts.reset();
    const details = await adapter.getRecordDetails([
      { kind: 'contact', id: c1.Id as string },
      { kind: 'lead', id: lead.Id as string },
      { kind: 'opportunity', id: opp.Id as string },
      { kind: 'account', id: acc.Id as string },
      { kind: 'contact', id: '003000000000000AAA' },
    ]);
    expect(details[`contact:${c1.Id}`]).toEqual({
      name: "Peter O'Gibbons",
      title: 'Engineer',
      company: 'Initech',
      url: `${emu.url}/lightning/r/Contact/${c1.Id}/view`,
    });
    expect(details[`lead:${lead.Id}`]).toMatchObject({ name: 'Milton Waddams', company: 'Initech Basement' });
    expect(details[`opportunity:${opp.Id}`]).toMatchObject({
      name: 'Initech renewal',
      stage: 'Negotiation',
      closeDate: '2025-09-30',
    });
    expect(details[`account:${acc.Id}`]).toMatchObject({ name: 'Initech' });
    expect(Object.keys(details)).toHaveLength(4);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 4 });
  });
});

describe('recentActivities', () => {
  it('tasks (shared ones too), events and email messages per record, newest first, at most `limit`', async () => {
    const adapter = adapterFor(emu, { activityMode: 'emailMessage' });
    const t1 = emu.store.insert('Task', {
      Subject: 'Old call',
      TaskSubtype: 'Call',
      WhoId: c1.Id,
      ActivityDate: '2025-01-01',
    });
    emu.store.insert('TaskRelation', { TaskId: t1.Id, RelationId: c1.Id });
    const t2 = emu.store.insert('Task', {
      Subject: 'Shared email',
      TaskSubtype: 'Email',
      WhoId: c2.Id,
      WhatId: acc.Id,
      ActivityDate: '2025-02-01',
    });
    emu.store.insert('TaskRelation', { TaskId: t2.Id, RelationId: c2.Id });
    emu.store.insert('TaskRelation', { TaskId: t2.Id, RelationId: c1.Id });
    emu.store.insert('TaskRelation', { TaskId: t2.Id, RelationId: acc.Id, IsWhat: true });
    const ev = emu.store.insert('Event', {
      Subject: 'Lunch',
      WhoId: c1.Id,
      ActivityDateTime: '2025-03-01T12:00:00Z',
    });
    const em = emu.store.insert('EmailMessage', {
      Subject: 'Quote',
      MessageDate: '2025-04-01T09:00:00Z',
      Status: '3',
      RelatedToId: opp.Id,
    });
    const em2 = emu.store.insert('EmailMessage', {
      Subject: 'Hello',
      MessageDate: '2025-04-02T09:00:00Z',
      Status: '3',
    });
    emu.store.insert('EmailMessageRelation', {
      EmailMessageId: em2.Id,
      RelationId: c1.Id,
      RelationType: 'ToAddress',
    });
    const refs = [
      { kind: 'contact' as const, id: c1.Id as string },
      { kind: 'account' as const, id: acc.Id as string },
      { kind: 'opportunity' as const, id: opp.Id as string },
      { kind: 'lead' as const, id: lead.Id as string },
    ];
    const got = await adapter.recentActivities(refs, 3);
    expect(got[`contact:${c1.Id}`]).toEqual([
      { id: em2.Id, type: 'email', subject: 'Hello', date: '2025-04-02T09:00:00.000Z' },
      {
        id: ev.Id,
        type: 'meeting',
        subject: 'Lunch',
        date: '2025-03-01T12:00:00.000Z',
        ownerName: 'Integration User',
      },
      {
        id: t2.Id,
        type: 'email',
        subject: 'Shared email',
        date: '2025-02-01T00:00:00.000Z',
        ownerName: 'Integration User',
      },
    ]);
    expect(got[`account:${acc.Id}`]?.map((a) => a.id)).toEqual([t2.Id]);
    expect(got[`opportunity:${opp.Id}`]?.map((a) => a.id)).toEqual([em.Id]);
    expect(got[`lead:${lead.Id}`]).toEqual([]);
  });

  it('hideImported (display setting off) leaves out the Tasks autosharing saved, by the origin field', async () => {
    const adapter = adapterFor(emu, { taskOriginField: 'Liaison_Origin__c' });
    const task = (Subject: string, origin: string | undefined, day: string) => {
      const t = emu.store.insert('Task', {
        Subject,
        TaskSubtype: 'Email',
        WhoId: c2.Id,
        ActivityDate: day,
        ...(origin ? { Liaison_Origin__c: origin } : {}),
      });
      emu.store.insert('TaskRelation', { TaskId: t.Id, RelationId: c2.Id });
    };
    task('Imported', 'automatic', '2025-06-03');
    task('By hand', 'manual', '2025-06-02');
    task('Logged in Salesforce', undefined, '2025-06-01');
    const ref = { kind: 'contact' as const, id: c2.Id as string };
    const subjects = async (hideImported: boolean) =>
      (await adapter.recentActivities([ref], 3, { hideImported }))[`contact:${c2.Id}`]?.map((a) => a.subject);
    expect(await subjects(false)).toEqual(['Imported', 'By hand', 'Logged in Salesforce']);
    expect(await subjects(true)).toEqual(['By hand', 'Logged in Salesforce', 'Shared email']);
  });
});

describe('search', () => {
  it('finds contacts, leads (not converted), accounts and opportunities by name or email (SOSL)', async () => {
    const adapter = adapterFor(emu);
    emu.counts.reset();
    const hits = await adapter.search('Initech');
    expect(hits).toEqual(
      expect.arrayContaining([
        {
          ref: { kind: 'account', id: acc.Id },
          name: 'Initech',
          subtitle: 'initech.com',
          // Each hit opens on its Lightning page, on the org's instance.
          url: `${emu.url}/lightning/r/Account/${acc.Id}/view`,
        },
        {
          ref: { kind: 'opportunity', id: opp.Id },
          name: 'Initech renewal',
          subtitle: 'Initech',
          url: `${emu.url}/lightning/r/Opportunity/${opp.Id}/view`,
        },
        expect.objectContaining({ ref: { kind: 'lead', id: lead.Id }, subtitle: 'Initech Basement' }),
      ]),
    );
    expect(emu.counts.snapshot().byKind).toEqual({ search: 1 });
    const byEmail = await adapter.search('peter@initech.com');
    expect(byEmail).toEqual([
      {
        ref: { kind: 'contact', id: c1.Id },
        name: "Peter O'Gibbons",
        email: 'peter@initech.com',
        subtitle: 'Initech',
        url: `${emu.url}/lightning/r/Contact/${c1.Id}/view`,
      },
    ]);
    expect((await adapter.search("o'gibbons")).map((h) => h.ref.id)).toEqual([c1.Id]);
    expect(await adapter.search('Peterson')).toEqual([]);
    expect(await adapter.search(' x ')).toEqual([]);
  });

  it('escapes SOSL reserved characters and quotes operator words', () => {
    expect(soslQuery('a&b (c) "d"')).toBe('a\\&b \\(c\\) \\"d\\"*');
    expect(soslQuery('jones OR smith')).toBe('jones "OR" smith*');
    expect(soslQuery('x')).toBeUndefined();
    expect(soslQuery('ab ! cd')).toBe('ab cd*');
    expect(soslQuery('ab\uD800cd 😀x')).toBe('abcd 😀x*');
  });
});
