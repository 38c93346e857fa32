import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordDecisions } from '../../server/db/decision-log-repo';
import { openDatabase } from '../../server/db/open-database';
import { createUser } from '../../server/db/users-repo';
import { liaison, pgliteDataDir, root } from './run-liaison';
import { freePort, linkIn, signIn, startServer, type RunningServer } from './run-server';

// The command line beside a running `liaison serve` on the embedded PGlite: the commands act on the server's own
// database (through its admin socket), their links name the server's URL, and no second process opens the folder.

jest.setTimeout(300_000);

let data: { dir: string; remove(): void };
let server: RunningServer | undefined;

beforeAll(async () => {
  data = await pgliteDataDir();
  // A logged decision for explain --message-id, written before the server holds the folder.
  const handle = await openDatabase({ dataDir: data.dir });
  try {
    // The demo seeds its admin into an empty organisation only; this one has users.
    await createUser(handle.db, { addresses: ['admin@ourco.com'], role: 'admin', displayName: 'Dana Admin' });
    const sam = await createUser(handle.db, { addresses: ['sam@ourco.com'], role: 'user' });
    await recordDecisions(handle.db, [
      {
        userId: sam.id,
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
          create: [],
          content: 'full',
          trace: ['Saved: autoshare.'],
        },
      },
    ]);
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

/** `liaison` in the server's folder, with none of the server's PORT, HOST or public URL. */
const run = (...args: string[]) => liaison({ LIAISON_DATA_DIR: data.dir }, ...args);

async function get(path: string, cookie: string): Promise<unknown> {
  const response = await fetch(`${server!.url}${path}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.json();
}

const addressesOf = (body: unknown) =>
  (body as { users: { addresses: string[] }[] }).users.map((u) => u.addresses[0]);

test('while serving, users add and crm import act on the server, links name its URL, explain reads its log', async () => {
  server = await startServer({ LIAISON_DATA_DIR: data.dir });
  const cookie = await signIn(linkIn(server.stdout()));

  const added = await run('users', 'add', 'pat@ourco.com', '--name', 'Pat Seller');
  expect(added).toMatchObject({ code: 0, stderr: '' });
  expect(added.stdout).toMatch(/^Added user pat@ourco\.com \(Pat Seller\), included in import\./);
  expect(addressesOf(await get('/api/admin/users', cookie))).toContain('pat@ourco.com');
  // The same sentence as without a server (the command ran in the server, its output printed here).
  const taken = await run('users', 'add', 'pat@ourco.com');
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/^liaison: .*already belongs to another user: pat@ourco\.com/);

  const listed = await run('users', 'list', '--json');
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.stdout) as { addresses: string[] }[]).map((u) => u.addresses[0])).toEqual(
    expect.arrayContaining(['admin@ourco.com', 'sam@ourco.com', 'pat@ourco.com']),
  );

  // The link names the server's port (the command's own environment has none) and signs in.
  const link = await run('users', 'link', 'pat@ourco.com');
  expect(link).toMatchObject({ code: 0, stderr: '' });
  expect(linkIn(link.stdout).startsWith(`${server.url}/auth/link?token=`)).toBe(true);
  const patCookie = await signIn(linkIn(link.stdout));
  const me = await fetch(`${server.url}/api/session`, { headers: { cookie: patCookie } });
  expect(me.status).toBe(200);
  expect(JSON.stringify(await me.json())).toContain('pat@ourco.com');

  // A file named relative to the command's folder; the records are in the server's CRM at once.
  const search = () =>
    get('/api/records/search?q=Northwind', cookie) as Promise<{ hits: { ref: { id: string } }[] }>;
  expect((await search()).hits).toEqual([]);
  const imported = await run('crm', 'import', 'examples/import/crm.json');
  expect(imported).toMatchObject({ code: 0, stderr: '' });
  expect(imported.stdout).toMatch(/^Imported examples\/import\/crm\.json:$/m);
  expect(imported.stdout).toMatch(
    /^ {2}accounts +inserted 2, updated 0, skipped 0 \(unchanged\), errors 0$/m,
  );
  expect((await search()).hits.map((h) => h.ref.id)).toContain('acc-northwind');

  const explained = await run(
    'explain',
    '--message-id',
    'quote-42@northwind.example',
    '--user',
    'sam@ourco.com',
  );
  expect(explained).toMatchObject({ code: 0, stderr: '' });
  expect(explained.stdout).toMatch(/^Subject: {2}Your quote$/m);
  expect(explained.stdout).toMatch(/^Decision: save \(autoshare\)$/m);

  const migrated = await run('migrate');
  expect(migrated).toMatchObject({ code: 0, stderr: '' });
  expect(migrated.stdout).toMatch(/^Database up to date \(PGlite in .*\): no migrations to apply\.$/m);
});

test('a second serve on the same folder is refused with a sentence naming the holder', async () => {
  const second = await liaison({ LIAISON_DATA_DIR: data.dir, PORT: String(await freePort()) }, 'serve');
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(
    new RegExp(
      `^liaison: the data folder .* is in use by \`liaison serve\` \\(pid ${server!.child.pid}, since `,
    ),
  );
  expect(second.stderr).toMatch(/Stop that process first/);
  expect(second.stdout).not.toMatch(/Liaison is running/);
});

test('what was done beside the server survives its restart', async () => {
  expect(await server!.stop()).toBe(0);
  expect(existsSync(join(data.dir, 'liaison.lock'))).toBe(false);
  expect(existsSync(join(data.dir, 'liaison.sock'))).toBe(false);
  server = await startServer({ LIAISON_DATA_DIR: data.dir });
  const cookie = await signIn(linkIn(server.stdout()));
  expect(addressesOf(await get('/api/admin/users', cookie))).toContain('pat@ourco.com');
  const hits = (await get('/api/records/search?q=Northwind', cookie)) as { hits: { ref: { id: string } }[] };
  expect(hits.hits.map((h) => h.ref.id)).toContain('acc-northwind');
});

test('a server killed with kill -9 leaves a lock that does not block the next start', async () => {
  const killed = server!;
  killed.child.kill('SIGKILL');
  await killed.stop();
  expect(JSON.parse(readFileSync(join(data.dir, 'liaison.lock'), 'utf8'))).toMatchObject({
    pid: killed.child.pid,
  });
  // Restarted behind a public URL of its own: the links printed beside it name that URL, and sign in.
  server = await startServer((port) => ({
    LIAISON_DATA_DIR: data.dir,
    LIAISON_PUBLIC_URL: `http://localhost:${port}`,
  }));
  expect(server.child.pid).not.toBe(killed.child.pid);
  const listed = await run('users', 'list');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/^pat@ourco\.com +Pat Seller/m);
  const link = linkIn((await run('users', 'link', 'pat@ourco.com')).stdout);
  expect(link.startsWith(`http://localhost:${server.port}/auth/link?token=`)).toBe(true);
  expect(await signIn(link)).toMatch(/=/);
});

test('the banner, the README and the signed-out page give the same command for a new link', () => {
  const command = 'node bin/liaison.js users link';
  expect(server!.stdout()).toContain(`A new link any time, while this runs too: ${command} admin@ourco.com`);
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`\`${command} admin@ourco.com\``);
  expect(readFileSync(join(root, 'dashboard', 'src', 'app', 'signed-out.tsx'), 'utf8')).toContain(command);
});
