import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sidebarCard } from '../../gmail-addon/card-model';
import { cardJson } from '../../gmail-addon/render/http-json';
import {
  buildSidebarView,
  DEFAULT_ATTACHMENT_LIMIT_MB,
  DEFAULT_SHARING_LEVEL_LABEL,
  saveFormDefaults,
  SHARING_LEVEL_LABELS,
  type AutoshareContext,
  type MailMessage,
  type SidebarView,
} from '../../src';
import { sharingLevels } from '../../dashboard/src/settings/setting-texts';

// The Outlook pane and the Gmail card show the same thing for the same email: both render the core's SidebarView
// (the pane takes it from POST /api/sidebar as is). This proves the Gmail card model drops nothing and adds no
// person, suggestion or autosharing wording of its own, for emails of every kind.

const ctx = JSON.parse(
  readFileSync(join(__dirname, '../../examples/context.json'), 'utf8'),
) as AutoshareContext;

const email = (over: Partial<MailMessage>): MailMessage => ({
  internetMessageId: '<parity@mail.acme.com>',
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [],
  bcc: [],
  subject: 'Parity',
  sentAt: '2026-11-20T10:00:00Z',
  ...over,
});

const EMAILS: [string, MailMessage][] = [
  ['known contact', email({})],
  [
    'contacts, a lead and unknown people',
    email({
      cc: [
        { address: 'raj@globex.com', name: 'Raj Patel' },
        { address: 'lin@initech.io' },
        { address: 'newbie@acme.com', name: 'Newbie, Nora' },
        { address: 'someone@gmail.com' },
      ],
    }),
  ],
  ['a blacklisted participant', email({ cc: [{ address: 'recruiter@talentfirm.io' }] })],
  ['internal only', email({ from: { address: 'sam.taylor@ourco.com' }, to: [{ address: 'sam@ourco.com' }] })],
];

/** What the Outlook pane shows from the view: its people, its suggestions, its autosharing line. */
function paneShows(view: SidebarView) {
  return {
    people: view.people.map((p) => p.name),
    suggestions: view.suggestions.map((s) => s.address),
    line: view.autoshare.line,
  };
}

/** What the Gmail card shows, read back from the card model alone. */
function cardShows(view: SidebarView) {
  const card = sidebarCard(view);
  const personSections = card.sections.filter((s) => s.collapsible);
  const newRecords = card.sections.find((s) => s.header === 'New records');
  const decorated = card.sections.flatMap((s) => s.widgets).filter((w) => w.kind === 'decorated');
  return {
    people: personSections.map((s) => s.header),
    suggestions: (newRecords?.widgets ?? []).flatMap((w) =>
      w.kind === 'buttons'
        ? w.buttons.filter((b) => b.action.name === 'doNotSync').map((b) => b.action.parameters?.address)
        : [],
    ),
    line: decorated.find((w) => w.topLabel === 'Auto-sharing')?.text,
  };
}

describe.each(EMAILS)('Gmail card and Outlook pane agree: %s', (_name, message) => {
  const view = buildSidebarView(message, ctx, {
    details: { 'contact:003JANE': { name: 'Jane Doe' }, 'contact:003RAJ': { name: 'Raj Patel' } },
  });

  test('same people, suggestions and autosharing line', () => {
    expect(cardShows(view)).toEqual(paneShows(view));
  });

  test('same save form: the core decides who is ticked, what is picked and what the levels are called', () => {
    const card = sidebarCard(view);
    const widgets = card.sections.find((s) => s.header === 'Save this email')?.widgets ?? [];
    const defaults = saveFormDefaults(view);
    const who = widgets.find((w) => w.kind === 'checkboxes');
    const [what, level] = widgets.filter((w) => w.kind === 'dropdown');
    if (defaults.people.length === 0) return expect(who).toBeUndefined();
    expect(
      who && who.kind === 'checkboxes' && who.items.filter((i) => i.selected).map((i) => i.value),
    ).toEqual(defaults.who);
    expect(what && what.kind === 'dropdown' && what.items.find((i) => i.selected)?.value).toBe(
      defaults.what ?? '',
    );
    expect(level && level.kind === 'dropdown' && level.items.map((i) => i.text)).toEqual([
      DEFAULT_SHARING_LEVEL_LABEL,
      ...Object.values(SHARING_LEVEL_LABELS),
    ]);
  });

  test('the HTTP runtime JSON carries the same card', () => {
    const json = JSON.stringify(cardJson(sidebarCard(view), (name) => `https://liaison.test/gmail/${name}`));
    for (const name of paneShows(view).people) expect(json).toContain(JSON.stringify(name));
    for (const address of paneShows(view).suggestions) expect(json).toContain(address);
    expect(json).toContain(JSON.stringify(view.autoshare.line));
  });
});

test('the levels read the same in both sidebars and in the dashboard settings', () => {
  expect(sharingLevels(DEFAULT_ATTACHMENT_LIMIT_MB).map((l) => l.label)).toEqual(
    Object.values(SHARING_LEVEL_LABELS),
  );
});

test('the emails above cover people, suggestions, a hidden participant and a skip', () => {
  const views = EMAILS.map(([, m]) => buildSidebarView(m, ctx));
  expect(views.some((v) => v.people.some((p) => p.ref.kind === 'lead'))).toBe(true);
  expect(views.some((v) => v.suggestions.length >= 2)).toBe(true);
  expect(views.some((v) => v.hiddenBlacklisted > 0)).toBe(true);
  expect(views.some((v) => !v.autoshare.willSave)).toBe(true);
});
