import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectMaildir } from '../sync/sync-helpers';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The sidebar's whole loop over real HTTP, on both databases: see who is who, save with an opportunity and thread
// auto-save, find the email saved, Do Not Sync an unknown address, create a contact from a suggestion, search.

/** Pat on an email, so a save of his is one he took part in. */
const PAT_CC = { address: 'pat@ourco.com', name: 'Pat Partner' };

const email = (id: string, over: Record<string, unknown> = {}) => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
  cc: [{ address: 'newguy@acme.com', name: 'Guy, New' }, { address: 'freelancer@gmail.com' }],
  bcc: [],
  subject: 'Renewal terms',
  sentAt: '2026-03-02T10:00:00Z',
  bodyText: 'Please find the terms attached.',
  ...over,
});

describe.each(backends)('sidebar over HTTP (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('known contact with account, open opportunities and New records suggestions', async () => {
    const res = await server.call('POST', '/api/sidebar', { as: sam, body: { message: email('view') } });
    expect(res.status).toBe(200);
    const jane = res.body.people.find((p: { ref: { id: string } }) => p.ref.id === 'con-jane-doe');
    expect(jane).toMatchObject({
      name: 'Jane Doe',
      title: 'VP Purchasing',
      field: 'from',
      account: { name: 'Acme Corporation' },
    });
    const opps = jane.account.opportunities.map((o: { ref: { id: string }; mine: boolean }) => [
      o.ref.id,
      o.mine,
    ]);
    expect(opps).toEqual(
      expect.arrayContaining([
        ['opp-acme-expansion', true],
        ['opp-acme-renewal', false],
      ]),
    );
    expect(opps.map((o: [string]) => o[0])).not.toContain('opp-acme-2025');
    expect(res.body.suggestions).toEqual([
      expect.objectContaining({
        address: 'newguy@acme.com',
        kind: 'contact',
        account: { ref: { kind: 'account', id: 'acc-acme' }, name: 'Acme Corporation' },
        prefill: expect.objectContaining({ firstName: 'New', lastName: 'Guy' }),
      }),
      expect.objectContaining({ address: 'freelancer@gmail.com', kind: 'lead', personalAddress: true }),
    ]);
    expect(res.body.autoshare.willSave).toBe(true);
    expect(res.body.autoshare.line).toMatch(
      /^Will be saved at the next sync, linked to Jane Doe.*Acme — UK expansion\.$/,
    );
    expect(res.body.alreadySaved).toBe(false);
  });

  test('Do Not Sync: the address is blacklisted at once and the next sidebar request hides it', async () => {
    const add = await server.call('POST', '/api/blacklist', {
      as: sam,
      body: { entries: 'freelancer@gmail.com' },
    });
    expect(add.status).toBe(200);
    expect(add.body.added).toEqual(['freelancer@gmail.com']);
    const res = await server.call('POST', '/api/sidebar', { as: sam, body: { message: email('view') } });
    expect(res.body.suggestions.map((s: { address: string }) => s.address)).toEqual(['newguy@acme.com']);
    expect(res.body.hiddenBlacklisted).toBe(1);
  });

  test('manual save with an opportunity and thread auto-save: ledger, subscription, CRM activity; a second save says where', async () => {
    const body = {
      // Pat is on it too, so his save below is one he may make (and is refused as already saved).
      message: email('save', { cc: [PAT_CC] }),
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: 'opp-acme-expansion' },
      level: 'subject',
      autosaveThread: true,
    };
    const res = await server.call('POST', '/api/save', { as: sam, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subscribed: true, saved: { savedBy: 'Sam Seller', mode: 'manual' } });

    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'save@mail.acme.com')
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.activity_id).toBe(res.body.saved.activityId);
    const activity = await server.deps.db
      .selectFrom('crm_activities')
      .selectAll()
      .where('id', '=', res.body.saved.activityId)
      .executeTakeFirstOrThrow();
    expect(activity.subject).toBe('Renewal terms');
    expect(activity.body).not.toContain('Please find the terms attached.'); // subject level: no body
    const subs = await server.call('GET', '/api/subscriptions', { as: sam });
    // Listed by the saved email's subject and the record's name, not only by ids.
    expect(subs.body.subscriptions).toContainEqual({
      threadId: 'thread-save',
      what: { kind: 'opportunity', id: 'opp-acme-expansion' },
      subject: 'Renewal terms',
      whatName: 'Acme — UK expansion',
    });

    const again = await server.call('POST', '/api/save', {
      as: await server.token('pat@ourco.com'),
      body: { ...body, autosaveThread: false },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: 'already_saved',
      details: { saved: { activityId: res.body.saved.activityId, savedBy: 'Sam Seller' } },
    });

    const view = await server.call('POST', '/api/sidebar', { as: sam, body: { message: email('save') } });
    expect(view.body).toMatchObject({
      alreadySaved: true,
      saved: { savedBy: 'Sam Seller' },
      thread: { autosave: true, whatName: 'Acme — UK expansion' },
    });
    expect(view.body.autoshare.line).toBe('Already saved to the CRM.');
  });

  test("thread auto-save from the pane also stores the thread's root, and the thread is known by it in any face", async () => {
    const root = '<thread-root@mail.acme.com>';
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: email('reply-1', {
          threadId: 'AAQkADconv=',
          headers: { references: root, 'in-reply-to': root },
        }),
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        what: { kind: 'account', id: 'acc-acme' },
        autosaveThread: true,
      },
    });
    expect(res.body.subscribed).toBe(true);
    const row = await server.deps.db
      .selectFrom('thread_subscriptions')
      .select(['thread_id', 'root_message_id'])
      .where('user_id', '=', server.sam.id)
      .where('thread_id', '=', 'AAQkADconv=')
      .executeTakeFirstOrThrow();
    expect(row.root_message_id).toBe('thread-root@mail.acme.com');

    // The next reply as a face without Outlook's conversationId sees it (References only, or Gmail's thread id).
    const next = (over: Record<string, unknown>) =>
      server.call('POST', '/api/sidebar', {
        as: sam,
        body: {
          message: email('reply-2', { headers: { references: `${root} <reply-1@mail.acme.com>` }, ...over }),
        },
      });
    for (const over of [{ threadId: undefined }, { threadId: 'gthread-18c9' }]) {
      expect((await next(over)).body.thread).toEqual({
        autosave: true,
        what: { kind: 'account', id: 'acc-acme' },
        whatName: 'Acme Corporation',
      });
    }
    // Another thread is not subscribed.
    const other = await next({ threadId: undefined, headers: { references: '<another@mail.acme.com>' } });
    expect(other.body.thread).toEqual({ autosave: false });
  });

  test('without the headers (Outlook before 1.8) a Maildir mailbox cannot follow the thread: saved, not subscribed, and the answer says why', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sidebar-flow-'));
    try {
      await connectMaildir(server.deps.db, server.pat.id, dir, new Date());
      const pat = await server.token('pat@ourco.com');
      const save = (id: string, over: Record<string, unknown> = {}) =>
        server.call('POST', '/api/save', {
          as: pat,
          body: {
            message: email(id, { threadId: `AAQk-${id}=`, to: [PAT_CC], ...over }),
            who: [{ kind: 'contact', id: 'con-jane-doe' }],
            autosaveThread: true,
          },
        });
      const res = await save('no-headers');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ subscribed: false, saved: { savedBy: 'Pat Partner' } });
      expect(res.body.threadNotice).toBe(
        "The next emails in this thread cannot be saved automatically: this Outlook does not let Liaison read the email's thread headers, and your Maildir mailbox names threads only by them.",
      );
      const rows = await server.deps.db
        .selectFrom('thread_subscriptions')
        .select('thread_id')
        .where('user_id', '=', server.pat.id)
        .execute();
      expect(rows).toEqual([]);

      // With the headers read, the same mailbox follows the thread by its root.
      const read = await save('with-headers', { headers: { references: '<first@mail.acme.com>' } });
      expect(read.body).toEqual(expect.objectContaining({ subscribed: true }));
      expect(read.body).not.toHaveProperty('threadNotice');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('records the open email does not show (saved links, the thread’s record) are named, never shown by id', async () => {
    // Saved linked to Globex's opportunity, which nobody on this email leads to.
    const body = {
      message: email('elsewhere', { threadId: 'thread-elsewhere' }),
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: 'opp-globex-pilot' },
      autosaveThread: true,
    };
    expect((await server.call('POST', '/api/save', { as: sam, body })).status).toBe(200);
    const view = await server.call('POST', '/api/sidebar', { as: sam, body: { message: body.message } });
    expect(view.body.pickable.map((p: { ref: { id: string } }) => p.ref.id)).not.toContain(
      'opp-globex-pilot',
    );
    expect(view.body.names).toMatchObject({
      'opportunity:opp-globex-pilot': 'Globex pilot',
      'contact:con-jane-doe': 'Jane Doe',
    });
    expect(view.body.thread.whatName).toBe('Globex pilot');
    // Nothing a rep reads carries an id.
    const read = [
      ...Object.values(view.body.names),
      view.body.thread.whatName,
      view.body.autoshare.line,
      ...view.body.autoshare.trace,
    ].join(' ');
    expect(read).not.toMatch(/opp-|con-|acc-|lead-/);
  });

  test('two reps saving the same email at once make one activity', async () => {
    const body = { message: email('race', { cc: [PAT_CC] }), who: [{ kind: 'contact', id: 'con-jane-doe' }] };
    const pat = await server.token('pat@ourco.com');
    const results = await Promise.all([
      server.call('POST', '/api/save', { as: sam, body }),
      server.call('POST', '/api/save', { as: pat, body }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const activities = await server.deps.db
      .selectFrom('crm_activities')
      .select('id')
      .where('source_message_id', '=', 'race@mail.acme.com')
      .execute();
    expect(activities).toHaveLength(1);
  });

  test('a malformed email cannot be saved, and the error says why', async () => {
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: email('bad', { sentAt: '2026-02-30T10:00:00Z' }),
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/sentAt/);
  });

  test('create a contact from a suggestion; the next sidebar shows the person', async () => {
    const created = await server.call('POST', '/api/records', {
      as: sam,
      body: {
        kind: 'contact',
        email: 'newguy@acme.com',
        firstName: 'New',
        lastName: 'Guy',
        accountId: 'acc-acme',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.ref.kind).toBe('contact');
    const view = await server.call('POST', '/api/sidebar', { as: sam, body: { message: email('view2') } });
    expect(view.body.people.map((p: { address: string }) => p.address)).toContain('newguy@acme.com');
    expect(view.body.suggestions).toEqual([]);
  });

  test("a contact for an account the CRM does not have is the caller's mistake: 400 with a sentence, nothing created", async () => {
    const res = await server.call('POST', '/api/records', {
      as: sam,
      body: {
        kind: 'contact',
        email: 'orphan@acme.com',
        firstName: 'Or',
        lastName: 'Phan',
        accountId: 'acc-nowhere',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unknown_account');
    expect(res.body.message).toBe(
      'There is no account "acc-nowhere" in the CRM: choose the account again, or leave it empty. Nothing was created.',
    );
    const search = await server.call('GET', '/api/records/search?q=orphan', { as: sam });
    expect(search.body.hits).toEqual([]);
  });

  test('search finds records by name or email, blacklisted people included', async () => {
    const res = await server.call('GET', '/api/records/search?q=jane', { as: sam });
    expect(res.body.hits.map((h: { ref: { id: string } }) => h.ref.id)).toContain('con-jane-doe');
    const short = await server.call('GET', '/api/records/search?q=j', { as: sam });
    expect(short.status).toBe(400);
  });
});
