// Task mode on an org where no admin created Task's Message-ID field (Liaison_Message_Id__c): Salesforce answers
// INVALID_FIELD "No such column" to every query and write naming it. Liaison learns it from Task's describe (once per
// connection), saves the tasks without the field, and its saved-email ledger keeps each email to one task; the
// admin's CRM status says what to create for retry-safety.
import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import type { SalesforceCrmAdapter, SalesforceNewActivity } from '../../../../server/crm/salesforce';
import { seedDemoOrganisation, DEMO_ADMIN } from '../../../../server/crm/embedded/demo-seed';
import { connectMailbox } from '../../../../server/db/mailboxes-repo';
import { createUser, getUser, updateUser } from '../../../../server/db/users-repo';
import { processBatch } from '../../../../server/sync/sync-batch';
import type { MailMessage } from '../../../../src';
import { useTestDatabase } from '../../../support/db/test-databases';
import { ledgerCount } from '../../sync/sync-helpers';
import { adapterFor, startEmulator } from './sf-test-env';

jest.setTimeout(60_000);

let emu: Emulator;
let owner: SfRecord;
let colleague: SfRecord;
let contact: SfRecord;

beforeAll(async () => {
  emu = await startEmulator({ taskExternalIdField: null });
  owner = emu.store.insert('User', { FirstName: 'Dana', LastName: 'Admin', Email: DEMO_ADMIN.address });
  colleague = emu.store.insert('User', { FirstName: 'Sam', LastName: 'Rep', Email: 'sam@ourco.com' });
  const acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
  contact = emu.store.insert('Contact', { LastName: 'Doe', Email: 'jane.doe@acme.com', AccountId: acc.Id });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.clear();
  emu.counts.reset();
});

const tasks = () => emu.store.all('Task', { includeDeleted: true });

function activity(n: string): SalesforceNewActivity {
  return {
    messageId: `<${n}@mail.test>`,
    subject: `Subject ${n}`,
    body: 'Hello',
    date: '2025-03-04T10:00:00Z',
    ownerId: owner.Id as string,
    who: [{ kind: 'contact', id: contact.Id as string }],
    mode: 'automatic',
  };
}

describe('the emulator without the field', () => {
  it('answers INVALID_FIELD "No such column" to a SOQL query and to a create naming it, as Salesforce does', async () => {
    const adapter = adapterFor(emu);
    const soql = adapter.client.query("SELECT Id FROM Task WHERE Liaison_Message_Id__c = 'x'");
    await expect(soql).rejects.toMatchObject({ code: 'INVALID_FIELD' });
    await expect(soql).rejects.toThrow(/No such column 'Liaison_Message_Id__c' on entity 'Task'/);
    const [res] = await adapter.client.createMany('Task', [{ Subject: 'x', Liaison_Message_Id__c: 'k' }]);
    expect(res).toMatchObject({
      success: false,
      errors: [
        {
          statusCode: 'INVALID_FIELD',
          message: "No such column 'Liaison_Message_Id__c' on sobject of type Task",
        },
      ],
    });
    const described = await adapter.client.send<{ fields: { name: string }[] }>(
      'GET',
      `/services/data/v${adapter.client.version}/sobjects/Task/describe`,
    );
    expect(described.fields.map((f) => f.name)).not.toContain('Liaison_Message_Id__c');
  });
});

