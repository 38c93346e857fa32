import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FLOWS,
  createRecordRequest,
  runFlowSync,
  saveChoices,
  sidebarCard,
  type CardModel,
  type Step,
  type Widget,
} from '../../gmail-addon/card-model';
import { cardJson, responseJson } from '../../gmail-addon/render/http-json';
import { buildSidebarView, type AutoshareContext, type MailMessage } from '../../src';

// The card model on its own: how it words the view, how forms are read back, the HTTP runtime's JSON shapes, and
// the flows' calls, without Apps Script or a server.

const ctx = JSON.parse(
  readFileSync(join(__dirname, '../../examples/context.json'), 'utf8'),
) as AutoshareContext;
const message: MailMessage = {
  internetMessageId: '<unit@mail.acme.com>',
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [{ address: 'info@globex.com' }, { address: 'pal@gmail.com' }],
  bcc: [],
  subject: 'Unit',
  sentAt: '2026-11-20T10:00:00Z',
};
const form = (inputs: Record<string, string[]>, parameters?: Record<string, string>) => ({
  formInputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { stringInputs: { value: v } }])),
  ...(parameters ? { parameters } : {}),
});
const widgets = (card: CardModel): Widget[] => card.sections.flatMap((s) => s.widgets);

describe('reading forms back', () => {
  test('save: people only in who, an opportunity or account in what, a known level, the switch only when on', () => {
    expect(
      saveChoices(
        form({
          who: ['contact:003JANE', 'lead:00QLIN', 'account:001ACME', 'nonsense', ':x', 'contact:'],
          what: ['opportunity:006ACMERENEW'],
          level: ['everything'],
          autosaveThread: ['off'],
        }),
      ),
    ).toEqual({
      who: [
        { kind: 'contact', id: '003JANE' },
        { kind: 'lead', id: '00QLIN' },
      ],
      what: { kind: 'opportunity', id: '006ACMERENEW' },
      autosaveThread: false,
    });
    expect(
      saveChoices(
        form({ who: ['contact:a:b'], what: ['contact:003JANE'], level: ['full'], autosaveThread: ['on'] }),
      ),
    ).toEqual({ who: [{ kind: 'contact', id: 'a:b' }], level: 'full', autosaveThread: true });
    expect(saveChoices(undefined)).toEqual({ who: [], autosaveThread: false });
  });

  test('create: a contact keeps its account and no company, a lead its company; names are trimmed', () => {
    expect(
      createRecordRequest(
        form(
          { firstName: [' Nora '], lastName: ['Newbie'], company: ['Acme'] },
          { kind: 'contact', email: 'n@acme.com', accountId: '001ACME' },
        ),
      ),
    ).toEqual({
      kind: 'contact',
      email: 'n@acme.com',
      firstName: 'Nora',
      lastName: 'Newbie',
      accountId: '001ACME',
    });
    expect(
      createRecordRequest(
        form(
          { lastName: ['Pal'], company: [' Pals Inc '] },
          { kind: 'lead', email: 'pal@gmail.com', accountId: 'ignored' },
        ),
      ),
    ).toEqual({ kind: 'lead', email: 'pal@gmail.com', firstName: '', lastName: 'Pal', company: 'Pals Inc' });
  });
});

