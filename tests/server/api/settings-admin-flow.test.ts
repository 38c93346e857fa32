import { recordDecisions } from '../../../server/db/decision-log-repo';
import { createUser } from '../../../server/db/users-repo';
import { decideAutoshare, type MailMessage } from '../../../src';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// Settings, blacklists and the admin's switches over real HTTP, on both databases.

describe.each(backends)('settings and admin over HTTP (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    admin = await server.token('admin@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('each sync setting changes, applies at once and reads back', async () => {
    // Until sam saves one, the organisation's defaults apply as they are (the dashboard's guide reads this).
    expect((await server.call('GET', '/api/settings', { as: sam })).body.ownSettings).toBe(false);
    const changes = [
      { autoshareEmails: false },
      { threadAutosave: false },
      { linkToOpportunities: false },
      { autoCreateContacts: true },
      { blacklistPolicy: 'skip-email' },
      { sharing: { inbound: 'metadata' } },
      { sharing: { outbound: 'subject' } },
      { autoshareMeetings: true },
      { autoshareAppointments: true },
      { autoshareAppointments: false },
    ];
    for (const change of changes) {
      const res = await server.call('PATCH', '/api/settings', { as: sam, body: change });
      expect(res.status).toBe(200);
      expect(res.body.appliesFrom).toBe('Applies from the next sync, within a minute.');
      expect(res.body.ownSettings).toBe(true);
    }
    const read = await server.call('GET', '/api/settings', { as: sam });
    expect(read.body.ownSettings).toBe(true);
    expect(read.body.settings).toEqual({
      autoshareEmails: false,
      threadAutosave: false,
      linkToOpportunities: false,
      autoCreateContacts: true,
      blacklistPolicy: 'skip-email',
      sharing: { inbound: 'metadata', outbound: 'subject' },
      autoshareMeetings: true,
      autoshareAppointments: false,
    });
    // A colleague keeps the organisation's defaults: calendar sharing is opt-in.
    const pat = await server.call('GET', '/api/settings', { as: await server.token('pat@ourco.com') });
    expect(pat.body.settings.autoshareEmails).toBe(true);
    expect(pat.body.ownSettings).toBe(false);
    expect(pat.body.settings).toMatchObject({ autoshareMeetings: false, autoshareAppointments: false });
  });

  test('bad settings are refused with a clear message and change nothing', async () => {
    for (const [bad, sentence] of [
      [
        { sharing: { inbound: 'everything' } },
        "The inbound 'everything' is not one of 'metadata', 'subject' or 'full'.",
      ],
      [{ autoshareEmails: 'yes' }, 'The autoshare emails must be true or false, not text.'],
      [{ autoshareMeetings: 'on' }, 'The autoshare meetings must be true or false, not text.'],
      [{ unknownSetting: true }, "'unknownSetting' is not a field Liaison knows."],
    ] as const) {
      const res = await server.call('PATCH', '/api/settings', { as: sam, body: bad });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(sentence);
    }
    const read = await server.call('GET', '/api/settings', { as: sam });
    expect(read.body.settings.sharing.inbound).toBe('metadata');
  });

  test('a pasted blacklist with one bad entry keeps the good ones and names the bad one; own address refused', async () => {
    const res = await server.call('POST', '/api/blacklist', {
      as: sam,
      body: { entries: 'a@spam.io, *.evil.com, Spam.biz, sam@ourco.com,, b@spam.io' },
    });
    expect(res.status).toBe(200);
    expect(res.body.added).toEqual(['a@spam.io', 'b@spam.io', 'spam.biz']);
    expect(res.body.errors.map((e: { input: string }) => e.input)).toEqual(['*.evil.com', 'sam@ourco.com']);
    expect(res.body.errors[0].message).toMatch(/Wildcards are not supported/);
    const removed = await server.call('DELETE', `/api/blacklist/${encodeURIComponent('a@spam.io')}`, {
      as: sam,
    });
    expect(removed.body.mine).toEqual(['b@spam.io', 'spam.biz']);
  });

  test('the corporate list is the admin’s and shows read-only beside each user’s', async () => {
    const add = await server.call('POST', '/api/admin/blacklist', {
      as: admin,
      body: { entries: 'competitor.com' },
    });
    expect(add.body.corporate).toContain('competitor.com');
    const mine = await server.call('GET', '/api/blacklist', { as: sam });
    expect(mine.body.corporate).toContain('competitor.com');
    expect(mine.body.mine).not.toContain('competitor.com');
  });

  test('stopping autosharing hides imported activity (Activity page and embedded CRM); starting shows it again', async () => {
    const message: MailMessage = {
      internetMessageId: '<auto-1@acme.com>',
      folder: 'inbox',
      from: { address: 'jane.doe@acme.com' },
      to: [{ address: 'pat@ourco.com' }],
      cc: [],
      bcc: [],
      subject: 'Imported',
      sentAt: '2026-03-03T10:00:00Z',
    };
    const [saved] = await server.deps.crm.saveActivities([
      {
        messageId: message.internetMessageId,
        subject: 'Imported',
        body: '',
        date: message.sentAt,
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        mode: 'automatic',
      },
    ]);
    expect(saved?.ok).toBe(true);
    const decision = {
      ...decideAutoshare(message, {
        user: { id: server.pat.id, addresses: ['pat@ourco.com'], crmUserId: 'usr-pat' },
        connectedAt: '2026-01-01T00:00:00Z',
        internalDomains: ['ourco.com'],
        settings: {
          autoshareEmails: true,
          threadAutosave: true,
          linkToOpportunities: false,
          autoCreateContacts: false,
          blacklistPolicy: 'exclude-participant',
          sharing: { inbound: 'subject', outbound: 'subject' },
          autoshareMeetings: false,
          autoshareAppointments: false,
        },
        blacklist: [],
        threadSubscriptions: [],
        savedMessageIds: [],
        crm: {
          people: [
            {
              id: 'con-jane-doe',
              kind: 'contact',
              emails: [{ address: 'jane.doe@acme.com', primary: true }],
              createdAt: '2025-01-01T00:00:00Z',
            },
          ],
          accounts: [],
          opportunities: [],
        },
      }),
    };
    expect(decision.action).toBe('save');
    await recordDecisions(server.deps.db, [
      { userId: server.pat.id, message, direction: 'inbound', decision },
    ]);
    const pat = await server.token('pat@ourco.com');
    const visible = async () => (await server.call('GET', '/api/activity', { as: pat })).body.entries.length;
    const inCrm = async () =>
      (await server.deps.crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 50))[
        'contact:con-jane-doe'
      ]?.length ?? 0;
    expect(await visible()).toBe(1);
    const before = await inCrm();

    const stop = await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: false } });
    expect(stop.body.autosharingEnabled).toBe(false);
    expect(stop.body.activitiesChanged).toBeGreaterThanOrEqual(1);
    expect(stop.body.usersExcluded).toBeGreaterThan(0);
    expect(await visible()).toBe(0);
    expect(await inCrm()).toBe(before - 1);
    const users = await server.call('GET', '/api/admin/users', { as: admin });
    for (const u of users.body.users)
      expect(u).toMatchObject({ includedInImport: false, status: 'Inactive' });

    const start = await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: true } });
    expect(start.body).toMatchObject({
      autosharingEnabled: true,
      activitiesChanged: stop.body.activitiesChanged,
    });
    expect(await visible()).toBe(1);
    expect(await inCrm()).toBe(before);
  });

  test('after a restart the organisation says no user is included, and "include again" brings back exactly those included at the stop', async () => {
    type Row = { id: string; includedInImport: boolean; whatToDo?: string };
    const usersNow = async (): Promise<Row[]> =>
      (await server.call('GET', '/api/admin/users', { as: admin })).body.users;
    const counts = async () =>
      (await server.call('GET', '/api/admin/organisation', { as: admin })).body.usersImport;
    const include = (id: string, on: boolean) =>
      server.call('PATCH', `/api/admin/users/${id}`, { as: admin, body: { includedInImport: on } });
    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: true } });
    // The stop of the test before left its users to include again.
    await server.call('POST', '/api/admin/autosharing/include-again', { as: admin });
    const lee = (
      await server.call('POST', '/api/admin/users', {
        as: admin,
        body: { addresses: ['lee.again@ourco.com'], displayName: 'Lee Again' },
      })
    ).body.users.find((u: { displayName: string }) => u.displayName === 'Lee Again') as Row;
    // Sam and Lee (never connected) included, Pat left out by the admin.
    expect((await include(server.sam.id, true)).status).toBe(200);
    expect((await include(server.pat.id, false)).status).toBe(200);
    const includedAtStop = (await usersNow()).filter((u) => u.includedInImport).map((u) => u.id);
    expect(includedAtStop).toEqual(expect.arrayContaining([server.sam.id, lee.id]));
    expect(includedAtStop).not.toContain(server.pat.id);
    expect(await counts()).toMatchObject({ included: includedAtStop.length, includedBeforeStop: 0 });

    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: false } });
    const stopped = (await usersNow()).find((u) => u.id === server.sam.id);
    expect(stopped?.whatToDo).toMatch(/"Enable Smart autosharing" on the Smart autosharing page/);
    // Include again needs autosharing on; a second stop forgets nobody.
    const early = await server.call('POST', '/api/admin/autosharing/include-again', { as: admin });
    expect([early.status, early.body.error]).toEqual([409, 'autosharing_stopped']);
    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: false } });

    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: true } });
    expect(await counts()).toEqual({
      included: 0,
      readable: 0,
      includedBeforeStop: includedAtStop.length,
    });
    const samRow = (await usersNow()).find((u) => u.id === server.sam.id);
    expect(samRow?.whatToDo).toMatch(/Import switch beside them on the Users page/);
    expect(samRow?.whatToDo).toMatch(/"Include again…" on the Smart autosharing page/);

    // The admin decides about Lee by hand: "include again" no longer speaks for them.
    await include(lee.id, false);
    expect((await counts()).includedBeforeStop).toBe(includedAtStop.length - 1);
    const again = await server.call('POST', '/api/admin/autosharing/include-again', { as: admin });
    expect(again.body).toEqual({ usersIncluded: includedAtStop.length - 1 });
    const after = (await usersNow()).filter((u) => u.includedInImport).map((u) => u.id);
    expect(after.sort()).toEqual(includedAtStop.filter((id) => id !== lee.id).sort());
    expect(await counts()).toMatchObject({ included: after.length, includedBeforeStop: 0 });
    expect((await counts()).readable).toBeGreaterThan(0);
  });

  test('users for import: add, status with details, include, remove; a non-admin cannot', async () => {
    const add = await server.call('POST', '/api/admin/users', {
      as: admin,
      body: { addresses: ['Kim@OurCo.com'], displayName: 'Kim' },
    });
    expect(add.status).toBe(200);
    const kim = add.body.users.find((u: { addresses: string[] }) => u.addresses[0] === 'kim@ourco.com');
    expect(kim).toMatchObject({
      status: 'Inactive',
      reason: 'Mailbox not connected.',
      includedInImport: true,
    });
    const dup = await server.call('POST', '/api/admin/users', {
      as: admin,
      body: { addresses: ['kim@ourco.com'] },
    });
    expect(dup.status).toBe(409);
    const bad = await server.call('POST', '/api/admin/users', {
      as: admin,
      body: { addresses: ['not an address'] },
    });
    expect(bad.status).toBe(400);
    const excluded = await server.call('PATCH', `/api/admin/users/${kim.id}`, {
      as: admin,
      body: { includedInImport: false },
    });
    expect(excluded.body.users.find((u: { id: string }) => u.id === kim.id)).toMatchObject({
      status: 'Inactive',
      reason: 'Not included in import.',
    });
    const link = await server.call('POST', `/api/admin/users/${kim.id}/sign-in-link`, { as: admin });
    expect(link.body.url).toMatch(/\/auth\/link\?token=/);
    const first = await fetch(link.body.url, { redirect: 'manual' });
    const second = await fetch(link.body.url, { redirect: 'manual' });
    expect([first.status, second.status]).toEqual([303, 401]);
    expect(await server.call('DELETE', `/api/admin/users/${kim.id}`, { as: sam })).toMatchObject({
      status: 403,
    });
    const removed = await server.call('DELETE', `/api/admin/users/${kim.id}`, { as: admin });
    expect(removed.body.users.map((u: { id: string }) => u.id)).not.toContain(kim.id);
    const self = await server.call('DELETE', `/api/admin/users/${server.admin.id}`, { as: admin });
    expect(self.status).toBe(400);
  });

  test('organisation: internal domains are checked; the display setting and defaults change', async () => {
    const bad = await server.call('PATCH', '/api/admin/organisation', {
      as: admin,
      body: { internalDomains: ['ourco.com', 'not a domain'] },
    });
    expect(bad.status).toBe(400);
    const ok = await server.call('PATCH', '/api/admin/organisation', {
      as: admin,
      body: {
        internalDomains: ['OurCo.com', 'ourco.co.uk'],
        showExtractedInfo: false,
        defaultSettings: { autoCreateContacts: true },
      },
    });
    expect(ok.body).toMatchObject({
      internalDomains: ['ourco.com', 'ourco.co.uk'],
      showExtractedInfo: false,
      defaultSettings: { autoCreateContacts: true },
    });
  });

  test('dry run recomputes the logged envelopes with proposed settings, before saving them', async () => {
    const pat = await server.token('pat@ourco.com');
    const on = await server.call('POST', '/api/settings/dry-run', {
      as: pat,
      body: { settings: { autoshareEmails: true } },
    });
    const off = await server.call('POST', '/api/settings/dry-run', {
      as: pat,
      body: { settings: { autoshareEmails: false, threadAutosave: false } },
    });
    expect(on.body).toMatchObject({ looked: 1, saved: 1, skipped: 0 });
    expect(off.body).toMatchObject({ looked: 1, saved: 0, skipped: 1, byReason: { autoshare_off: 1 } });
    const explain = await server.call('GET', `/api/explain/${encodeURIComponent('<auto-1@acme.com>')}`, {
      as: pat,
    });
    expect(explain.body.decision.action).toBe('save');
    expect(explain.body.decision.trace.length).toBeGreaterThan(5);
  });

  test('dry run counts a logged IMAP reply of a subscribed thread (References only) as thread auto-save', async () => {
    const user = await createUser(server.deps.db, {
      addresses: ['lee@ourco.com'],
      displayName: 'Lee Imap',
      crmUserId: 'usr-lee',
      connectedAt: '2026-01-01T00:00:00Z',
    });
    const lee = await server.token('lee@ourco.com');
    const envelope = {
      folder: 'inbox' as const,
      from: { address: 'jane.doe@acme.com' },
      to: [{ address: 'lee@ourco.com' }],
      cc: [],
      bcc: [],
      subject: 'Re: terms',
      sentAt: new Date().toISOString(),
    };
    const subscribe = await server.call('POST', '/api/save', {
      as: lee,
      body: {
        message: {
          ...envelope,
          internetMessageId: '<lee-1@acme.com>',
          threadId: 'AAQk-lee=',
          headers: { references: '<lee-root@acme.com>' },
        },
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        autosaveThread: true,
      },
    });
    expect(subscribe.body.subscribed).toBe(true);
    // The reply as the IMAP sync logged it: no provider thread id, References only; auto-sharing was off.
    await recordDecisions(server.deps.db, [
      {
        userId: user.id,
        direction: 'inbound',
        message: {
          ...envelope,
          internetMessageId: '<lee-2@acme.com>',
          headers: { references: '<lee-root@acme.com> <lee-1@acme.com>' },
        },
        decision: {
          action: 'skip',
          reason: 'autoshare_off',
          who: [],
          create: [],
          content: 'full',
          trace: [],
        },
      },
    ]);
    const dry = await server.call('POST', '/api/settings/dry-run', {
      as: lee,
      body: { settings: { autoshareEmails: false, threadAutosave: true } },
    });
    // One email looked at: the first was saved by hand (logged too), which autosharing never decided.
    expect(dry.body).toMatchObject({ looked: 1, saved: 1, skipped: 0 });
  });
});