describe('the adapter', () => {
  it('saves each email as one task without the field, learning it from one describe per connection', async () => {
    const adapter = adapterFor(emu);
    const before = tasks().length;
    const first = await adapter.saveActivities([activity('a1'), activity('a2')]);
    expect(first).toEqual([
      { messageId: 'a1@mail.test', ok: true, id: expect.stringMatching(/^00T/), created: true },
      { messageId: 'a2@mail.test', ok: true, id: expect.stringMatching(/^00T/), created: true },
    ]);
    expect(tasks().length).toBe(before + 2);
    // Refused once (INVALID_FIELD), described once, sent again without the field.
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 2, describe: 1 });

    emu.counts.reset();
    const next = await adapter.saveActivities([activity('a3')]);
    expect(next[0]).toMatchObject({ ok: true, created: true });
    // Known now: one write, no describe, no refusal.
    expect(emu.counts.snapshot().byKind).toEqual({ collections: 1 });
    // Nothing can be found by Message-ID without the field: the ledger is what knows.
    expect(await adapter.findActivitiesByMessageIds(['a1@mail.test'])).toEqual([]);
    expect(tasks().length).toBe(before + 3);
  });

  it('tells the admin what to create for retry-safety; nothing once the field is there', async () => {
    const adapter = adapterFor(emu);
    const [advice] = await adapter.setupAdvice();
    expect(advice).toBe(
      "Salesforce's Task has no field Liaison_Message_Id__c that Liaison's integration user can see. Liaison saves " +
        'each email once through its own ledger, but a save retried after a timeout may leave a second task. For ' +
        'retry-safety, create on Task a custom field Liaison_Message_Id__c of type Text(255), Unique ' +
        '(case-insensitive) and External ID, readable and editable by the integration user (field-level security).',
    );
    await adapter.setupAdvice();
    // Task's describe and Event's (its key and state fields are there), once each per connection.
    expect(emu.counts.snapshot().byKind).toEqual({ describe: 2 });

    const withField = await startEmulator();
    try {
      expect(await adapterFor(withField).setupAdvice()).toEqual([]);
      expect(await adapterFor(withField, { activityMode: 'emailMessage' }).setupAdvice()).toEqual([]);
    } finally {
      await withField.stop();
    }
  });
});

describe('through the sync engine, with the ledger (PGlite)', () => {
  const t = useTestDatabase('pglite');

  it('makes one task of an email that reaches two mailboxes and is listed again', async () => {
    const db = t.db;
    await seedDemoOrganisation(db);
    await updateUser(db, DEMO_ADMIN.userId, { crmUserId: owner.Id as string });
    await createUser(db, { id: 'user-sam', addresses: ['sam@ourco.com'], crmUserId: colleague.Id as string });
    const connectedAt = new Date(Date.now() - 60_000);
    const mailboxOf = (userId: string) =>
      connectMailbox(db, {
        userId,
        kind: 'maildir',
        settings: { dir: '/nowhere' },
        connectedAt,
        cursor: { n: 0 },
      });
    const email: MailMessage = {
      internetMessageId: '<shared-1@acme.com>',
      folder: 'inbox',
      from: { address: 'jane.doe@acme.com' },
      to: [{ address: DEMO_ADMIN.address }, { address: 'sam@ourco.com' }],
      cc: [],
      bcc: [],
      subject: 'Renewal',
      sentAt: new Date().toISOString(),
    };
    const adapter: SalesforceCrmAdapter = adapterFor(emu);
    const deps = { db, crm: adapter };
    const before = tasks().length;

    const admin = (await getUser(db, DEMO_ADMIN.userId))!;
    const adminBox = await mailboxOf(admin.id);
    const first = await processBatch(deps, adminBox, admin, { messages: [email], cursor: { n: 1 } });
    expect(first.saved).toBe(1);
    // The colleague's copy, and the same email listed again in the first mailbox: the ledger says it is saved.
    const sam = (await getUser(db, 'user-sam'))!;
    const second = await processBatch(deps, await mailboxOf(sam.id), sam, {
      messages: [email],
      cursor: { n: 1 },
    });
    const again = await processBatch(deps, adminBox, admin, { messages: [email], cursor: { n: 2 } });
    expect([second.saved, again.saved]).toEqual([0, 0]);

    const made = tasks().slice(before);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ WhoId: contact.Id, OwnerId: owner.Id, TaskSubtype: 'Email' });
    expect(await ledgerCount(db)).toBe(1);
    const row = await db.selectFrom('saved_emails').selectAll().executeTakeFirstOrThrow();
    expect(row.activity_id).toBe(made[0]!.Id);
  });
});
