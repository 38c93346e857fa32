import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_NAMES, TRIGGER_NAMES } from '../../gmail-addon/apps-script/function-names';
import { addonSuite, ADDON_ACCESS as ACCESS } from './support/addon-suite';
import type { Recorded } from './support/apps-script-stand-ins';
import { buttons, inputs, notification, shownCard, words, type Card } from './support/card-reading';
import { gmailMessage } from './support/gmail-fixtures';
import { backends } from '../support/db/test-databases';

// Issue 18, the Gmail add-on as able as the Outlook pane: Search the CRM on the save form, thread auto-save off from
// the card, Save when sent from the compose trigger, and every record opening in the CRM. Code.js in a vm with
// Apps Script stand-ins, against a real server (the embedded CRM) on both databases; POST /api/save/when-sent is
// answered by a canned response (its server route is built elsewhere; the contract is src/api/compose-api.ts).

type Common = { parameters?: Record<string, string>; formInputs?: Record<string, string[]> };
const common = (c: Common) => ({
  ...(c.parameters ? { parameters: c.parameters } : {}),
  ...(c.formInputs
    ? {
        formInputs: Object.fromEntries(
          Object.entries(c.formInputs).map(([k, v]) => [k, { stringInputs: { value: v } }]),
        ),
      }
    : {}),
});
const onMessage = (messageId: string, c: Common = {}) => ({
  gmail: { messageId, accessToken: ACCESS },
  commonEventObject: common(c),
});
/** The compose trigger's event: a reply names its thread; draftAccess METADATA adds the recipients. */
const onDraft = (gmail: Record<string, unknown>, c: Common = {}) => ({ gmail, commonEventObject: common(c) });

const decorated = (card: Card): Recorded[] =>
  card.sections.flatMap((s) => s.widgets).filter((w) => w.type === 'DecoratedText');

