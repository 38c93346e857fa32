/** Writes through jsforce 3: single records, sObject Collections with partial failures, upsert, limits, counts. */
import type { Connection } from 'jsforce';
import { start, type Emulator } from '.';
import { connect } from './connect';

let emu: Emulator;
let conn: Connection;
let accountId: string;

beforeAll(async () => {
  emu = await start();
  conn = connect(emu);
  accountId = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' }).Id as string;
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

describe('single records', () => {
  it('creates, retrieves and updates a contact', async () => {
    const created = await conn
      .sobject('Contact')
      .create({ LastName: 'Smith', Email: 'j.smith@acme.com', AccountId: accountId });
    expect(created).toEqual({ id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] });
    const id = (created as { id: string }).id;
    await conn.sobject('Contact').update({ Id: id, FirstName: 'Jane' });
    const rec = await conn.sobject('Contact').retrieve(id);
    expect(rec).toMatchObject({
      attributes: { type: 'Contact' },
      Id: id,
      Name: 'Jane Smith',
      AccountId: accountId,
      OwnerId: emu.store.defaultUserId,
      IsDeleted: false,
      CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });
    expect(emu.counts.snapshot()).toMatchObject({
      byKind: { create: 1, update: 1, retrieve: 1 },
      reads: 1,
      writes: 2,
    });
  });

  it('answers field errors as Salesforce does', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: { errorCode: string }) => e.errorCode,
      );
    expect(await code(conn.sobject('Contact').create({ Email: 'x@acme.com' }))).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    expect(await code(conn.sobject('Contact').create({ LastName: 'x', Nope__c: 1 }))).toBe('INVALID_FIELD');
    expect(await code(conn.sobject('Contact').create({ LastName: 'x', Email: 'not an email' }))).toBe(
      'INVALID_EMAIL_ADDRESS',
    );
    expect(await code(conn.sobject('Task').create({ Subject: 's'.repeat(256) }))).toBe('STRING_TOO_LONG');
    expect(await code(conn.sobject('Task').create({ WhoId: accountId }))).toBe('FIELD_INTEGRITY_EXCEPTION');
    // EmailMessage: Subject 3,000, To/Cc/Bcc 4,000, bodies 32,000 (the org's describe and its email body limit).
    const email = (fields: Record<string, unknown>) =>
      code(conn.sobject('EmailMessage').create({ Status: '3', ...fields }));
    expect(await email({ Subject: 's'.repeat(3000), TextBody: 't'.repeat(32_000) })).toBe('no error');
    expect(await email({ Subject: 's'.repeat(3001) })).toBe('STRING_TOO_LONG');
    for (const f of ['ToAddress', 'CcAddress', 'BccAddress']) {
      expect(await email({ [f]: 'a'.repeat(4000) })).toBe('no error');
      expect(await email({ [f]: 'a'.repeat(4001) })).toBe('STRING_TOO_LONG');
    }
    expect(await email({ HtmlBody: 'h'.repeat(32_001) })).toBe('STRING_TOO_LONG');
    // Status is required and restricted to 0–5.
    expect(await code(conn.sobject('EmailMessage').create({ Subject: 'no status' }))).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    expect(await email({ Status: 'Sent' })).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const tooLong = await conn
      .sobject('EmailMessage')
      .create({ Status: '3', ToAddress: 'a'.repeat(4001) })
      .catch((e: { message: string; fields?: string[] }) => e);
    expect(tooLong).toMatchObject({
      message: expect.stringMatching(/^ToAddress: data value too large: a+… \(max length=4000\)$/),
    });
    expect(await code(conn.sobject('Contact').retrieve('003000000000000AAA'))).toBe('NOT_FOUND');
  });
});

