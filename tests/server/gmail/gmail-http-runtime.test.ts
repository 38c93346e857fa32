import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disconnectMailbox } from '../../../server/db/mailboxes-repo';
import { getUser } from '../../../server/db/users-repo';
import { deliverToMaildir } from '../../../server/providers/maildir/deliver-to-maildir';
import { connectMaildir } from '../sync/sync-helpers';
import { OidcTestServer } from '../../support/oidc/oidc-test-server';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { startGmailApiStub, type GmailApiStub } from './gmail-api-stub';
import { backends } from '../../support/db/test-databases';

// The Gmail add-on on the Workspace add-ons HTTP runtime: Google-style signed requests (the deployment's system ID
// token as bearer, the user's ID token in the event, both signed by locally generated keys) get the same card model
// as JSON; every /gmail route refuses anything else.

const SERVICE_ACCOUNT = 'service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
const CLIENT_ID = '123456789-addon.apps.googleusercontent.com';
const OAUTH = 'ya29.user-oauth-token';
const ACCESS = 'message-access-token';

const eml = (id: string, extra = '') =>
  [
    `Message-ID: <${id}@mail.acme.com>`,
    'From: Jane Doe <jane.doe@acme.com>',
    'To: Sam Seller <sam@ourco.com>',
    `Subject: Terms ${id}`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    extra,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The signed terms are attached.',
  ]
    .filter((l, i, all) => l !== '' || i === all.length - 2)
    .join('\r\n');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(backends)('Gmail add-on over the Workspace add-ons HTTP runtime (%s)', (backend) => {
  let server: TestServer;
  let oidc: OidcTestServer;
  let gmail: GmailApiStub;

  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    gmail = await startGmailApiStub(OAUTH, ACCESS);
    server = await startTestServer(backend, {
      LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
      LIAISON_GMAIL_ADDON_CLIENT_ID: CLIENT_ID,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
      LIAISON_GMAIL_API_URL: gmail.url,
    });
    for (const id of ['open', 'save', 'dns'])
      gmail.messages.set(id, {
        id,
        threadId: `gthread-${id}`,
        labelIds: ['INBOX'],
        eml: eml(id, id === 'dns' ? 'Cc: freelancer@gmail.com' : ''),
      });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await gmail?.stop();
    await oidc?.stop();
  });

  const systemToken = (path: string, over: Record<string, unknown> = {}, options = {}) =>
    oidc.googleToken(
      { aud: `${server.url}${path}`, email: SERVICE_ACCOUNT, sub: '1029384756', ...over },
      options,
    );
  const userToken = (email = 'sam@ourco.com', over: Record<string, unknown> = {}, options = {}) =>
    oidc.googleToken({ aud: CLIENT_ID, email, ...over }, options);
  const event = async (
    messageId: string | undefined,
    common: { parameters?: Record<string, string>; formInputs?: Record<string, string[]> } = {},
    user?: string,
  ) => ({
    commonEventObject: {
      hostApp: 'GMAIL',
      ...(common.parameters ? { parameters: common.parameters } : {}),
      ...(common.formInputs
        ? {
            formInputs: Object.fromEntries(
              Object.entries(common.formInputs).map(([k, v]) => [k, { stringInputs: { value: v } }]),
            ),
          }
        : {}),
    },
    ...(messageId ? { gmail: { messageId, accessToken: ACCESS } } : {}),
    authorizationEventObject: { userIdToken: user ?? (await userToken()), userOAuthToken: OAUTH },
  });
  const post = async (path: string, body: unknown, bearer?: string) =>
    server.call('POST', path, { as: bearer ?? (await systemToken(path)), body });

  test('message open: the sidebar card as JSON, actions pointing at this server', async () => {
    const res = await post('/gmail/message', await event('open'));
    expect(res.status).toBe(200);
    const card: Json = res.body.action.navigations[0].pushCard;
    expect(card.name).toBe('sidebar');
    expect(card.sections.map((s: Json) => s.header)).toContain('Jane Doe');
    expect(card.fixedFooter.primaryButton).toMatchObject({
      text: 'Save to CRM',
      onClick: { action: { function: `${server.url}/gmail/save` } },
    });
    expect(gmail.served).toContain('metadata open');
    // The same view the Outlook pane gets for this email.
    const pane = await server.call('POST', '/api/sidebar', {
      as: await server.token('sam@ourco.com'),
      body: {
        message: {
          internetMessageId: '<open@mail.acme.com>',
          threadId: 'gthread-open',
          folder: 'inbox',
          from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
          to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
          cc: [],
          bcc: [],
          subject: 'Terms open',
          sentAt: '2026-03-02T10:00:00.000Z',
        },
      },
    });
    expect(JSON.stringify(card)).toContain(JSON.stringify(pane.body.autoshare.line));
  });

  test('with a Workspace domain set, the person’s token must carry it as hd (the deployment’s own token need not)', async () => {
    const settings = server.deps.config.gmailAddon!;
    server.deps.config.gmailAddon = { ...settings, hostedDomain: 'ourco.com' };
    try {
      // The test tokens say hd example.com, as a person of another Workspace would.
      const stranger = await post('/gmail/message', await event('open'));
      expect([stranger.status, stranger.body.error]).toEqual([401, 'token_wrong_tenant']);
      expect(stranger.body.message).toContain(
        'only ourco.com Google Workspace accounts may sign in here, not example.com ones',
      );
      const member = await post(
        '/gmail/message',
        await event('open', {}, await userToken('sam@ourco.com', { hd: 'ourco.com' })),
      );
      expect(member.status).toBe(200);
    } finally {
      server.deps.config.gmailAddon = settings;
    }
  });

  test('save: the whole message is read only now; ledger and subscription; the card updates with a notification', async () => {
    const res = await post(
      '/gmail/save',
      await event('save', {
        formInputs: {
          who: ['contact:con-jane-doe'],
          what: ['opportunity:opp-acme-expansion'],
          level: ['full'],
          autosaveThread: ['on'],
        },
      }),
    );
    expect(res.status).toBe(200);
    const action: Json = res.body.renderActions.action;
    expect(action.notification.text).toBe(
      'Saved to the CRM, linked to 2 records. The next emails in this thread will be saved too.',
    );
    expect(action.navigations[0].updateCard.name).toBe('sidebar');
    expect(gmail.served).toContain('raw save');
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'save@mail.acme.com')
      .executeTakeFirstOrThrow();
    const activity = await server.deps.db
      .selectFrom('crm_activities')
      .selectAll()
      .where('id', '=', ledger.activity_id)
      .executeTakeFirstOrThrow();
    expect(activity.body).toContain('The signed terms are attached.');
    const subs = await server.deps.db
      .selectFrom('thread_subscriptions')
      .selectAll()
      .where('thread_id', '=', 'gthread-save')
      .execute();
    expect(subs).toHaveLength(1);
    // Read from the raw message: a thread's first email is its own root.
    expect(subs[0]!.root_message_id).toBe('save@mail.acme.com');
  });

  test('add links to the saved email: one more contact on the same activity, no content read', async () => {
    const served = gmail.served.length;
    const res = await post(
      '/gmail/add-links',
      await event('save', { formInputs: { who: ['contact:con-john-smith'] } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.renderActions.action.notification.text).toBe('Linked to 1 more record.');
    expect(gmail.served.slice(served)).not.toContain('raw save'); // only the envelope was read
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'save@mail.acme.com')
      .executeTakeFirstOrThrow();
    expect(ledger.linked_records).toContainEqual({ kind: 'contact', id: 'con-john-smith' });
    const activities = await server.deps.db
      .selectFrom('crm_activities')
      .select('id')
      .where('source_message_id', '=', 'save@mail.acme.com')
      .execute();
    expect(activities).toEqual([{ id: ledger.activity_id }]);
  });

  test('Do Not Sync: blacklisted at once, the updated card hides the address', async () => {
    const res = await post(
      '/gmail/do-not-sync',
      await event('dns', { parameters: { address: 'freelancer@gmail.com' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.renderActions.action.notification.text).toMatch(
      /^freelancer@gmail\.com is on your Do Not Sync list/,
    );
    expect(JSON.stringify(res.body.renderActions.action.navigations[0].updateCard)).toContain(
      '1 participant is hidden: Do Not Sync.',
    );
    const list = await server.call('GET', '/api/blacklist', { as: await server.token('sam@ourco.com') });
    expect(list.body.mine).toContain('freelancer@gmail.com');
  });

  test('homepage, trace and create-record: the same flows as Apps Script', async () => {
    const home = await post('/gmail/homepage', await event(undefined));
    expect(home.body.action.navigations[0].pushCard.name).toBe('home');

    const trace = await post('/gmail/trace', await event('open'));
    const traceCard: Json = trace.body.renderActions.action.navigations[0].pushCard;
    expect(traceCard.name).toBe('trace');
    expect(traceCard.sections[1].widgets.length).toBeGreaterThan(3);

    const refused = await post(
      '/gmail/create-record',
      await event('open', {
        parameters: { kind: 'lead', email: 'nolast@newco.io' },
        formInputs: { firstName: ['No'], lastName: [''] },
      }),
    );
    expect(refused.body.renderActions.action.notification.text).toBe('Not created: a last name is required');
    expect(refused.body.renderActions.action.navigations[0].updateCard.name).toBe('create-record');

    const created = await post(
      '/gmail/create-record',
      await event('open', {
        parameters: { kind: 'lead', email: 'lena@newco.io' },
        formInputs: { firstName: ['Lena'], lastName: ['Novak'], company: ['Newco'] },
      }),
    );
    expect(created.body.renderActions.action).toMatchObject({
      navigations: [{ popToRoot: true }, { updateCard: { name: 'sidebar' } }],
      notification: { text: 'The lead for lena@newco.io is in the CRM.' },
    });
    const search = await server.call('GET', '/api/records/search?q=lena', {
      as: await server.token('sam@ourco.com'),
    });
    expect(search.body.hits).toEqual([
      expect.objectContaining({ name: 'Lena Novak', ref: expect.objectContaining({ kind: 'lead' }) }),
    ]);
  });

  test("create-form: the empty fields filled from the sender's latest email (read by the server itself), with their sources as hints; create-record sends the phones", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gmail-http-prefill-'));
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
          'm: +1 617 555 0199\r\n',
      ].join('\r\n'),
      { mtime: new Date('2026-03-03T09:00:00Z') },
    );
    // Sam's user keeps its connection time and status afterwards: the other cases read his autosharing.
    const before = await getUser(server.deps.db, server.sam.id);
    await connectMaildir(server.deps.db, server.sam.id, dir, new Date('2026-03-01T00:00:00Z'));
    try {
      const opened = await post(
        '/gmail/create-form',
        await event('open', {
          parameters: {
            kind: 'lead',
            email: 'nina.patel@vertexhealth.com',
            displayName: 'Nina Patel',
            firstName: 'Nina',
            lastName: '',
            company: 'Vertexhealth',
          },
        }),
      );
      const card: Json = opened.body.renderActions.action.navigations[0].pushCard;
      expect(card.name).toBe('create-record');
      const fields = Object.fromEntries(
        card.sections
          .flatMap((s: Json) => s.widgets)
          .filter((w: Json) => w.textInput)
          .map((w: Json) => [w.textInput.name, [w.textInput.value, w.textInput.hintText]]),
      );
      const signature = expect.stringMatching(/^From the signature of “Demo next week”, 3 Mar( 2026)?$/);
      expect(fields).toEqual({
        firstName: ['Nina', undefined],
        lastName: ['Patel', 'From the name on the email'],
        title: ['Director of IT', signature],
        phone: ['', undefined],
        mobilePhone: ['+1 617 555 0199', signature],
        company: ['Vertex Health', signature],
      });

      const created = await post(
        '/gmail/create-record',
        await event('open', {
          parameters: card.fixedFooter.primaryButton.onClick.action.parameters.reduce(
            (all: Record<string, string>, p: { key: string; value: string }) => ({
              ...all,
              [p.key]: p.value,
            }),
            {},
          ),
          formInputs: Object.fromEntries(
            Object.entries(fields).map(([name, [value]]) => [name, [value as string]]),
          ),
        }),
      );
      expect(created.body.renderActions.action.notification.text).toBe(
        'The lead for nina.patel@vertexhealth.com is in the CRM.',
      );
      const lead = await server.deps.db
        .selectFrom('crm_leads')
        .selectAll()
        .where('last_name', '=', 'Patel')
        .executeTakeFirstOrThrow();
      expect(lead).toMatchObject({
        first_name: 'Nina',
        last_name: 'Patel',
        title: 'Director of IT',
        company: 'Vertex Health',
        phone: null,
        mobile_phone: '+1 617 555 0199',
      });

      // Bad input to the details step is one line on the form, which still opens.
      const bad = await post(
        '/gmail/create-form',
        await event('open', { parameters: { kind: 'lead', email: 'not an address', lastName: 'X' } }),
      );
      const badCard: Json = bad.body.renderActions.action.navigations[0].pushCard;
      expect(badCard.sections[0].widgets[0].textParagraph.text).toBe(
        'Details could not be read from their emails: "not an address" is not an email address.',
      );
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

  test('a Gmail API failure is a message card, not an error page', async () => {
    const res = await post('/gmail/message', await event('missing'));
    expect(res.status).toBe(200);
    const card: Json = res.body.action.navigations[0].pushCard;
    expect(card.name).toBe('message');
    expect(JSON.stringify(card)).toContain('Gmail did not return the open email (HTTP 404).');
  });

  test('issue 18 over HTTP: records open in the CRM in a new tab, Search the CRM, thread auto-save off, compose', async () => {
    const opened = await post('/gmail/message', await event('open'));
    const card: Json = opened.body.action.navigations[0].pushCard;
    const widgets: Json[] = card.sections.flatMap((s: Json) => s.widgets);
    const jane = widgets.find((w) => w.decoratedText?.text === 'Jane Doe').decoratedText;
    expect(jane.onClick).toEqual({
      openLink: { url: `${server.url}/crm/records/contact/con-jane-doe`, openAs: 'FULL_SIZE' },
    });
    const search = widgets.flatMap((w) => w.buttonList?.buttons ?? []).find((b: Json) => b.text === 'Search');
    expect(search.onClick.action).toEqual({
      function: `${server.url}/gmail/search`,
      parameters: [
        { key: 'card', value: 'email' },
        { key: 'found', value: '[]' },
      ],
    });

    const found = await post(
      '/gmail/search',
      await event('open', {
        parameters: { card: 'email', found: '[]' },
        formInputs: { query: ['Lumbergh'] },
      }),
    );
    expect(found.status).toBe(200);
    expect(found.body.renderActions.action.notification.text).toBe(
      '1 record found for "Lumbergh": pick it in the form above.',
    );
    expect(JSON.stringify(found.body)).toContain('"value":"contact:con-bill-lumbergh"');

    // Thread auto-save on by a save, then off from the card.
    await post(
      '/gmail/save',
      await event('save', { formInputs: { who: ['contact:con-jane-doe'], autosaveThread: ['on'] } }),
    );
    const off = await post(
      '/gmail/autosave-off',
      await event('save', { parameters: { threadId: 'gthread-save' } }),
    );
    expect(off.body.renderActions.action.notification.text).toBe('Thread auto-save is off for this thread.');
    const left = await server.deps.db
      .selectFrom('thread_subscriptions')
      .select('thread_id')
      .where('thread_id', '=', 'gthread-save')
      .execute();
    expect(left).toEqual([]);

    // Compose: a new email is told Save when sent works on replies; a reply gets its recipients' records.
    const fresh = await post('/gmail/compose', await event(undefined));
    expect(JSON.stringify(fresh.body)).toContain('Save when sent works on replies in Gmail');
    const reply = {
      ...(await event(undefined, { formInputs: { who: ['contact:con-jane-doe'] } })),
      gmail: { threadId: 'gthread-open', toRecipients: ['jane.doe@acme.com'] },
    };
    const compose = await post('/gmail/compose', reply);
    expect(JSON.stringify(compose.body)).toContain('"value":"contact:con-jane-doe"');
    // Save when sent keeps the pick under the reply's thread, as POST /api/save/when-sent does.
    const kept = await post('/gmail/save-when-sent', reply);
    expect(kept.body.renderActions.action.notification.text).toMatch(
      /^Kept: the next email you send in this thread is saved to the CRM with your pick \(until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/,
    );
    const picked = await server.deps.db
      .selectFrom('save_picks')
      .select(['thread_id', 'who', 'used_at'])
      .where('thread_id', '=', 'gthread-open')
      .execute();
    expect(picked).toEqual([
      { thread_id: 'gthread-open', who: [{ kind: 'contact', id: 'con-jane-doe' }], used_at: null },
    ]);
    // A draft with no thread (a new email) is refused with the sentence, nothing kept.
    const unthreaded = await post('/gmail/save-when-sent', {
      ...(await event(undefined, { formInputs: { who: ['contact:con-jane-doe'] } })),
      gmail: { toRecipients: ['jane.doe@acme.com'] },
    });
    expect(JSON.stringify(unthreaded.body)).toContain('Save when sent works on replies in Gmail');
  });

  test('every /gmail route refuses unsigned, tampered, expired, misdirected and foreign requests', async () => {
    const routes = server.app.routeTable.filter((r) => r.url.startsWith('/gmail/') && r.method === 'POST');
    expect(routes.map((r) => r.url).sort()).toEqual(
      [
        'add-links',
        'autosave-off',
        'compose',
        'create-form',
        'create-record',
        'do-not-sync',
        'event',
        'homepage',
        'message',
        'refresh',
        'save',
        'save-meeting',
        'save-when-sent',
        'search',
        'trace',
      ]
        .map((p) => `/gmail/${p}`)
        .sort(),
    );
    for (const { url } of routes) {
      const good = await systemToken(url);
      const [h, p, s] = good.split('.') as [string, string, string];
      const cases: [string | undefined, unknown, number, string][] = [
        [undefined, await event('open'), 401, 'unauthorized'],
        [
          `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`,
          await event('open'),
          401,
          'token_bad_signature',
        ],
        [await systemToken(url, {}, { expiresIn: -600 }), await event('open'), 401, 'token_expired'],
        [await systemToken('/gmail/elsewhere'), await event('open'), 401, 'token_wrong_audience'],
        [
          await systemToken(url, { email: 'someone@evil.example' }),
          await event('open'),
          401,
          'token_wrong_caller',
        ],
        [await systemToken(url, {}, { unpublishedKey: true }), await event('open'), 401, 'token_unknown_key'],
        [await server.token('sam@ourco.com'), await event('open'), 401, 'token_unknown_issuer'],
        [good, { gmail: { messageId: 'open', accessToken: ACCESS } }, 401, 'token_malformed'],
        [
          good,
          await event('open', {}, await userToken('sam@ourco.com', { aud: 'another-app' })),
          401,
          'token_wrong_audience',
        ],
        [
          good,
          await event('open', {}, await userToken('sam@ourco.com', { email_verified: false })),
          401,
          'token_no_email',
        ],
        [good, await event('open', {}, await userToken('someone@elsewhere.com')), 403, 'forbidden'],
      ];
      for (const [bearer, body, status, code] of cases) {
        const res = await server.call('POST', url, { ...(bearer ? { as: bearer } : {}), body });
        expect([url, code, res.status, res.body?.error]).toEqual([url, code, status, code]);
      }
    }
  });
});
