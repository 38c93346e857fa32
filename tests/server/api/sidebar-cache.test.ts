import { sql } from 'kysely';
import { openDatabase } from '../../../server/db/open-database';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The sidebar's reads are kept between requests (as `serve` runs) and never outlive a change: a write answered by
// this server shows in the very next answer; one made elsewhere (a sync worker, `liaison crm import`) as soon as the
// database's notification is heard; while the feed cannot hear, nothing is kept.

const email = (id: string, from = 'jane.doe@acme.com') => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: from, name: 'Someone' },
  to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
  cc: [],
  bcc: [],
  subject: 'Renewal terms',
  sentAt: '2026-03-02T10:00:00Z',
  bodyText: 'Hello',
});

type Person = { ref: { id: string }; name: string };

describe.each(backends)('sidebar cache (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  const cache = () => server.deps.sidebarCache!;
  const sidebar = async (message: ReturnType<typeof email>) => {
    const res = await server.call('POST', '/api/sidebar', { as: sam, body: { message } });
    expect(res.status).toBe(200);
    return res.body as { people: Person[]; suggestions: { address: string }[]; alreadySaved: boolean };
  };
  /** Asks until the answer satisfies `ok` (a change made elsewhere is heard within milliseconds), at most 10 s. */
  const eventually = async (
    message: ReturnType<typeof email>,
    ok: (view: Awaited<ReturnType<typeof sidebar>>) => boolean,
  ) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const view = await sidebar(message);
      if (ok(view) || Date.now() > deadline) return view;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    server = await startTestServer(backend, {}, { sidebarCache: true });
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('the same email again is answered from what was kept, and the answer is the same', async () => {
    const first = await sidebar(email('kept'));
    const hits = cache().hits;
    const second = await sidebar(email('kept'));
    expect(cache().hits).toBe(hits + 1);
    expect(second).toEqual(first);
    // The same email with another subject: the records kept, the answer written again (the trace names the subject).
    const renamed = await sidebar({ ...email('kept'), subject: 'Renewal terms, revised' });
    expect(cache().hits).toBe(hits + 2);
    expect(renamed).toEqual({ ...first, subject: 'Renewal terms, revised' });
    // Another email with the same people and thread is another Message-ID: read, not taken from the first.
    await sidebar(email('kept-other'));
    expect(cache().hits).toBe(hits + 2);
  });

  test('a save through this server shows in the very next answer', async () => {
    const message = email('saved-now');
    expect((await sidebar(message)).alreadySaved).toBe(false);
    const save = await server.call('POST', '/api/save', {
      as: sam,
      body: { message, who: [{ kind: 'contact', id: 'con-jane-doe' }], autosaveThread: false },
    });
    expect(save.status).toBe(200);
    expect((await sidebar(message)).alreadySaved).toBe(true);
  });

  test('Do Not Sync through this server hides the address in the very next answer', async () => {
    const message = email('dns', 'stranger@freemail.example');
    expect((await sidebar(message)).suggestions.map((s) => s.address)).toContain('stranger@freemail.example');
    const add = await server.call('POST', '/api/blacklist', {
      as: sam,
      body: { entries: 'stranger@freemail.example' },
    });
    expect(add.status).toBe(200);
    expect((await sidebar(message)).suggestions.map((s) => s.address)).not.toContain(
      'stranger@freemail.example',
    );
  });

  test('a contact made by another process shows once its change is heard', async () => {
    const message = email('elsewhere', 'lee.new@acme.com');
    expect((await sidebar(message)).people.map((p) => p.name)).not.toContain('Lee New');
    expect((await sidebar(message)).people.map((p) => p.name)).not.toContain('Lee New'); // now kept
    // Another process: on PostgreSQL a pool of its own (as a `liaison worker`); PGlite is one process's database.
    const other =
      backend === 'postgres'
        ? await openDatabase({ url: server.database.url!, schema: server.database.schema, migrate: false })
        : undefined;
    const db = other?.db ?? server.deps.db;
    try {
      await db.transaction().execute(async (tx) => {
        await sql`insert into crm_contacts (id, first_name, last_name, account_id, owner_id)
          values ('con-lee-new', 'Lee', 'New', 'acc-acme', 'usr-sam')`.execute(tx);
        await sql`insert into crm_contact_emails (contact_id, address, is_primary)
          values ('con-lee-new', 'lee.new@acme.com', true)`.execute(tx);
      });
    } finally {
      await other?.close();
    }
    const view = await eventually(message, (v) => v.people.some((p) => p.name === 'Lee New'));
    expect(view.people.map((p) => p.name)).toContain('Lee New');
  });

  test('a user removed by an admin is refused at once, though their user was kept', async () => {
    const pat = await server.token('pat@ourco.com');
    const patId = (await server.call('GET', '/api/session', { as: pat })).body.user.id as string;
    expect(
      (await server.call('POST', '/api/sidebar', { as: pat, body: { message: email('pat') } })).status,
    ).toBe(200);
    const hits = server.deps.userCache!.hits;
    expect(
      (await server.call('POST', '/api/sidebar', { as: pat, body: { message: email('pat') } })).status,
    ).toBe(200);
    expect(server.deps.userCache!.hits).toBe(hits + 1);
    const admin = await server.signIn(server.admin);
    expect((await server.call('DELETE', `/api/admin/users/${patId}`, { as: admin })).status).toBe(200);
    const after = await server.call('POST', '/api/sidebar', { as: pat, body: { message: email('pat') } });
    expect(after.status).toBe(403);
  });

  if (backend === 'postgres') {
    test('while the feed cannot hear, nothing is kept; once it listens again, answers are kept again', async () => {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${`liaison-changes-${server.database.schema}`}`.execute(server.database.db);
      const deadline = Date.now() + 10_000;
      while (server.deps.changes!.version() !== undefined && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      expect(server.deps.changes!.version()).toBeUndefined();
      const hits = cache().hits;
      await sidebar(email('deaf'));
      await sidebar(email('deaf'));
      expect(cache().hits).toBe(hits);
      while (server.deps.changes!.version() === undefined && Date.now() < deadline + 10_000)
        await new Promise((r) => setTimeout(r, 10));
      await sidebar(email('deaf'));
      await sidebar(email('deaf'));
      expect(cache().hits).toBe(hits + 1);
    }, 40_000);
  }
});
