import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSidebarView,
  openItemFolder,
  saveFormDefaults,
  type AutoshareContext,
  type MailMessage,
} from '../../src';
import { readEnvelope } from '../../taskpane/src/office/read-item';

// The choices both sidebars make alike, decided once in the core: the open item's folder and the save form's
// first picks.

const ctx = JSON.parse(
  readFileSync(join(__dirname, '../../examples/context.json'), 'utf8'),
) as AutoshareContext;

describe('the open item’s folder', () => {
  test('mail from the rep (any case, spaces, another of their addresses) is Sent; else Inbox unless the host knows', () => {
    const mine = ['sam@ourco.com', 'sam.seller@ourco.com'];
    expect(openItemFolder({ from: ' Sam@OurCo.com', userAddresses: mine })).toBe('sent');
    expect(openItemFolder({ from: 'sam.seller@ourco.com', userAddresses: mine })).toBe('sent');
    expect(openItemFolder({ from: 'jane.doe@acme.com', userAddresses: mine })).toBe('inbox');
    expect(openItemFolder({ from: 'jane.doe@acme.com', userAddresses: mine, inInbox: false })).toBe(
      'archive',
    );
    expect(openItemFolder({ from: 'sam@ourco.com', userAddresses: mine, draft: true })).toBe('drafts');
    expect(openItemFolder({ from: 'jane.doe@acme.com', userAddresses: mine, trash: true })).toBe('deleted');
    expect(openItemFolder({ from: '', userAddresses: [] })).toBe('inbox');
  });

  test('Outlook asks the core: its own address in another case or with spaces still reads as Sent', () => {
    const item = {
      itemType: 'message',
      internetMessageId: '<a@ourco.com>',
      from: { emailAddress: 'Sam@OurCo.com', displayName: 'Sam' },
      to: [{ emailAddress: 'jane.doe@acme.com', displayName: 'Jane' }],
      cc: [],
      subject: 'Hi',
      dateTimeCreated: new Date('2026-11-20T10:00:00Z'),
    } as unknown as Parameters<typeof readEnvelope>[0];
    expect(readEnvelope(item, ' sam@ourco.com').folder).toBe('sent');
  });
});

describe('the save form’s first picks', () => {
  const email = (over: Partial<MailMessage>): MailMessage => ({
    internetMessageId: '<defaults@mail.acme.com>',
    folder: 'inbox',
    from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
    to: [{ address: 'sam@ourco.com' }],
    cc: [],
    bcc: [],
    subject: 'Defaults',
    sentAt: '2026-11-20T10:00:00Z',
    ...over,
  });

  test('the people autosharing links are ticked, and its opportunity or account is picked', () => {
    const view = buildSidebarView(email({}), ctx);
    const defaults = saveFormDefaults(view);
    const linked = view.people.filter((p) => p.linkedByAutoshare).map((p) => `${p.ref.kind}:${p.ref.id}`);
    expect(linked.length).toBeGreaterThan(0);
    expect(defaults.who).toEqual(linked);
    const decided = view.autoshare.decision.what;
    expect(defaults.what).toBe(decided ? `${decided.kind}:${decided.id}` : undefined);
    expect(defaults.autosaveThread).toBe(view.thread.autosave);
  });

  test('when autosharing links nobody (it is off), everyone shown is ticked; deleted people are not offered', () => {
    const view = buildSidebarView(email({ cc: [{ address: 'raj@globex.com' }] }), {
      ...ctx,
      settings: { ...ctx.settings, autoshareEmails: false },
    });
    expect(view.people.some((p) => p.linkedByAutoshare)).toBe(false);
    const defaults = saveFormDefaults(view);
    const shown = view.people.filter((p) => !p.deleted).map((p) => `${p.ref.kind}:${p.ref.id}`);
    expect(shown.length).toBeGreaterThan(0);
    expect(defaults.who).toEqual(shown);
    const deleted = { ...view, people: view.people.map((p) => ({ ...p, deleted: true })) };
    expect(saveFormDefaults(deleted)).toMatchObject({ people: [], who: [] });
  });
});
