import { addLinksChoices, linksAddedText, type SidebarView } from '../../src';

// What both sidebars offer for an email saved already (rulebook section 4): only links it does not have, a related
// record only when it has none and the CRM allows it, thread auto-save only when it is off.

const JANE = { kind: 'contact', id: '003JANE' } as const;
const JOHN = { kind: 'contact', id: '003JOHN' } as const;
const ACME = { kind: 'account', id: '001ACME' } as const;
const OPP = { kind: 'opportunity', id: '006OPP' } as const;

const view = (over: Partial<SidebarView> = {}): SidebarView =>
  ({
    messageId: 'm1',
    threadId: 't1',
    subject: 'Hi',
    people: [],
    suggestions: [],
    hiddenBlacklisted: 0,
    alreadySaved: true,
    saved: {
      activityId: 'a1',
      savedAt: '2026-03-02T10:00:00Z',
      savedBy: 'Sam',
      mode: 'manual',
      links: [JANE],
    },
    thread: { autosave: false },
    pickable: [
      { ref: JANE, name: 'Jane Doe' },
      { ref: JOHN, name: 'John Smith' },
      { ref: ACME, name: 'Acme' },
      { ref: OPP, name: 'Acme renewal' },
    ],
    autoshare: {
      decision: {
        action: 'skip',
        reason: 'already_saved',
        who: [],
        create: [],
        content: 'subject',
        trace: [],
      },
      line: 'Already saved to the CRM.',
      trace: [],
      willSave: false,
    },
    ...over,
  }) as SidebarView;

test('an email not saved has no add-links form (the Save form applies)', () => {
  expect(addLinksChoices(view({ alreadySaved: false }))).toBeUndefined();
});

test('offers the people not linked yet, every related record when it has none, and thread auto-save', () => {
  const choices = addLinksChoices(view())!;
  expect(choices.people.map((p) => p.ref)).toEqual([JOHN]);
  expect(choices.whats.map((p) => p.ref)).toEqual([ACME, OPP]);
  expect(choices).toMatchObject({
    canAutosaveThread: true,
    possible: true,
    title: 'Add links to the saved email',
  });
  expect(choices.whatNote).toBeUndefined();
});

test('a related record set already: none offered, and the note names it', () => {
  const saved = { ...view().saved!, links: [JANE, OPP] };
  const choices = addLinksChoices(view({ saved }))!;
  expect(choices.whats).toEqual([]);
  expect(choices.whatNote).toBe(
    'It is related to Acme renewal already; a CRM activity has one related record.',
  );
});

test('a CRM that cannot relate a saved activity (canAddWhat false): none offered, and the note says why', () => {
  const saved = { ...view().saved!, canAddWhat: false };
  const choices = addLinksChoices(view({ saved }))!;
  expect(choices.whats).toEqual([]);
  expect(choices.whatNote).toMatch(/does not let a related record be added/);
});

test('everything linked and thread auto-save on: nothing possible, so no form at all', () => {
  const saved = { ...view().saved!, links: [JANE, JOHN, OPP] };
  const choices = addLinksChoices(view({ saved, thread: { autosave: true } }))!;
  expect(choices).toMatchObject({ people: [], whats: [], canAutosaveThread: false, possible: false });
});

test('the words after adding', () => {
  expect(linksAddedText(1, false)).toBe('Linked to 1 more record.');
  expect(linksAddedText(2, true)).toBe(
    'Linked to 2 more records. The next emails in this thread will be saved too.',
  );
  expect(linksAddedText(0, true)).toBe('The next emails in this thread will be saved too.');
});
