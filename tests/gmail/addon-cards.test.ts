import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_NAMES, TRIGGER_NAMES } from '../../gmail-addon/apps-script/function-names';
import { OidcTestServer } from '../support/oidc/oidc-test-server';
import { startTestServer, type TestServer } from '../support/server/test-server';
import type { FakeMessage } from './support/apps-script-stand-ins';
import { gmailMessage } from './support/gmail-fixtures';
import { startAddonHarness, type AddonHarness } from './support/addon-harness';
import { buttons, inputs, shownCard, words } from './support/card-reading';
import { backends } from '../support/db/test-databases';

// The built Code.js in Node's vm with Apps Script stand-ins, against a real server on the embedded database that
// verifies the Google identity token the add-on sends: the cards for each kind of email, and a server error.

const CLIENT_ID = '1234-liaison-gmail.apps.googleusercontent.com';
const ACCESS = 'current-message-token';

const opened = (id: string) => ({ gmail: { messageId: id, accessToken: ACCESS } });

describe.each(backends)('Gmail add-on cards (Code.js in vm, real server on %s)', (backend) => {
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
  afterEach(() => {
    addon.respond = undefined;
  });

  const open = async (message: FakeMessage) => {
    addon.setMessage(message);
    return shownCard(await addon.run(TRIGGER_NAMES.messageOpen, opened(message.id), google));
  };

  test('the bundle defines a top-level function for every trigger and action, and the manifest names the triggers', () => {
    const code = readFileSync(join(addon.dir, 'Code.js'), 'utf8');
    for (const name of [...Object.values(FUNCTION_NAMES), ...Object.values(TRIGGER_NAMES)])
      expect(code).toMatch(new RegExp(`^function ${name}\\(e\\) \\{$`, 'm'));
    const manifest = JSON.parse(readFileSync(join(addon.dir, 'appsscript.json'), 'utf8'));
    expect(manifest.addOns.common.homepageTrigger.runFunction).toBe(TRIGGER_NAMES.homepage);
    expect(manifest.addOns.gmail.contextualTriggers[0].onTriggerFunction).toBe(TRIGGER_NAMES.messageOpen);
    expect(manifest.urlFetchWhitelist).toEqual([`${server.url}/`]);
    // The current message's metadata on open and its content only when the rep acts; never the whole mailbox.
    expect(
      manifest.oauthScopes.filter((s: string) =>
        /gmail\.(readonly|modify|compose)|mail\.google\.com/.test(s),
      ),
    ).toEqual([]);
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/gmail.addons.current.message.metadata',
        'https://www.googleapis.com/auth/gmail.addons.current.message.action',
        'https://www.googleapis.com/auth/script.external_request',
        'openid',
      ]),
    );
  });

  test('homepage: a card that says what to do', async () => {
    const card = shownCard(await addon.run(TRIGGER_NAMES.homepage, {}, google));
    expect(card.name).toBe('home');
    expect(words(card).join(' ')).toMatch(/Open an email/);
  });

  test('known contact: the person with account, open opportunities, the autosharing line and the save form', async () => {
    const card = await open(gmailMessage('known'));
    const request = addon.requests.at(-1)!;
    expect(request).toMatchObject({
      url: `${server.url}/api/sidebar`,
      method: 'POST',
      authorization: `Bearer ${google}`,
    });
    expect(request.body).toMatchObject({
      message: {
        internetMessageId: '<known@mail.acme.com>',
        threadId: 'gthread-known',
        folder: 'inbox',
        from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
        to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
      },
    });
    expect((request.body as { message: object }).message).not.toHaveProperty('bodyText'); // metadata only on open
    expect(card.name).toBe('sidebar');
    expect(card.sections.map((s) => s.header)).toContain('Jane Doe');
    const text = words(card);
    expect(text).toEqual(
      expect.arrayContaining([
        'Contact · from',
        'Acme Corporation',
        'Acme — UK expansion',
        'Open opportunity · yours',
        // The amount in the CRM's currency (the embedded CRM's USD).
        'Negotiation · $48,000 · closes 2026-06-30',
      ]),
    );
    expect(
      text.find((t) => t.startsWith('Will be saved at the next sync, linked to Jane Doe')),
    ).toBeDefined();
    const who = inputs(card).find((i) => i.fieldName === 'who')!;
    expect(who.items).toContainEqual({
      text: 'Jane Doe (contact)',
      value: 'contact:con-jane-doe',
      selected: true,
    });
    expect(inputs(card).find((i) => i.fieldName === 'autosaveThread')).toMatchObject({
      selected: false,
      value: 'on',
    });
    expect(buttons(card)).toEqual(
      expect.arrayContaining([
        { text: 'Why?', fn: FUNCTION_NAMES.showTrace },
        // The save carries the default level and the server's file limit: files are read only at `full`.
        {
          text: 'Save to CRM',
          fn: FUNCTION_NAMES.save,
          parameters: { defaultLevel: 'full', attachmentLimitMb: '25' },
        },
      ]),
    );
  });

  test('parity over HTTP: the Outlook pane (POST /api/sidebar) and the Gmail card show the same people, suggestions and line', async () => {
    const message = gmailMessage('parity', {
      cc: 'Bruce Wayne <bruce@wayne-enterprises.com>, nora@acme.com',
    });
    const card = await open(message);
    const sent = addon.requests.at(-1)!.body as { message: unknown };
    const pane = await server.call('POST', '/api/sidebar', {
      as: await server.token('sam@ourco.com'),
      body: sent,
    });
    expect(pane.status).toBe(200);
    const personHeaders = card.sections.filter((s) => s.collapsible).map((s) => s.header);
    expect(personHeaders).toEqual(pane.body.people.map((p: { name: string }) => p.name));
    expect(personHeaders).toEqual(['Jane Doe', 'Bruce Wayne']);
    const doNotSync = buttons(card).filter((b) => b.text === 'Do Not Sync');
    expect(doNotSync.map((b) => b.parameters?.address)).toEqual(
      pane.body.suggestions.map((s: { address: string }) => s.address),
    );
    expect(words(card)).toContain(pane.body.autoshare.line);
  });

  test('a lead: shown as a lead, linkable when saving', async () => {
    const card = await open(gmailMessage('lead', { from: 'Bruce Wayne <bruce@wayne-enterprises.com>' }));
    expect(card.sections.map((s) => s.header)).toContain('Bruce Wayne');
    expect(words(card)).toContain('Lead · from');
    expect(inputs(card).find((i) => i.fieldName === 'who')!.items).toContainEqual(
      expect.objectContaining({ value: 'lead:lea-bruce-wayne' }),
    );
  });

  test('unknown senders: New records with Create contact at the matching account, Create lead, Do Not Sync', async () => {
    const card = await open(
      gmailMessage('unknown', { from: 'New Guy <newguy@acme.com>', cc: 'freelancer@gmail.com' }),
    );
    const text = words(card);
    expect(text).toContain('Nobody on this email is in the CRM yet.');
    expect(text).toContain('New records');
    expect(text).toContain('newguy@acme.com · New contact at Acme Corporation');
    expect(buttons(card)).toEqual(
      expect.arrayContaining([
        {
          text: 'Create contact',
          fn: FUNCTION_NAMES.openCreateForm,
          parameters: expect.objectContaining({
            kind: 'contact',
            email: 'newguy@acme.com',
            accountId: 'acc-acme',
          }),
        },
        {
          text: 'Create lead',
          fn: FUNCTION_NAMES.openCreateForm,
          parameters: expect.objectContaining({ kind: 'lead', email: 'freelancer@gmail.com' }),
        },
        {
          text: 'Do Not Sync',
          fn: FUNCTION_NAMES.doNotSync,
          parameters: { address: 'freelancer@gmail.com' },
        },
      ]),
    );
    expect(text.join(' ')).toMatch(/No contact or lead to link it to/);
    expect(card.fixedFooter).toBeUndefined();
  });

  test('a blacklisted sender is hidden, with a count', async () => {
    const sam = await server.token('sam@ourco.com');
    await server.call('POST', '/api/blacklist', { as: sam, body: { entries: 'old.friend@blocked.io' } });
    const card = await open(
      gmailMessage('blocked', { from: 'Old Friend <old.friend@blocked.io>', cc: 'jane.doe@acme.com' }),
    );
    const text = words(card).join('\n');
    expect(text).toContain('1 participant is hidden: Do Not Sync.');
    expect(text).not.toContain('blocked.io');
    expect(text).not.toContain('Old Friend');
    expect(text).toContain('Jane Doe');
  });

  test('an already saved email says who saved it and where, with no save form: Add links instead', async () => {
    const sam = await server.token('sam@ourco.com');
    const message = gmailMessage('saved');
    const saved = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: {
          internetMessageId: '<saved@mail.acme.com>',
          threadId: 'gthread-saved',
          folder: 'inbox',
          from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
          to: [{ address: 'sam@ourco.com' }],
          cc: [],
          bcc: [],
          subject: message.subject,
          sentAt: message.date,
        },
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
      },
    });
    expect(saved.status).toBe(200);
    const card = await open(message);
    const text = words(card);
    expect(text).toContain('Already saved to the CRM.');
    expect(
      text.find((t) => /^Saved by Sam Seller on \d{4}-\d\d-\d\d, linked to Jane Doe\.$/.test(t)),
    ).toBeDefined();
    expect(text).not.toContain('Save this email');
    expect(text).toContain('Add links to the saved email');
    expect(card.fixedFooter?.primaryButton.text).toBe('Add links');
  });

  test('a server error becomes a clear message card with Try again, never a crash', async () => {
    addon.respond = () => ({
      status: 503,
      body: JSON.stringify({
        error: 'unavailable',
        message: 'Liaison is restarting; try again in a minute.',
      }),
    });
    let card = await open(gmailMessage('down'));
    expect(card.name).toBe('message');
    expect(words(card)).toEqual(
      expect.arrayContaining(['Could not load this email', 'Liaison is restarting; try again in a minute.']),
    );
    expect(buttons(card)).toEqual([{ text: 'Try again', fn: FUNCTION_NAMES.refresh }]);

    addon.respond = () => ({ status: 502, body: '<html>Bad gateway</html>' });
    card = await open(gmailMessage('down'));
    expect(words(card)).toContain("Liaison's server answered 502 (http_error).");
  });

  test('a refused sign-in says so on the card', async () => {
    const expired = await oidc.googleToken({ aud: CLIENT_ID, email: 'sam@ourco.com' }, { expiresIn: -600 });
    addon.setMessage(gmailMessage('expired'));
    const card = shownCard(await addon.run(TRIGGER_NAMES.messageOpen, opened('expired'), expired));
    expect(card.name).toBe('message');
    expect(words(card).join(' ')).toMatch(/Liaison did not accept your Google sign-in: .*expired/);
  });
});
