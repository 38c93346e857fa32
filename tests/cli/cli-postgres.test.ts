import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { recordDecisions } from '../../server/db/decision-log-repo';
import { openDatabase, type DatabaseHandle } from '../../server/db/open-database';
import { findUserByAddress } from '../../server/db/users-repo';
import { randomSchemaName, testDatabaseUrl } from '../support/db/test-databases';
import { liaison, type Run } from './run-liaison';
import { linkIn, signIn, startServer } from './run-server';

// The command line on PostgreSQL (DATABASE_URL) in a schema of its own (LIAISON_DB_SCHEMA), dropped afterwards.
// PostgreSQL that cannot be reached fails these tests; it is never skipped.

jest.setTimeout(240_000);

const schema = randomSchemaName();
const env = { DATABASE_URL: testDatabaseUrl(), LIAISON_DB_SCHEMA: schema };
const run = (...args: string[]): Promise<Run> => liaison(env, ...args);
let handle: DatabaseHandle | undefined;

afterAll(async () => {
  if (!handle) handle = await openDatabase({ url: env.DATABASE_URL, schema, migrate: false });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
  await handle.close();
});

test('migrate works in its own schema and is a no-op the second time', async () => {
  const first = await run('migrate');
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(new RegExp(`^Applied \\d+ migrations to PostgreSQL \\(schema ${schema}\\):`));
  const second = await run('migrate');
  expect(second.stdout).toMatch(/^Database up to date .*no migrations to apply\.$/m);
});

test('crm import: the JSON example goes in, bad rows are reported by line, re-importing changes nothing', async () => {
  const first = await run('crm', 'import', 'examples/import/crm.json', '--json');
  expect(first.code).toBe(0);
  const summary = JSON.parse(first.stdout) as {
    kinds: Record<string, Record<string, number>>;
    errors: unknown[];
  };
  expect(summary.errors).toEqual([]);
  expect(summary.kinds).toEqual({
    account: { inserted: 2, updated: 0, skipped: 0, errors: 0 },
    contact: { inserted: 2, updated: 0, skipped: 0, errors: 0 },
    lead: { inserted: 1, updated: 0, skipped: 0, errors: 0 },
    opportunity: { inserted: 2, updated: 0, skipped: 0, errors: 0 },
  });

  const bad = await run('crm', 'import', 'examples/import/with-errors.csv');
  expect(bad.code).toBe(1);
  expect(bad.stdout).toMatch(/^ {2}line 3 account "acc-bad-domain": 'not a domain' is not a valid domain$/m);
  expect(bad.stdout).toMatch(/^ {2}line 5 contact "con-bad-email": 'bob@' is not a valid email address$/m);

  const again = JSON.parse(
    (await run('crm', 'import', 'examples/import/crm.json', '--json')).stdout,
  ) as typeof summary;
  expect(Object.values(again.kinds).map((k) => [k.inserted, k.updated])).toEqual([
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ]);
  expect(again.kinds.account!.skipped).toBe(2);
  expect(again.kinds.opportunity!.skipped).toBe(2);

  // What was stored, read back directly: the good rows of both files, in this schema only.
  handle = await openDatabase({ url: env.DATABASE_URL, schema, migrate: false });
  const accounts = await handle.db.selectFrom('crm_accounts').select('id').orderBy('id').execute();
  expect(accounts.map((a) => a.id)).toEqual(['acc-contoso', 'acc-good', 'acc-northwind']);
  const emails = await handle.db
    .selectFrom('crm_contact_emails')
    .select(['contact_id', 'address', 'is_primary'])
    .where('contact_id', '=', 'con-nancy-davolio')
    .orderBy('address')
    .execute();
  expect(emails).toEqual([
    { contact_id: 'con-nancy-davolio', address: 'nancy.davolio@northwind.example', is_primary: true },
    { contact_id: 'con-nancy-davolio', address: 'nancy@northwind-traders.example', is_primary: false },
  ]);
  const opportunity = await handle.db
    .selectFrom('crm_opportunities')
    .select([
      'closed',
      'won',
      sql<string>`amount::text`.as('amount'),
      sql<string>`close_date::text`.as('close'),
    ])
    .where('id', '=', 'opp-contoso-pilot')
    .executeTakeFirstOrThrow();
  expect(opportunity).toEqual({ closed: true, won: true, amount: '4800.50', close: '2025-12-15' });
});

test('explain --message-id shows the logged decision for a user', async () => {
  expect((await run('users', 'add', 'sam@ourco.com', '--crm-user-id', 'usr-sam')).code).toBe(0);
  handle ??= await openDatabase({ url: env.DATABASE_URL, schema, migrate: false });
  const sam = await findUserByAddress(handle.db, 'sam@ourco.com');
  await recordDecisions(handle.db, [
    {
      userId: sam!.id,
      direction: 'inbound',
      message: {
        internetMessageId: '<quote-42@northwind.example>',
        folder: 'inbox',
        from: { address: 'nancy.davolio@northwind.example' },
        to: [{ address: 'sam@ourco.com' }],
        cc: [],
        subject: 'Your quote',
        sentAt: '2026-03-02T10:00:00Z',
      },
      decision: {
        action: 'save',
        reason: 'autoshare',
        who: [{ kind: 'contact', id: 'con-nancy-davolio' }],
        what: { kind: 'opportunity', id: 'opp-northwind-2026' },
        create: [],
        content: 'full',
        trace: ['nancy.davolio@northwind.example is contact con-nancy-davolio.', 'Saved: autoshare.'],
      },
    },
  ]);

  const shown = await run('explain', '--message-id', 'quote-42@northwind.example', '--user', 'SAM@ourco.com');
  expect(shown).toMatchObject({ code: 0, stderr: '' });
  expect(shown.stdout).toMatch(/^Message: {2}quote-42@northwind\.example$/m);
  expect(shown.stdout).toMatch(/^Subject: {2}Your quote$/m);
  expect(shown.stdout).toMatch(/^Decision: save \(autoshare\)$/m);
  expect(shown.stdout).toMatch(/^Related: {2}opportunity opp-northwind-2026$/m);
  expect(shown.stdout).toMatch(/^ {2}2\. Saved: autoshare\.$/m);

  const unknown = await run('explain', '--message-id', '<nope@x>', '--user', 'sam@ourco.com');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/no decision is logged for Message-ID <nope@x>/);
  const stranger = await run(
    'explain',
    '--message-id',
    'quote-42@northwind.example',
    '--user',
    'who@ourco.com',
  );
  expect(stranger.code).toBe(1);
  expect(stranger.stderr).toMatch(/no user has the address who@ourco\.com/);
});

test('beside a server on PostgreSQL the commands open the database themselves, and no lock is taken', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-cli-pg-'));
  const server = await startServer({
    ...env,
    LIAISON_DATA_DIR: dataDir,
    LIAISON_DEMO: 'off',
    LIAISON_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  try {
    expect(existsSync(join(dataDir, 'liaison.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'liaison.sock'))).toBe(false);
    const beside = (...args: string[]) =>
      liaison({ ...env, LIAISON_DATA_DIR: dataDir, PORT: String(server.port) }, ...args);
    expect((await beside('users', 'add', 'dana@ourco.com', '--admin')).code).toBe(0);
    const link = await beside('users', 'link', 'dana@ourco.com');
    const cookie = await signIn(linkIn(link.stdout));
    const users = await fetch(`${server.url}/api/admin/users`, { headers: { cookie } });
    expect(JSON.stringify(await users.json())).toContain('dana@ourco.com');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
