import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disconnectMailbox } from '../../server/db/mailboxes-repo';
import { getUser } from '../../server/db/users-repo';
import { deliverToMaildir } from '../../server/providers/maildir/deliver-to-maildir';
import { connectMaildir } from '../server/sync/sync-helpers';
import { FUNCTION_NAMES, TRIGGER_NAMES } from '../../gmail-addon/apps-script/function-names';
import { OidcTestServer } from '../support/oidc/oidc-test-server';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { startAddonHarness, type AddonHarness } from './support/addon-harness';
import { buttons, inputs, navigation, notification, shownCard, words } from './support/card-reading';
import { gmailMessage } from './support/gmail-fixtures';
import { backends } from '../support/db/test-databases';

// The add-on's actions from Code.js, against a real server on the embedded database: what the server's ledger,
// CRM, subscriptions and blacklist hold afterwards, and what the card and notification say.

const CLIENT_ID = '1234-liaison-gmail.apps.googleusercontent.com';
const ACCESS = 'current-message-token';

const event = (
  messageId: string,
  common: { parameters?: Record<string, string>; formInputs?: Record<string, string[]> } = {},
) => ({
  gmail: { messageId, accessToken: ACCESS },
  commonEventObject: {
    ...(common.parameters ? { parameters: common.parameters } : {}),
    ...(common.formInputs
      ? {
          formInputs: Object.fromEntries(
            Object.entries(common.formInputs).map(([k, v]) => [k, { stringInputs: { value: v } }]),
          ),
        }
      : {}),
  },
});