describe('the sidebar card', () => {
  test('the save form picks what autosharing would link, and notes role and personal addresses', () => {
    const view = buildSidebarView(message, ctx);
    const card = sidebarCard(view);
    const who = widgets(card).find((w) => w.kind === 'checkboxes');
    expect(
      who && who.kind === 'checkboxes' && who.items.filter((i) => i.selected).map((i) => i.value),
    ).toEqual(view.people.filter((p) => p.linkedByAutoshare).map((p) => `${p.ref.kind}:${p.ref.id}`));
    const what = widgets(card).find((w) => w.kind === 'dropdown' && w.name === 'what');
    const decided = view.autoshare.decision.what;
    expect(what && what.kind === 'dropdown' && what.items.find((i) => i.selected)?.value).toBe(
      decided ? `${decided.kind}:${decided.id}` : '',
    );
    const labels = widgets(card).flatMap((w) => (w.kind === 'decorated' && w.topLabel ? [w.topLabel] : []));
    expect(labels).toEqual(expect.arrayContaining(['cc · role address', 'cc · personal address']));
  });

  test('an email saved with links: each linked record with a page in the CRM opens it', () => {
    const view = buildSidebarView(
      message,
      { ...ctx, savedMessageIds: ['unit@mail.acme.com'] },
      {
        details: { 'contact:003JANE': { name: 'Jane Doe', url: 'https://crm.example/003JANE' } },
        saved: {
          activityId: 'act-1',
          savedAt: '2026-11-20T10:05:00Z',
          savedBy: 'Sam Taylor',
          mode: 'manual',
          links: [{ kind: 'contact', id: '003JANE' }],
        },
      },
    );
    expect(sidebarCard(view).sections[0]!.widgets).toContainEqual({
      kind: 'decorated',
      topLabel: 'Linked contact',
      text: 'Jane Doe',
      openLink: 'https://crm.example/003JANE',
    });
  });

  test('a deleted contact is marked; an email saved by auto-sharing says so and offers Add links, no save form', () => {
    const deleted: AutoshareContext = {
      ...ctx,
      savedMessageIds: ['unit@mail.acme.com'],
      crm: {
        ...ctx.crm,
        people: ctx.crm.people.map((p) => (p.id === '003JANE' ? { ...p, deleted: true } : p)),
      },
    };
    const view = buildSidebarView(message, deleted, {
      details: { 'contact:003JANE': { name: 'Jane Doe' } },
      saved: {
        activityId: 'act-1',
        savedAt: '2026-11-20T10:05:00Z',
        savedBy: 'Sam Taylor',
        mode: 'automatic',
        links: [{ kind: 'contact', id: '003JANE' }],
      },
    });
    const card = sidebarCard(view);
    const texts = widgets(card).flatMap((w) => (w.kind === 'text' || w.kind === 'decorated' ? [w.text] : []));
    expect(texts).toContain('Saved by auto-sharing on 2026-11-20, linked to Jane Doe.');
    // Jane has no page in this CRM's details: no "Linked contact" that would open nothing.
    expect(widgets(card).some((w) => w.kind === 'decorated' && w.topLabel === 'Linked contact')).toBe(false);
    expect(
      widgets(card).some(
        (w) => w.kind === 'decorated' && w.topLabel === 'Contact · from · deleted in the CRM',
      ),
    ).toBe(true);
    expect(card.footer).toEqual({ text: 'Add links', action: { name: 'addLinks' }, filled: true });
    expect(card.sections.map((s) => s.header)).not.toContain('Save this email');
    expect(card.sections.map((s) => s.header)).toContain('Add links to the saved email');
  });
});

describe('the HTTP runtime JSON', () => {
  test('Card v1 widgets, actions as URLs with key/value parameters, a fixed footer', () => {
    const card = sidebarCard(buildSidebarView(message, ctx));
    const json = cardJson(card, (name) => `https://liaison.test/gmail/${name}`) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const all = json.sections.flatMap((s: { widgets: unknown[] }) => s.widgets);
    expect(all).toContainEqual({
      selectionInput: expect.objectContaining({ name: 'who', type: 'CHECK_BOX', label: 'Link to' }),
    });
    expect(all).toContainEqual({
      decoratedText: expect.objectContaining({
        switchControl: { name: 'autosaveThread', value: 'on', selected: false, controlType: 'SWITCH' },
      }),
    });
    expect(JSON.stringify(all)).toContain(
      JSON.stringify({
        action: {
          function: 'https://liaison.test/gmail/doNotSync',
          parameters: [{ key: 'address', value: 'pal@gmail.com' }],
        },
      }),
    );
    expect(json.fixedFooter.primaryButton).toEqual({
      text: 'Save to CRM',
      type: 'FILLED',
      onClick: {
        action: {
          function: 'https://liaison.test/gmail/save',
          parameters: [
            { key: 'defaultLevel', value: 'subject' },
            { key: 'attachmentLimitMb', value: '25' },
          ],
        },
      },
    });
    expect(responseJson({ navigation: 'back', card, notification: 'Done.' }, String)).toEqual({
      renderActions: {
        action: {
          navigations: [{ popToRoot: true }, { updateCard: expect.any(Object) }],
          notification: { text: 'Done.' },
        },
      },
    });
  });
});

describe('the flows', () => {
  const view = { ok: true as const, value: { item: 'email' as const, view: buildSidebarView(message, ctx) } };

  test('save with nobody picked never calls save; a refused save reloads the view and says why', () => {
    const steps: Step['op'][] = [];
    const empty = runFlowSync(FLOWS.save(form({})), (step) => (steps.push(step.op), view));
    expect(steps).toEqual(['view']);
    expect(empty.notification).toBe('Pick at least one contact or lead to link.');

    steps.length = 0;
    const refused = runFlowSync(FLOWS.save(form({ who: ['contact:003JANE'] })), (step) => {
      steps.push(step.op);
      return step.op === 'save'
        ? { ok: false, failure: { status: 409, error: 'already_saved', message: 'Sam saved it already.' } }
        : view;
    });
    expect(steps).toEqual(['save', 'view']);
    expect(refused).toMatchObject({ navigation: 'update', notification: 'Not saved: Sam saved it already.' });
  });

  test('a view that cannot load becomes the message card', () => {
    const response = runFlowSync(FLOWS.message(undefined), () => ({
      ok: false,
      failure: { status: 0, error: 'unreachable', message: 'DNS error' },
    }));
    expect(response.card.name).toBe('message');
    expect(JSON.stringify(response.card)).toContain("Liaison's server could not be reached (DNS error).");
  });
});
