import { sql } from 'kysely';
import { importCrm, ImportFileError } from '../../server/crm/embedded/crm-import';
import { readCsvImport, readJsonImport } from '../../server/crm/embedded/crm-import-read';
import { backends, useTestDatabase } from '../support/db/test-databases';

// `crm import` in-process: how rows are read and located, and what an update keeps, on both backends.

describe('reading import files', () => {
  test('CSV: header aliases, lists, booleans, and the start line of a record with a quoted line break', () => {
    const text =
      'Kind,ID,First Name,last_name,EMAIL,additional-emails,converted\n\n' +
      'lead,l1,"Ann\nMarie",Lee,ann@x.example,"a@x.example; b@x.example",yes\nlead,l2,,Kim,kim@x.example,,0\n';
    const { rows, errors } = readCsvImport(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        kind: 'lead',
        line: 3,
        data: {
          id: 'l1',
          firstName: 'Ann\nMarie',
          lastName: 'Lee',
          email: 'ann@x.example',
          additionalEmails: ['a@x.example', 'b@x.example'],
          converted: true,
        },
      },
      {
        kind: 'lead',
        line: 5,
        data: { id: 'l2', lastName: 'Kim', email: 'kim@x.example', converted: false },
      },
    ]);
  });

  test('CSV: a row with the wrong number of cells is reported by line and the others are read', () => {
    const { rows, errors } = readCsvImport('id,name\na1,One\na2\na3,Three\n', { kind: 'account' });
    expect(rows.map((r) => [r.line, r.data.id])).toEqual([
      [2, 'a1'],
      [4, 'a3'],
    ]);
    // The row still counts for its kind (--kind here, else its kind cell), so the summary's per-kind counts add up.
    expect(errors).toEqual([
      { line: 3, kind: 'account', id: 'a2', message: expect.stringMatching(/Invalid Record Length/) },
    ]);
  });

  test('CSV: unknown columns and a missing kind are file errors', () => {
    expect(() => readCsvImport('id,nmae\na,b\n', { kind: 'account' })).toThrow(/unknown column "nmae"/);
    expect(() => readCsvImport('id,name\na,b\n')).toThrow(ImportFileError);
  });

  test('JSON: rows know their line, unknown top-level keys and non-arrays are file errors', () => {
    const { rows } = readJsonImport(
      '{\n "accounts": [\n  {"id": "a"},\n\n  {"id": "b",\n   "name": 3}\n ]\n}',
    );
    expect(rows.map((r) => [r.line, r.data.id])).toEqual([
      [3, 'a'],
      [5, 'b'],
    ]);
    expect(rows[1]!.lineOf!(['name'])).toBe(6);
    expect(() => readJsonImport('{"account": []}')).toThrow(/unknown key "account"/);
    expect(() => readJsonImport('{"accounts": {}}')).toThrow(/must be an array/);
    expect(() => readJsonImport('[]')).toThrow(/must be an object/);
  });
});