describe('sObject Collections', () => {
  it('creates up to 200 records with allOrNone false: failures reported per record, the others saved', async () => {
    const ext = '<dup@mail.test>';
    emu.store.insert('Task', { Subject: 'already saved', Liaison_Message_Id__c: ext });
    const res = await conn.sobject('Task').create(
      [
        {
          Subject: 'ok 1',
          Liaison_Message_Id__c: '<a@mail.test>',
          Status: 'Completed',
          TaskSubtype: 'Email',
        },
        { Subject: 'dup', Liaison_Message_Id__c: ext.toUpperCase() },
        { Subject: 'ok 2', Liaison_Message_Id__c: '<b@mail.test>', ActivityDate: '2025-02-03' },
        { Subject: 'dup in batch', Liaison_Message_Id__c: '<a@mail.test>' },
      ],
      { allOrNone: false },
    );
    expect(res).toEqual([
      { id: expect.stringMatching(/^00T/), success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'DUPLICATE_VALUE',
            message: expect.stringContaining('duplicate value found: Liaison_Message_Id__c'),
            fields: [],
          },
        ],
      },
      { id: expect.stringMatching(/^00T/), success: true, errors: [] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'DUPLICATE_VALUE' })] },
    ]);
    const contacts = await conn
      .sobject('Contact')
      .create([{ LastName: 'Ok' }, { FirstName: 'No last name' }], { allOrNone: false });
    expect(contacts[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [LastName]',
          fields: ['LastName'],
        },
      ],
    });
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 2 });
  });

  it('rolls everything back under allOrNone true', async () => {
    const before = emu.store.all('Lead').length;
    const res = await conn
      .sobject('Lead')
      .create([{ LastName: 'A', Company: 'X' }, { LastName: 'B' }], { allOrNone: true });
    expect(res.map((r) => r.success)).toEqual([false, false]);
    expect((res[0] as { errors: { statusCode: string }[] }).errors[0]?.statusCode).toBe(
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    );
    expect(emu.store.all('Lead')).toHaveLength(before);
  });

  it('refuses more than 200 records in one request', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ LastName: `n${i}` }));
    await expect(conn.sobject('Contact').create(many)).rejects.toMatchObject({
      errorCode: 'EXCEEDED_ID_LIMIT',
    });
  });

  it('updates and upserts by external id in batches', async () => {
    const [a] = await conn
      .sobject('Task')
      .create([{ Subject: 'before', Liaison_Message_Id__c: '<u1@mail.test>' }]);
    const updated = await conn
      .sobject('Task')
      .update([{ Id: (a as { id: string }).id, Status: 'Completed' }]);
    expect(updated).toEqual([{ id: (a as { id: string }).id, success: true, errors: [] }]);
    const up = await conn.sobject('Task').upsert(
      [
        { Subject: 'again', Liaison_Message_Id__c: '<u1@mail.test>' },
        { Subject: 'new', Liaison_Message_Id__c: '<u2@mail.test>' },
      ],
      'Liaison_Message_Id__c',
    );
    expect(up).toEqual([
      { id: (a as { id: string }).id, success: true, errors: [], created: false },
      { id: expect.stringMatching(/^00T/), success: true, errors: [], created: true },
    ]);
    expect(emu.store.get('Task', (a as { id: string }).id)).toMatchObject({
      Subject: 'again',
      Status: 'Completed',
    });
  });

  it('adds TaskRelation rows for WhoId and WhatId, and accepts extra shared-activity relations', async () => {
    const c1 = emu.store.insert('Contact', { LastName: 'One' }).Id as string;
    const c2 = emu.store.insert('Contact', { LastName: 'Two' }).Id as string;
    const [t] = await conn.sobject('Task').create([{ Subject: 'shared', WhoId: c1, WhatId: accountId }]);
    const taskId = (t as { id: string }).id;
    const rel = await conn.sobject('TaskRelation').create([
      { TaskId: taskId, RelationId: c2 },
      { TaskId: taskId, RelationId: c1 },
    ]);
    expect(rel.map((r) => r.success)).toEqual([true, false]);
    const rows = await conn.query<{ RelationId: string; IsWhat: boolean }>(
      `SELECT RelationId, IsWhat FROM TaskRelation WHERE TaskId = '${taskId}' ORDER BY CreatedDate`,
    );
    expect(rows.records.map((r) => [r.RelationId, r.IsWhat])).toEqual(
      expect.arrayContaining([
        [c1, false],
        [accountId, true],
        [c2, false],
      ]),
    );
    expect(rows.totalSize).toBe(3);
  });

  it('saves an EmailMessage with its relations', async () => {
    const c = emu.store.insert('Contact', { LastName: 'Mail', Email: 'mail@acme.com' }).Id as string;
    const [m] = await conn.sobject('EmailMessage').create([
      {
        Subject: 'Hello',
        TextBody: 'Body',
        FromAddress: 'rep@liaison.test',
        ToAddress: 'mail@acme.com',
        MessageDate: '2025-01-02T03:04:05Z',
        MessageIdentifier: '<m1@mail.test>',
        Status: '3',
        RelatedToId: accountId,
      },
    ]);
    const id = (m as { id: string }).id;
    expect(id).toMatch(/^02s/);
    const rels = await conn
      .sobject('EmailMessageRelation')
      .create([{ EmailMessageId: id, RelationId: c, RelationType: 'ToAddress' }]);
    expect(rels[0]?.success).toBe(true);
    const found = await conn.query<{ MessageDate: string }>(
      "SELECT Id, MessageDate FROM EmailMessage WHERE MessageIdentifier = '<m1@mail.test>'",
    );
    expect(found.records[0]?.MessageDate).toBe('2025-01-02T03:04:05.000+0000');
  });
});

describe('limits', () => {
  it('reports DailyApiRequests and the Sforce-Limit-Info header, and refuses calls past the allowance', async () => {
    const small = await start({ dailyApiLimit: 5 });
    try {
      const c = connect(small);
      const limits = await c.limits();
      expect(limits.DailyApiRequests).toEqual({ Max: 5, Remaining: 4 });
      expect(c.limitInfo).toEqual({ apiUsage: { used: 1, limit: 5 } });
      for (let i = 0; i < 4; i++) await c.query('SELECT Id FROM Contact');
      expect(c.limitInfo).toEqual({ apiUsage: { used: 5, limit: 5 } });
      await expect(c.query('SELECT Id FROM Contact')).rejects.toMatchObject({
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      });
      expect(small.counts.snapshot()).toEqual({
        byKind: { limits: 1, query: 5 },
        total: 6,
        reads: 6,
        writes: 0,
        api: 6,
      });
    } finally {
      await small.stop();
    }
  });
});
