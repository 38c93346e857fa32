import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liaison, pgliteDataDir, type Run } from './run-liaison';

// The command line end to end on the embedded PGlite: one data folder for the file, commands in sequence.

jest.setTimeout(240_000);

let data: { dir: string; remove(): void };
let run: (...args: string[]) => Promise<Run>;

beforeAll(async () => {
  data = await pgliteDataDir();
  run = (...args) =>
    liaison({ LIAISON_DATA_DIR: data.dir, LIAISON_PUBLIC_URL: 'https://liaison.test' }, ...args);
});
afterAll(() => data?.remove());

const summaryLine = (stdout: string, plural: string) =>
  stdout.split('\n').find((l) => l.trimStart().startsWith(`${plural} `)) ?? `(no ${plural} line)`;

describe('liaison migrate', () => {
  test('applies the migrations once, then says the database is up to date', async () => {
    const first = await run('migrate');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Applied \d+ migrations to PGlite in /);
    expect(first.stdout).toMatch(/^ {2}0001-core$/m);
    expect(first.stdout).toMatch(/^ {2}0002-embedded-crm$/m);

    const second = await run('migrate');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/^Database up to date \(PGlite in .*\): no migrations to apply\.$/m);
  });
});

describe('liaison users', () => {
  test('add, list, link and remove', async () => {
    const added = await run(
      'users',
      'add',
      'Sam@OurCo.com',
      'sam.alias@ourco.com',
      '--name',
      'Sam Seller',
      '--admin',
      '--crm-user-id',
      'usr-sam',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Added admin sam@ourco\.com, sam\.alias@ourco\.com \(Sam Seller\), included in import\./,
    );
    expect((await run('users', 'add', 'pat@ourco.com', '--not-included')).code).toBe(0);

    const table = await run('users', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ADDRESSES\s+NAME\s+ROLE\s+INCLUDED\s+STATUS\s+LAST SYNC$/);
    expect(lines[1]).toMatch(
      /^sam@ourco\.com, sam\.alias@ourco\.com\s+Sam Seller\s+admin\s+yes\s+\w+\s+never$/,
    );
    expect(lines[2]).toMatch(/^pat@ourco\.com\s+-\s+user\s+no\s+\w+\s+never$/);
    expect(lines).toHaveLength(3);

    // An alias finds the user; the link uses the configured public URL.
    const link = await run('users', 'link', 'SAM.ALIAS@ourco.com');
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/^Sign in as sam@ourco\.com with this link/);
    expect(link.stdout).toMatch(/^ {4}https:\/\/liaison\.test\/auth\/link\?token=[A-Za-z0-9_-]{43}$/m);

    const taken = await run('users', 'add', 'new@ourco.com', 'sam@ourco.com');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already belongs to another user: sam@ourco\.com/);

    const removed = await run('users', 'remove', 'pat@ourco.com');
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed pat@ourco.com.\n' });

    const missing = await run('users', 'remove', 'pat@ourco.com');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no user has the address pat@ourco\.com/);
    const after = JSON.parse((await run('users', 'list', '--json')).stdout) as {
      addresses: string[];
      crmUserId: string;
    }[];
    expect(after.map((u) => [u.addresses[0], u.crmUserId])).toEqual([['sam@ourco.com', 'usr-sam']]);
  });
});