describe.each(backends)('importCrm on %s', (backend) => {
  const database = useTestDatabase(backend);

  test('rows are validated (emails, domains, dates, references) and bad ones reported by line', async () => {
    const json = JSON.stringify(
      {
        accounts: [
          { id: 'a1', name: 'One', domains: ['@One.Example.'] },
          { id: 'a2', name: 'Two', domains: ['two_example'] },
        ],
        contacts: [
          {
            id: 'c1',
            lastName: 'Good',
            email: ' Good@One.Example ',
            accountId: 'a1',
            createdAt: '2025-03-01',
          },
          { id: 'c2', lastName: 'Bad', email: 'Bad <bad@one.example>' },
          { id: 'c3', lastName: 'Orphan', email: 'o@one.example', accountId: 'a2' },
          { id: 'c1', lastName: 'Again', email: 'again@one.example' },
        ],
        opportunities: [
          { id: 'o1', accountId: 'a1', name: 'Deal', stage: 'Won', ownerId: 'u', won: true, closed: false },
          {
            id: 'o2',
            accountId: 'a1',
            name: 'Deal',
            stage: 'Open',
            ownerId: 'u',
            createdAt: '2025-13-01T00:00:00Z',
          },
        ],
      },
      null,
      2,
    );
    const summary = await importCrm(database.db, json, { format: 'json' });
    expect(summary.errors.map((e) => [e.kind, e.id, e.message])).toEqual([
      // Sentences for people (the value given, the field in words), never a schema path like domains[0].
      ['account', 'a2', "'two_example' is not a valid domain"],
      ['contact', 'c2', "'Bad <bad@one.example>' is not a valid email address"],
      [
        'contact',
        'c3',
        "The account 'a2' (accountId) is neither in this file (as a valid row) nor in the CRM",
      ],
      ['contact', 'c1', expect.stringMatching(/^duplicate id: this contact is already on line \d+$/)],
      ['opportunity', 'o1', 'A won opportunity is closed: won is true but closed is false'],
      ['opportunity', 'o2', expect.stringMatching(/^'2025-13-01T00:00:00Z' is not a date-time/)],
    ]);
    const lines = summary.errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(summary.kinds.account).toEqual({ inserted: 1, updated: 0, skipped: 0, errors: 1 });
    expect(summary.kinds.contact).toEqual({ inserted: 1, updated: 0, skipped: 0, errors: 3 });

    const domains = await database.db
      .selectFrom('crm_account_domains')
      .select('domain')
      .where('account_id', '=', 'a1')
      .execute();
    expect(domains).toEqual([{ domain: 'one.example' }]);
    const contact = await database.db
      .selectFrom('crm_contacts')
      .select(['account_id', 'created_at'])
      .where('id', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(contact.account_id).toBe('a1');
    expect(new Date(contact.created_at).toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  test('CSV: the summary counts rejected rows per kind, broken rows included, and apart those of no kind', async () => {
    const csv = [
      'kind,id,name,last_name,email,account_id',
      'account,a9,Nine,,,',
      'account,a10', // too few cells: still an account
      'contact,c9,,Nine,not an address,a9',
      'contact,c10,,Ten', // too few cells: still a contact
      'gadget,g1,,,,', // no kind Liaison knows
      'lead,l9,,Lee,lee@nine.example,',
    ].join('\n');
    const summary = await importCrm(database.db, csv, { format: 'csv' });
    expect(summary.kinds.account).toMatchObject({ inserted: 1, errors: 1 });
    expect(summary.kinds.contact).toMatchObject({ inserted: 0, errors: 2 });
    expect(summary.kinds.lead).toMatchObject({ inserted: 1, errors: 0 });
    expect(summary.rejectedWithoutKind).toBe(1);
    const perKind = Object.values(summary.kinds).reduce((n, k) => n + k.errors, 0);
    expect(perKind + summary.rejectedWithoutKind).toBe(summary.errors.length);
    expect(summary.errors.find((e) => e.id === 'c9')?.message).toBe(
      "'not an address' is not a valid email address",
    );
  });

  test('an update writes what the row gives and keeps what it leaves out; a dry run writes nothing', async () => {
    const csv = (rows: string[]) =>
      `id,last_name,first_name,email,additional_emails,title\n${rows.join('\n')}\n`;
    await importCrm(database.db, csv(['p1,Doe,Jane,jane@acme.example,jd@acme.example;j@acme.example,CFO']), {
      format: 'csv',
      kind: 'contact',
    });
    const changed = csv(['p1,Doe,,jane.doe@acme.example,,']);
    const dry = await importCrm(database.db, changed, { format: 'csv', kind: 'contact', dryRun: true });
    expect(dry.kinds.contact).toEqual({ inserted: 0, updated: 1, skipped: 0, errors: 0 });
    const emails = () =>
      sql<{ address: string; is_primary: boolean }>`
        select address, is_primary from crm_contact_emails where contact_id = 'p1' order by address`
        .execute(database.db)
        .then((r) => r.rows);
    expect(await emails()).toContainEqual({ address: 'jane@acme.example', is_primary: true });

    const real = await importCrm(database.db, changed, { format: 'csv', kind: 'contact' });
    expect(real.kinds.contact).toEqual({ inserted: 0, updated: 1, skipped: 0, errors: 0 });
    expect(await emails()).toEqual([
      { address: 'j@acme.example', is_primary: false },
      { address: 'jane.doe@acme.example', is_primary: true },
      { address: 'jd@acme.example', is_primary: false },
    ]);
    const row = await database.db
      .selectFrom('crm_contacts')
      .select(['first_name', 'title'])
      .where('id', '=', 'p1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: 'Jane', title: 'CFO' });
    expect((await importCrm(database.db, changed, { format: 'csv', kind: 'contact' })).kinds.contact).toEqual(
      {
        inserted: 0,
        updated: 0,
        skipped: 1,
        errors: 0,
      },
    );
  });
});