describe.each(backends)('Gmail add-on, as able as the pane (Code.js in vm, real server on %s)', (backend) => {
  const suite = addonSuite(backend);

  test('every record on the card opens in the CRM in a new tab, on a page that shows it', async () => {
    suite.addon.setMessage(gmailMessage('links1'));
    const card = shownCard(
      await suite.addon.run(TRIGGER_NAMES.messageOpen, onMessage('links1'), suite.google),
    );
    const records = decorated(card).filter((w) =>
      /^(Contact|Lead|Account|Open opportunity)/.test(String(w.topLabel ?? '')),
    );
    expect(records.map((w) => w.text)).toEqual(
      expect.arrayContaining(['Jane Doe', 'Acme Corporation', 'Acme — UK expansion']),
    );
    for (const w of records)
      expect(w.openLink).toEqual({
        type: 'OpenLink',
        url: expect.stringMatching(
          new RegExp(`^${suite.server.url}/crm/records/(contact|account|opportunity)/`),
        ),
        openAs: 'FULL_SIZE',
      });
    const jane = records.find((w) => w.text === 'Jane Doe')!;
    const url = (jane.openLink as { url: string }).url;
    expect(url).toBe(`${suite.server.url}/crm/records/contact/con-jane-doe`);
    const page = await fetch(url, { headers: { authorization: `Bearer ${suite.google}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<h1>Jane Doe</h1>');
    // Not signed in: nothing of the CRM is shown.
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
    // A browser opening the link while signed out gets a page saying what to do, still without the record.
    const signedOut = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await signedOut.text();
    expect(text).toContain('<h1>Sign in to see this record</h1>');
    expect(text).toContain('<a href="/">Open Liaison</a>');
    expect(text).not.toContain('Jane Doe');
    const missing = await fetch(`${suite.server.url}/crm/records/contact/con-nobody`, {
      headers: { authorization: `Bearer ${suite.google}` },
    });
    expect(missing.status).toBe(404);
    const missingPage = await fetch(`${suite.server.url}/crm/records/contact/con-nobody`, {
      headers: { authorization: `Bearer ${suite.google}`, accept: 'text/html' },
    });
    expect(missingPage.status).toBe(404);
    expect(await missingPage.text()).toContain('<h1>No such record</h1><p>That contact was not found.</p>');
    // An opportunity's amount in the embedded CRM's currency.
    const opportunity = await fetch(`${suite.server.url}/crm/records/opportunity/opp-acme-renewal`, {
      headers: { authorization: `Bearer ${suite.google}` },
    });
    expect(await opportunity.text()).toContain('$48,000.00');
  });

  test('Search the CRM: the hits join Link to with links, the picks stay, and Save links the found record', async () => {
    suite.addon.setMessage(gmailMessage('search1'));
    const card = shownCard(
      await suite.addon.run(TRIGGER_NAMES.messageOpen, onMessage('search1'), suite.google),
    );
    expect(card.sections.map((s) => s.header)).toContain('Search the CRM');
    expect(inputs(card).find((i) => i.fieldName === 'query')).toMatchObject({ type: 'TextInput', value: '' });
    const search = buttons(card).find((b) => b.text === 'Search')!;
    expect(search).toEqual({
      text: 'Search',
      fn: FUNCTION_NAMES.searchCrm,
      parameters: { card: 'email', found: '[]' },
    });

    const result = await suite.addon.run(
      search.fn,
      onMessage('search1', {
        parameters: search.parameters,
        formInputs: { who: ['contact:con-jane-doe'], level: ['subject'], query: ['Lumbergh'] },
      }),
      suite.google,
    );
    expect(suite.addon.requests.at(-2)).toMatchObject({
      url: `${suite.server.url}/api/records/search?q=Lumbergh`,
      method: 'GET',
      authorization: `Bearer ${suite.google}`,
    });
    expect(notification(result)).toBe('1 record found for "Lumbergh": pick it in the form above.');
    const after = shownCard(result);
    const who = inputs(after).find((i) => i.fieldName === 'who')!;
    expect(who.items).toEqual(
      expect.arrayContaining([
        { text: 'Jane Doe (contact)', value: 'contact:con-jane-doe', selected: true },
        { text: 'Bill Lumbergh (contact)', value: 'contact:con-bill-lumbergh', selected: false },
      ]),
    );
    const level = inputs(after).find((i) => i.fieldName === 'level')!;
    expect((level.items as { value: string; selected: boolean }[]).find((i) => i.selected)?.value).toBe(
      'subject',
    );
    expect(inputs(after).find((i) => i.fieldName === 'query')).toMatchObject({ value: 'Lumbergh' });
    const found = decorated(after).find((w) => w.text === 'Bill Lumbergh')!;
    expect(found.topLabel).toBe('Found · Contact · Initech');
    expect(found.openLink).toMatchObject({
      url: `${suite.server.url}/crm/records/contact/con-bill-lumbergh`,
      openAs: 'FULL_SIZE',
    });
    // The next search carries what was found, so a pick from it survives another search.
    const again = buttons(after).find((b) => b.text === 'Search')!;
    expect(JSON.parse(again.parameters!.found!)).toEqual([
      expect.objectContaining({ ref: 'contact:con-bill-lumbergh', name: 'Bill Lumbergh' }),
    ]);
    const second = shownCard(
      await suite.addon.run(
        again.fn,
        onMessage('search1', {
          parameters: again.parameters,
          formInputs: { who: ['contact:con-bill-lumbergh'], query: ['Initech'] },
        }),
        suite.google,
      ),
    );
    expect(words(second)).toEqual(expect.arrayContaining(['Bill Lumbergh (contact)', 'Initech (account)']));

    const saved = await suite.addon.run(
      FUNCTION_NAMES.save,
      onMessage('search1', {
        parameters: { defaultLevel: 'subject', attachmentLimitMb: '25' },
        formInputs: {
          who: ['contact:con-jane-doe', 'contact:con-bill-lumbergh'],
          what: ['account:acc-initech'],
        },
      }),
      suite.google,
    );
    expect(notification(saved)).toBe('Saved to the CRM, linked to 3 records.');
    const ledger = await suite.server.deps.db
      .selectFrom('saved_emails')
      .selectAll()
      .where('message_id', '=', 'search1@mail.acme.com')
      .executeTakeFirstOrThrow();
    expect(ledger.linked_records).toEqual(
      expect.arrayContaining([
        { kind: 'contact', id: 'con-bill-lumbergh' },
        { kind: 'account', id: 'acc-initech' },
      ]),
    );
  });

  test('Search with fewer than 2 characters asks for more and calls nothing; nothing found says so', async () => {
    suite.addon.setMessage(gmailMessage('search2'));
    const before = suite.addon.requests.length;
    const short = await suite.addon.run(
      FUNCTION_NAMES.searchCrm,
      onMessage('search2', { parameters: { card: 'email', found: '[]' }, formInputs: { query: ['a'] } }),
      suite.google,
    );
    expect(notification(short)).toBe('Type at least 2 characters to search the CRM.');
    expect(suite.addon.requests.slice(before).map((r) => r.url)).toEqual([`${suite.server.url}/api/sidebar`]);
    const none = await suite.addon.run(
      FUNCTION_NAMES.searchCrm,
      onMessage('search2', {
        parameters: { card: 'email', found: 'not json' },
        formInputs: { query: ['zzqqxx'] },
      }),
      suite.google,
    );
    expect(notification(none)).toBe('Nothing in the CRM matches "zzqqxx".');
  });

  test('thread auto-save off from the card: the subscription is gone and the card says so', async () => {
    suite.addon.setMessage(gmailMessage('auto1'));
    const saved = shownCard(
      await suite.addon.run(
        FUNCTION_NAMES.save,
        onMessage('auto1', { formInputs: { who: ['contact:con-jane-doe'], autosaveThread: ['on'] } }),
        suite.google,
      ),
    );
    const line = decorated(saved).find((w) =>
      String(w.text).startsWith('Every email in this thread is saved'),
    )!;
    const off = buttons(saved).find((b) => b.text === 'Turn off')!;
    expect(line.button).toBeDefined();
    expect(off).toEqual({
      text: 'Turn off',
      fn: FUNCTION_NAMES.autosaveOff,
      parameters: { threadId: 'gthread-auto1' },
    });
    const subscriptions = () =>
      suite.server.deps.db
        .selectFrom('thread_subscriptions')
        .select('thread_id')
        .where('thread_id', '=', 'gthread-auto1')
        .execute();
    expect(await subscriptions()).toHaveLength(1);

    const result = await suite.addon.run(
      off.fn,
      onMessage('auto1', { parameters: off.parameters }),
      suite.google,
    );
    expect(suite.addon.requests.at(-2)).toMatchObject({
      url: `${suite.server.url}/api/subscriptions/gthread-auto1`,
      method: 'DELETE',
    });
    expect(notification(result)).toBe('Thread auto-save is off for this thread.');
    expect(await subscriptions()).toEqual([]);
    expect(words(shownCard(result)).some((t) => t.startsWith('Every email in this thread is saved'))).toBe(
      false,
    );

    // Off already (another device turned it off): the server's refusal, in words.
    const again = await suite.addon.run(
      off.fn,
      onMessage('auto1', { parameters: off.parameters }),
      suite.google,
    );
    expect(notification(again)).toMatch(/^Not turned off: That thread subscription/);
  });

  test('compose on a new email: the card says Save when sent works on replies, and calls nothing', async () => {
    const before = suite.addon.requests.length;
    const card = shownCard(
      await suite.addon.run(
        TRIGGER_NAMES.compose,
        onDraft({ toRecipients: ['jane.doe@acme.com'] }),
        suite.google,
      ),
    );
    expect(card.name).toBe('compose');
    expect(words(card)).toContain(
      'Save when sent works on replies in Gmail: Liaison keeps your pick for the thread you reply to. A new email ' +
        'has no thread until it is sent; once sent, open it in Sent and save it from there.',
    );
    expect(card.fixedFooter).toBeUndefined();
    expect(suite.addon.requests.length).toBe(before);
  });

  test('compose on a reply: the recipients’ records to pick, and Save when sent posts the pick for the thread', async () => {
    const draft = {
      threadId: 'gthread-reply1',
      toRecipients: ['jane.doe@acme.com'],
      ccRecipients: ['someone@newco.io'],
    };
    const card = shownCard(await suite.addon.run(TRIGGER_NAMES.compose, onDraft(draft), suite.google));
    expect(suite.addon.requests.at(-1)).toMatchObject({
      url: `${suite.server.url}/api/sidebar`,
      method: 'POST',
      body: {
        message: {
          internetMessageId: '',
          threadId: 'gthread-reply1',
          folder: 'drafts',
          from: { address: 'sam@ourco.com' },
          to: [{ address: 'jane.doe@acme.com' }],
          cc: [{ address: 'someone@newco.io' }],
        },
      },
    });
    expect(card.name).toBe('compose');
    expect(card.sections.map((s) => s.header)).toEqual(['Save when sent', 'Search the CRM']);
    expect(inputs(card).find((i) => i.fieldName === 'who')!.items).toContainEqual(
      expect.objectContaining({ text: 'Jane Doe (contact)', value: 'contact:con-jane-doe' }),
    );
    expect(words(card)).toContain('Acme — UK expansion (opportunity)');
    expect(buttons(card)).toContainEqual({ text: 'Save when sent', fn: FUNCTION_NAMES.saveWhenSent });
    expect(buttons(card)).toContainEqual(
      expect.objectContaining({ text: 'Search', parameters: { card: 'compose', found: '[]' } }),
    );

    suite.addon.respond = (url) =>
      url.endsWith('/api/save/when-sent')
        ? {
            status: 200,
            body: JSON.stringify({
              header: 'x-liaison-save',
              token: 'opaque',
              expiresAt: '2026-12-09T05:30:00.000Z',
            }),
          }
        : undefined;
    const result = await suite.addon.run(
      FUNCTION_NAMES.saveWhenSent,
      onDraft(draft, {
        formInputs: {
          who: ['contact:con-jane-doe'],
          what: ['opportunity:opp-acme-expansion'],
          level: ['subject'],
          autosaveThread: ['on'],
        },
      }),
      suite.google,
    );
    const sent = suite.addon.requests.find((r) => r.url.endsWith('/api/save/when-sent'))!;
    expect(sent).toMatchObject({ method: 'POST', authorization: `Bearer ${suite.google}` });
    expect(sent.body).toEqual({
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: 'opp-acme-expansion' },
      level: 'subject',
      autosaveThread: true,
      threadId: 'gthread-reply1',
    });
    expect(notification(result)).toBe(
      'Kept: the next email you send in this thread is saved to the CRM with your pick (until 2026-12-09 05:30 UTC).',
    );
    expect(shownCard(result).name).toBe('compose');
  });

  test('Save when sent: nobody picked asks for a record; a refusal is said in words; search works in compose', async () => {
    const draft = { threadId: 'gthread-reply2', toRecipients: ['jane.doe@acme.com'] };
    const calls = () => suite.addon.requests.filter((r) => r.url.endsWith('/api/save/when-sent')).length;
    const before = calls();
    const nobody = await suite.addon.run(
      FUNCTION_NAMES.saveWhenSent,
      onDraft(draft, { formInputs: {} }),
      suite.google,
    );
    expect(notification(nobody)).toBe('Pick at least one contact or lead to link.');
    expect(calls()).toBe(before);

    suite.addon.respond = (url) =>
      url.endsWith('/api/save/when-sent')
        ? {
            status: 400,
            body: JSON.stringify({ error: 'invalid_request', message: 'that thread is not yours' }),
          }
        : undefined;
    const refused = await suite.addon.run(
      FUNCTION_NAMES.saveWhenSent,
      onDraft(draft, { formInputs: { who: ['contact:con-jane-doe'] } }),
      suite.google,
    );
    expect(notification(refused)).toBe('Not kept: that thread is not yours');
    expect(inputs(shownCard(refused)).find((i) => i.fieldName === 'who')!.items).toContainEqual(
      expect.objectContaining({ value: 'contact:con-jane-doe', selected: true }),
    );

    const searched = shownCard(
      await suite.addon.run(
        FUNCTION_NAMES.searchCrm,
        onDraft(draft, { parameters: { card: 'compose', found: '[]' }, formInputs: { query: ['Scorpio'] } }),
        suite.google,
      ),
    );
    expect(searched.name).toBe('compose');
    expect(words(searched)).toContain('Hank Scorpio (contact)');
  });

  test('the manifest declares the compose trigger with draft metadata, and the HTTP deployment does too', () => {
    const manifest = JSON.parse(readFileSync(join(suite.addon.dir, 'appsscript.json'), 'utf8'));
    expect(manifest.addOns.gmail.composeTrigger).toEqual({
      draftAccess: 'METADATA',
      selectActions: [{ text: 'Save when sent', runFunction: TRIGGER_NAMES.compose }],
    });
    expect(manifest.oauthScopes).toContain(
      'https://www.googleapis.com/auth/gmail.addons.current.action.compose',
    );
    const http = JSON.parse(
      readFileSync(join(__dirname, '../../gmail-addon/http-deployment.example.json'), 'utf8'),
    );
    expect(http.addOns.gmail.composeTrigger).toEqual({
      draftAccess: 'METADATA',
      selectActions: [{ text: 'Save when sent', runFunction: 'https://liaison.yourco.com/gmail/compose' }],
    });
  });
});