describe.each(backends)('Gmail add-on actions (Code.js in vm, real server on %s)', (backend) => {
  let server: TestServer;
  let oidc: OidcTestServer;
  let addon: AddonHarness;
  let google: string;

  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    server = await startTestServer(backend, {
      LIAISON_GOOGLE_CLIENT_ID: CLIENT_ID,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    addon = await startAddonHarness({
      serverUrl: server.url,
      userEmail: 'sam@ourco.com',
      accessToken: ACCESS,
    });
    google = await oidc.googleToken({ aud: CLIENT_ID, email: 'sam@ourco.com' });
  }, 90_000);
  afterAll(async () => {
    await addon?.close();
    await server?.close();
    await oidc?.stop();
  });

  test('Save with an opportunity, a level and thread auto-save: ledger, activity and subscription; the card shows it saved', async () => {
    // A reply: the add-on reads References with GmailApp's getHeader, so the subscription also names the root.
    addon.setMessage(
      gmailMessage('save1', {
        headers: {
          'Message-ID': '<save1@mail.acme.com>',
          References: '<terms-root@mail.acme.com> <terms-2@mail.acme.com>',
          'In-Reply-To': '<terms-2@mail.acme.com>',
        },
      }),
    );
    const result = await addon.run(
      FUNCTION_NAMES.save,
      event('save1', {
        formInputs: {
          who: ['contact:con-jane-doe'],
          what: ['opportunity:opp-acme-expansion'],
          level: ['full'],
          autosaveThread: ['on'],
        },
      }),
      google,
    );
    const sent = addon.requests.find((r) => r.url.endsWith('/api/save'))!;
    expect(sent.body).toMatchObject({
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: 'opp-acme-expansion' },
      level: 'full',
      autosaveThread: true,
      message: { bodyText: 'Please find the terms attached.', threadId: 'gthread-save1' },
    });
    expect(navigation(result)).toEqual(['updateCard']);
    expect(notification(result)).toBe(
      'Saved to the CRM, linked to 2 records. The next emails in this thread will be saved too.',
    );
    const card = shownCard(result);
    expect(words(card)).toEqual(
      expect.arrayContaining([
        'Already saved to the CRM.',
        'Every email in this thread is saved, linked to Acme — UK expansion.',
      ]),
    );

    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'save1@mail.acme.com')
      .execute();
    expect(ledger).toHaveLength(1);
    const activity = await server.deps.db
      .selectFrom('crm_activities')
      .selectAll()
      .where('id', '=', ledger[0]!.activity_id)
      .executeTakeFirstOrThrow();
    expect(activity.subject).toBe('Renewal terms save1');
    expect(activity.body).toContain('Please find the terms attached.'); // full level: the body was sent and kept
    const subscriptions = await server.deps.db
      .selectFrom('thread_subscriptions')
      .selectAll()
      .where('user_id', '=', server.sam.id)
      .where('thread_id', '=', 'gthread-save1')
      .execute();
    expect(subscriptions).toEqual([
      expect.objectContaining({
        what_kind: 'opportunity',
        what_id: 'opp-acme-expansion',
        root_message_id: 'terms-root@mail.acme.com',
      }),
    ]);
  });

  test('Save again: the server refuses and the notification says it is already saved', async () => {
    const result = await addon.run(
      FUNCTION_NAMES.save,
      event('save1', { formInputs: { who: ['contact:con-jane-doe'] } }),
      google,
    );
    expect(notification(result)).toMatch(/^Not saved: .*already saved/i);
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .select('message_id')
      .where('message_id', '=', 'save1@mail.acme.com')
      .execute();
    expect(ledger).toHaveLength(1);
  });

  test('A saved email offers "Add links to the saved email", never a second save; the links reach the activity', async () => {
    addon.setMessage(gmailMessage('links', { cc: 'John Smith <john.smith@acme.com>' }));
    const saved = await addon.run(
      FUNCTION_NAMES.save,
      event('links', { formInputs: { who: ['contact:con-jane-doe'] } }),
      google,
    );
    const card = shownCard(saved);
    expect(card.sections.map((s) => s.header)).toContain('Add links to the saved email');
    expect(card.sections.map((s) => s.header)).not.toContain('Save this email');
    expect(words(card)).toEqual(
      expect.arrayContaining(['John Smith (contact)', 'Acme — UK expansion (opportunity)']),
    );
    expect(words(card)).not.toContain('Jane Doe (contact)'); // linked already
    const footer = buttons(card).at(-1)!;
    expect(footer).toMatchObject({ text: 'Add links', fn: FUNCTION_NAMES.addLinks });

    const result = await addon.run(
      footer.fn,
      event('links', {
        formInputs: { who: ['contact:con-john-smith'], what: ['opportunity:opp-acme-expansion'] },
      }),
      google,
    );
    expect(notification(result)).toBe('Linked to 2 more records.');
    const sent = addon.requests.find((r) => r.url.endsWith('/api/save/links'))!;
    expect(sent.body).not.toHaveProperty('message.bodyText'); // adding links sends no content
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'links@mail.acme.com')
      .executeTakeFirstOrThrow();
    expect(ledger.linked_records).toEqual([
      { kind: 'contact', id: 'con-jane-doe' },
      { kind: 'contact', id: 'con-john-smith' },
      { kind: 'opportunity', id: 'opp-acme-expansion' },
    ]);
    const links = await server.deps.db
      .selectFrom('crm_activity_links')
      .select(['role', 'record_id'])
      .where('activity_id', '=', ledger.activity_id)
      .execute();
    expect(links).toHaveLength(3);
    // Everything is linked now and thread auto-save is left: the card still offers only that.
    const after = shownCard(result);
    expect(words(after)).toContain(
      'It is related to Acme — UK expansion already; a CRM activity has one related record.',
    );
  });

  test('Save with nobody picked asks for a record and saves nothing', async () => {
    addon.setMessage(gmailMessage('save2'));
    const result = await addon.run(FUNCTION_NAMES.save, event('save2', { formInputs: {} }), google);
    expect(notification(result)).toBe('Pick at least one contact or lead to link.');
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .select('message_id')
      .where('message_id', '=', 'save2@mail.acme.com')
      .execute();
    expect(ledger).toEqual([]);
  });

  test('Do Not Sync blacklists the address at once; the card hides it and says so', async () => {
    addon.setMessage(gmailMessage('dns', { cc: 'freelancer@gmail.com' }));
    const before = shownCard(await addon.run(TRIGGER_NAMES.messageOpen, event('dns'), google));
    const dns = buttons(before).find((b) => b.text === 'Do Not Sync')!;
    expect(dns.parameters).toEqual({ address: 'freelancer@gmail.com' });

    const result = await addon.run(dns.fn, event('dns', { parameters: dns.parameters! }), google);
    expect(notification(result)).toBe(
      'freelancer@gmail.com is on your Do Not Sync list: it will never be saved or shown.',
    );
    const after = shownCard(result);
    expect(words(after)).toContain('1 participant is hidden: Do Not Sync.');
    expect(words(after).join(' ')).not.toContain('freelancer@gmail.com');
    const list = await server.call('GET', '/api/blacklist', { as: await server.token('sam@ourco.com') });
    expect(list.body.mine).toContain('freelancer@gmail.com');
  });

  test('Create contact: the form opens prefilled, the contact is created, the sidebar shows the person', async () => {
    addon.setMessage(gmailMessage('create', { from: '"Guy, New" <newguy@acme.com>' }));
    const sidebar = shownCard(await addon.run(TRIGGER_NAMES.messageOpen, event('create'), google));
    const create = buttons(sidebar).find((b) => b.text === 'Create contact')!;

    const opened = await addon.run(create.fn, event('create', { parameters: create.parameters! }), google);
    expect(navigation(opened)).toEqual(['pushCard']);
    const form = shownCard(opened);
    expect(form.name).toBe('create-record');
    expect(inputs(form).map((i) => [i.fieldName, i.value])).toEqual([
      ['firstName', 'New'],
      ['lastName', 'Guy'],
      ['title', ''],
      ['phone', ''],
      ['mobilePhone', ''],
      ['company', 'Acme Corporation'],
    ]);
    // Sam has no mailbox connected: the details step says so, and the suggestion's names had the fields already.
    expect(words(form)).toContain('No mailbox is connected on My mailbox, so only the name shown was read.');
    expect(inputs(form).filter((i) => i.hint)).toEqual([]);
    const submit = buttons(form).find((b) => b.text === 'Create contact')!;

    const result = await addon.run(
      submit.fn,
      event('create', {
        parameters: submit.parameters!,
        formInputs: { firstName: ['Newton'], lastName: ['Guy'], company: ['Acme Corporation'] },
      }),
      google,
    );
    expect(navigation(result)).toEqual(['popToRoot', 'updateCard']);
    expect(notification(result)).toBe('The contact for newguy@acme.com is in the CRM.');
    const card = shownCard(result);
    expect(card.sections.map((s) => s.header)).toContain('Newton Guy');
    const search = await server.call('GET', '/api/records/search?q=newguy', {
      as: await server.token('sam@ourco.com'),
    });
    expect(search.body.hits).toEqual([
      expect.objectContaining({ ref: expect.objectContaining({ kind: 'contact' }), name: 'Newton Guy' }),
    ]);
  });

  test("Create lead: the empty fields fill in from the sender's latest email, each with its source; the create carries the phones", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gmail-prefill-'));
    await deliverToMaildir(
      dir,
      'INBOX',
      [
        'From: Nina Patel <nina.patel@vertexhealth.com>',
        'To: Sam Seller <sam@ourco.com>',
        'Subject: Demo next week',
        'Date: Tue, 3 Mar 2026 09:00:00 +0000',
        'Message-ID: <demo-next-week@vertexhealth.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hi Sam,\r\n\r\nThursday works.\r\n\r\nBest,\r\nNina Patel\r\nDirector of IT at Vertex Health\r\n' +
          'p: 617 253 1000 x 331\r\nm: +1 617 555 0199\r\n',
      ].join('\r\n'),
      { mtime: new Date('2026-03-03T09:00:00Z') },
    );
    // Sam's user keeps its connection time and status afterwards: the other cases read his autosharing.
    const before = await getUser(server.deps.db, server.sam.id);
    await connectMaildir(server.deps.db, server.sam.id, dir, new Date('2026-03-01T00:00:00Z'));
    try {
      addon.setMessage(gmailMessage('prefill', { from: 'Nina Patel <nina.patel@vertexhealth.com>' }));
      const sidebar = shownCard(await addon.run(TRIGGER_NAMES.messageOpen, event('prefill'), google));
      const create = buttons(sidebar).find((b) => b.text === 'Create lead')!;
      expect(create.parameters).toMatchObject({
        displayName: 'Nina Patel',
        email: 'nina.patel@vertexhealth.com',
      });
      const opened = await addon.run(create.fn, event('prefill', { parameters: create.parameters! }), google);
      const sent = addon.requests.filter((r) => r.url.endsWith('/api/records/details')).at(-1)!;
      expect(sent.body).toEqual({
        address: 'nina.patel@vertexhealth.com',
        displayName: 'Nina Patel',
      });
      const form = shownCard(opened);
      // The year shows only when it is not this year's.
      const signature = expect.stringMatching(/^From the signature of “Demo next week”, 3 Mar( 2026)?$/);
      const seen = Object.fromEntries(inputs(form).map((i) => [i.fieldName, [i.value, i.hint]]));
      expect(seen).toEqual({
        // The suggestion had the names already (its values stay, with no source claimed).
        firstName: ['Nina', undefined],
        lastName: ['Patel', undefined],
        title: ['Director of IT', signature],
        phone: ['+1 617 253 1000 ext. 331', signature],
        mobilePhone: ['+1 617 555 0199', signature],
        // The suggestion's company was only a guess from the domain ("Vertexhealth"): the signature's replaces it.
        company: ['Vertex Health', signature],
      });
      const submit = buttons(form).find((b) => b.text === 'Create lead')!;
      const result = await addon.run(
        submit.fn,
        event('prefill', {
          parameters: submit.parameters!,
          formInputs: Object.fromEntries(
            inputs(form).map((i) => [i.fieldName as string, [i.value as string]]),
          ),
        }),
        google,
      );
      expect(notification(result)).toBe('The lead for nina.patel@vertexhealth.com is in the CRM.');
      const lead = await server.deps.db
        .selectFrom('crm_leads')
        .selectAll()
        .where('last_name', '=', 'Patel')
        .executeTakeFirstOrThrow();
      expect(lead).toMatchObject({
        title: 'Director of IT',
        phone: '+1 617 253 1000 ext. 331',
        mobile_phone: '+1 617 555 0199',
        company: 'Vertex Health',
      });
    } finally {
      await disconnectMailbox(server.deps.db, server.sam.id);
      await server.deps.db
        .updateTable('users')
        .set({
          connected_at: before?.connectedAt ?? null,
          status: before?.status ?? 'inactive',
          status_details: before?.statusDetails ?? null,
        })
        .where('id', '=', server.sam.id)
        .execute();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('Create with no last name: the server refuses, the form stays with the reason', async () => {
    const result = await addon.run(
      FUNCTION_NAMES.createRecord,
      event('create', {
        parameters: { kind: 'lead', email: 'someone@newco.io' },
        formInputs: { firstName: ['Some'], lastName: [''], company: ['Newco'] },
      }),
      google,
    );
    expect(navigation(result)).toEqual(['updateCard']);
    expect(shownCard(result).name).toBe('create-record');
    expect(notification(result)).toMatch(/^Not created: .*last name/);
  });

  test('Why? pushes the trace behind the autosharing line', async () => {
    addon.setMessage(gmailMessage('trace'));
    const result = await addon.run(FUNCTION_NAMES.showTrace, event('trace'), google);
    expect(navigation(result)).toEqual(['pushCard']);
    const card = shownCard(result);
    expect(card.name).toBe('trace');
    const text = words(card);
    expect(text.slice(0, 3)).toEqual([
      'Why',
      'Renewal terms trace',
      expect.stringMatching(/^Will be saved at the next sync/),
    ]);
    expect(text).toContain('How the rules read this email');
    expect(text.filter((t) => /^\d+\. /.test(t)).length).toBeGreaterThan(3);
    expect(text.some((t) => t.includes('contact Jane Doe'))).toBe(true); // by name, not by CRM id
    expect(text.join(' ')).not.toContain('con-jane-doe');
  });
});