describe('liaison crm import', () => {
  test('bad rows are reported by line while the good rows are kept', async () => {
    const result = await run('crm', 'import', 'examples/import/with-errors.csv');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^4 rows rejected:$/m);
    expect(result.stdout).toMatch(
      /^ {2}line 3 account "acc-bad-domain": 'not a domain' is not a valid domain$/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}line 5 contact "con-bad-email": 'bob@' is not a valid email address$/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}line 6 contact "con-no-account": The account 'acc-missing' \(accountId\) is neither/m,
    );
    expect(result.stdout).toMatch(/^ {2}line 7 opportunity "opp-bad-date": '2026-02-30' is not a date/m);
    expect(summaryLine(result.stdout, 'accounts')).toMatch(
      /inserted 1, updated 0, skipped 0 \(unchanged\), errors 1$/,
    );
    expect(summaryLine(result.stdout, 'contacts')).toMatch(
      /inserted 1, updated 0, skipped 0 \(unchanged\), errors 2$/,
    );
    expect(summaryLine(result.stdout, 'opportunities')).toMatch(
      /inserted 0, updated 0, skipped 0 \(unchanged\), errors 1$/,
    );

    // The good rows are there: importing them again finds them unchanged.
    const again = await run('crm', 'import', 'examples/import/with-errors.csv', '--json');
    const summary = JSON.parse(again.stdout) as { kinds: Record<string, Record<string, number>> };
    expect(summary.kinds.account).toEqual({ inserted: 0, updated: 0, skipped: 1, errors: 1 });
    expect(summary.kinds.contact).toEqual({ inserted: 0, updated: 0, skipped: 1, errors: 2 });
  });

  test('the JSON example imports, and importing it again changes nothing', async () => {
    const first = await run('crm', 'import', 'examples/import/crm.json');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^No errors\.$/m);
    expect(summaryLine(first.stdout, 'accounts')).toMatch(/inserted 2, updated 0, skipped 0/);
    expect(summaryLine(first.stdout, 'contacts')).toMatch(/inserted 2, updated 0, skipped 0/);
    expect(summaryLine(first.stdout, 'leads')).toMatch(/inserted 1, updated 0, skipped 0/);
    expect(summaryLine(first.stdout, 'opportunities')).toMatch(/inserted 2, updated 0, skipped 0/);

    const second = await run('crm', 'import', 'examples/import/crm.json');
    expect(second.code).toBe(0);
    expect(summaryLine(second.stdout, 'accounts')).toMatch(/inserted 0, updated 0, skipped 2/);
    expect(summaryLine(second.stdout, 'contacts')).toMatch(/inserted 0, updated 0, skipped 2/);
    expect(summaryLine(second.stdout, 'leads')).toMatch(/inserted 0, updated 0, skipped 1/);
    expect(summaryLine(second.stdout, 'opportunities')).toMatch(/inserted 0, updated 0, skipped 2/);

    // The CSV examples describe the same records.
    for (const [file, kind] of [
      ['accounts.csv', 'account'],
      ['contacts.csv', 'contact'],
    ]) {
      const csv = await run('crm', 'import', `examples/import/${file}`, '--kind', kind!);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toMatch(/inserted 0, updated 0, skipped 2 \(unchanged\), errors 0/);
    }
    const mixed = await run('crm', 'import', 'examples/import/mixed.csv', '--dry-run');
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toMatch(/^Dry run of /);
    expect(
      mixed.stdout.match(/would insert 0, would update 0, skipped 1 \(unchanged\), errors 0/g),
    ).toHaveLength(4);
  });

  test('a changed row is updated; a dry run reports it without writing; JSON errors point at the field line', async () => {
    const file = join(data.dir, 'change.json');
    writeFileSync(
      file,
      [
        '{',
        '  "contacts": [',
        '    { "id": "con-andrew-fuller", "lastName": "Fuller", "email": "andrew.fuller@contoso.example",',
        '      "title": "Vice President, Sales" },',
        '    {',
        '      "id": "con-typo",',
        '      "lastName": "Typo",',
        '      "emial": "typo@contoso.example"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const dry = await run('crm', 'import', file, '--dry-run', '--json');
    expect(dry.code).toBe(1);
    const planned = JSON.parse(dry.stdout) as {
      dryRun: boolean;
      kinds: { contact: Record<string, number> };
      errors: { line: number; message: string }[];
    };
    expect(planned.dryRun).toBe(true);
    expect(planned.kinds.contact).toEqual({ inserted: 0, updated: 1, skipped: 0, errors: 1 });
    expect(planned.errors).toEqual([
      expect.objectContaining({
        line: 8,
        message: "'emial' is not a field Liaison knows. The email is missing",
      }),
    ]);

    const real = await run('crm', 'import', file);
    expect(summaryLine(real.stdout, 'contacts')).toMatch(
      /inserted 0, updated 1, skipped 0 \(unchanged\), errors 1$/,
    );
    expect(real.stdout).toMatch(
      /^ {2}line 8 contact "con-typo": 'emial' is not a field Liaison knows\. The email is missing$/m,
    );
    const again = await run('crm', 'import', file);
    expect(summaryLine(again.stdout, 'contacts')).toMatch(
      /inserted 0, updated 0, skipped 1 \(unchanged\), errors 1$/,
    );
  });

  test('a file that cannot be read as a whole is an error (exit 1) naming the problem', async () => {
    const broken = join(data.dir, 'broken.json');
    writeFileSync(broken, '{\n  "accounts": [\n    { "id": "a", }\n  ]\n}\n');
    const result = await run('crm', 'import', broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON: .* at line 3/);

    const noKind = join(data.dir, 'people.csv');
    writeFileSync(noKind, 'id,last_name,email\nc1,Doe,doe@example.com\n');
    const csv = await run('crm', 'import', noKind);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/needs a "kind" column or --kind/);
  });
});

describe('usage errors exit 2', () => {
  // The rest of the usage errors are checked in-process (cli-usage.test.ts); a child process costs seconds here.
  test.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['users', 'add', 'not-an-address'], /not an email address: "not-an-address"/],
    [['crm', 'import'], /takes exactly one file/],
  ])('liaison %j', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
