import {
  FLOWS,
  meetingCard,
  meetingChoices,
  runFlowSync,
  sidebarCard,
  type CardModel,
  type Step,
  type Widget,
} from '../../gmail-addon/card-model';
import { cardJson } from '../../gmail-addon/render/http-json';
import { buildMeetingView, buildSidebarView, eventFingerprint, eventKey, type MailMessage } from '../../src';
import {
  appointment,
  eventContext,
  invitation,
  optional,
  required,
  room,
  savedEvent,
  USER,
} from '../events/builders';

// The card model for an open Google Calendar event, from the core's MeetingView: the same parts as the email's card
// (people, New records with Do Not Sync, the autosharing line with Why?), "already saved, by whom", and Save meeting
// with the core's first picks; the flows ask the runtime for the open item's view and save it by hand.

const details = {
  'contact:c1': { name: 'John Smith', title: 'CFO' },
  'account:a1': { name: 'Acme' },
};
const widgets = (card: CardModel): Widget[] => card.sections.flatMap((s) => s.widgets);
const words = (card: CardModel) => JSON.stringify(card);
const form = (inputs: Record<string, string[]>) => ({
  formInputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { stringInputs: { value: v } }])),
});

describe('meetingCard', () => {
  const e = invitation({
    attendees: [required(USER), room('boardroom@ourco.com'), optional('new.person@globex.com')],
  });
  const view = buildMeetingView(e, eventContext(), { details });

  test('the autosharing line with Why?, the room apart, the known people, New records with Do Not Sync', () => {
    const card = meetingCard(view);
    expect(card.name).toBe('meeting');
    expect(widgets(card)[0]).toEqual({
      kind: 'decorated',
      topLabel: 'Auto-sharing',
      text: 'Will be saved at the next sync, linked to John Smith.',
      button: { text: 'Why?', action: { name: 'showTrace' } },
    });
    expect(widgets(card)).toContainEqual({
      kind: 'decorated',
      topLabel: 'Rooms and equipment',
      text: 'boardroom@ourco.com',
    });
    const headers = card.sections.map((s) => s.header);
    expect(headers).toEqual([undefined, 'John Smith', 'New records', 'Save meeting']);
    expect(headers).not.toContain('boardroom@ourco.com');
    expect(words(card)).toContain('"topLabel":"Contact · organizer"');
    const newRecords = card.sections.find((s) => s.header === 'New records')!;
    expect(JSON.stringify(newRecords)).toContain(
      '{"text":"Do Not Sync","action":{"name":"doNotSync","parameters":{"address":"new.person@globex.com"}}}',
    );
  });

  test('Save meeting: the core’s first picks (those autosharing links) and the account, one footer button', () => {
    const card = meetingCard(view);
    const save = card.sections.find((s) => s.header === 'Save meeting')!;
    expect(save.widgets[0]).toMatchObject({
      kind: 'checkboxes',
      name: 'who',
      items: [{ text: 'John Smith (contact)', value: 'contact:c1', selected: true }],
    });
    expect(save.widgets[1]).toMatchObject({ kind: 'dropdown', name: 'what' });
    expect(card.footer).toEqual({ text: 'Save meeting', action: { name: 'saveMeeting' }, filled: true });
    // The HTTP runtime's JSON points the footer at the save-meeting endpoint.
    expect(cardJson(card, (name) => `https://liaison.test/gmail/${name}`)).toMatchObject({
      fixedFooter: {
        primaryButton: { onClick: { action: { function: 'https://liaison.test/gmail/saveMeeting' } } },
      },
    });
  });

  test('saved and unchanged: by whom and linked to what, by name; no save offered, the reason shown instead', () => {
    const saved = buildMeetingView(
      e,
      eventContext({ savedEvents: [savedEvent(eventKey(e), eventFingerprint(e))] }),
      {
        details,
        saved: {
          crmEventId: 'ev1',
          savedAt: '2026-02-01T00:00:00Z',
          owner: 'Sam Seller',
          mode: 'automatic',
          links: [{ kind: 'contact', id: 'c1' }],
          cancelled: false,
        },
      },
    );
    const card = meetingCard(saved);
    expect(words(card)).toContain(
      'Saved by auto-sharing on 2026-02-01; its CRM event belongs to Sam Seller, linked to John Smith.',
    );
    expect(card.footer).toBeUndefined();
    expect(words(card)).toContain('It is already saved in the CRM and has not changed since');
    // John Smith has no page in this CRM's details: named in the line, no link that would open nothing.
    expect(widgets(card).filter((w) => w.kind === 'decorated' && w.topLabel === 'Linked contact')).toEqual(
      [],
    );
  });

  test('saved: each saved link with a page in the CRM opens it', () => {
    const withPages = {
      ...details,
      'contact:c1': { ...details['contact:c1'], url: 'https://crm.example/c1' },
    };
    const saved = buildMeetingView(
      e,
      eventContext({ savedEvents: [savedEvent(eventKey(e), eventFingerprint(e))] }),
      {
        details: withPages,
        saved: {
          crmEventId: 'ev1',
          savedAt: '2026-02-01T00:00:00Z',
          owner: 'Sam Seller',
          mode: 'automatic',
          links: [{ kind: 'contact', id: 'c1' }],
          cancelled: false,
        },
      },
    );
    expect(
      widgets(meetingCard(saved)).filter((w) => w.kind === 'decorated' && w.topLabel === 'Linked contact'),
    ).toEqual([
      {
        kind: 'decorated',
        topLabel: 'Linked contact',
        text: 'John Smith',
        openLink: 'https://crm.example/c1',
      },
    ]);
  });

  test('changed since it was saved: the footer updates the saved CRM event', () => {
    const changed = buildMeetingView(e, eventContext({ savedEvents: [savedEvent(eventKey(e), 'older')] }), {
      details,
    });
    const card = meetingCard(changed);
    expect(card.footer?.text).toBe('Update meeting');
    expect(words(card)).toContain('saving updates its CRM event, never a second one');
  });

  test('an appointment (nobody else) can be saved to the CRM calendar with nothing to link', () => {
    const card = meetingCard(buildMeetingView(appointment(), eventContext()));
    expect(card.footer?.text).toBe('Save meeting');
    expect(words(card)).toContain('It goes to your CRM calendar, linked to nothing.');
  });
});

describe('the flows on a Calendar event', () => {
  const e = invitation();
  const meeting = {
    ok: true as const,
    value: { item: 'meeting' as const, view: buildMeetingView(e, eventContext(), { details }) },
  };

  test('the event trigger shows the meeting card; Why? pushes the meeting’s trace', () => {
    const opened = runFlowSync(FLOWS.event(undefined), () => meeting);
    expect(opened).toMatchObject({ navigation: 'root', card: { name: 'meeting' } });
    const why = runFlowSync(FLOWS.showTrace(undefined), () => meeting);
    expect(why.card.name).toBe('trace');
    expect(why.card.sections[1]!.header).toBe('How the rules read this meeting');
    expect(why.card.sections[1]!.widgets).toHaveLength(meeting.value.view.autoshare.trace.length);
  });

  test('Save meeting sends the picks, then reloads the view with a notice; a refusal says why', () => {
    const steps: Step[] = [];
    const inputs = form({ who: ['contact:c1', 'account:a1'], what: ['account:a1'] });
    expect(meetingChoices(inputs)).toEqual({
      who: [{ kind: 'contact', id: 'c1' }],
      what: { kind: 'account', id: 'a1' },
    });
    const done = runFlowSync(FLOWS.saveMeeting(inputs), (step) => {
      steps.push(step);
      return step.op === 'saveMeeting'
        ? {
            ok: true,
            value: {
              action: 'save',
              saved: {
                crmEventId: 'ev1',
                savedAt: '2026-03-01T09:00:00Z',
                owner: 'Sam Seller',
                mode: 'manual',
                links: [
                  { kind: 'contact', id: 'c1' },
                  { kind: 'account', id: 'a1' },
                ],
                cancelled: false,
              },
            },
          }
        : meeting;
    });
    expect(steps.map((s) => s.op)).toEqual(['saveMeeting', 'view']);
    expect(done).toMatchObject({
      navigation: 'update',
      notification: 'Meeting saved to the CRM, linked to 2 records; its CRM event belongs to Sam Seller.',
    });
    const refused = runFlowSync(FLOWS.saveMeeting(inputs), (step) =>
      step.op === 'saveMeeting'
        ? { ok: false, failure: { status: 409, error: 'already_saved', message: 'Pat saved it already.' } }
        : meeting,
    );
    expect(refused.notification).toBe('Not saved: Pat saved it already.');
  });

  test('a meeting that cannot load says "this meeting", an email "this email"', () => {
    const failure = { status: 409, error: 'calendar_not_readable', message: 'No mailbox.' };
    const m = runFlowSync(FLOWS.event(undefined), () => ({
      ok: false,
      failure: { ...failure, item: 'meeting' },
    }));
    expect(m.card.header.subtitle).toBe('Could not load this meeting');
    const mail = runFlowSync(FLOWS.message(undefined), () => ({ ok: false, failure }));
    expect(mail.card.header.subtitle).toBe('Could not load this email');
  });

  test('the homepage, shown in Gmail and Calendar alike, names both', () => {
    const home = runFlowSync(FLOWS.homepage(undefined), () => {
      throw new Error('the homepage calls nothing');
    });
    expect(words(home.card)).toContain('Open an email or a Calendar event');
  });

  test('one card model: the email card is untouched by the meeting card’s parts', () => {
    const message: MailMessage = {
      internetMessageId: '<m@acme.com>',
      folder: 'inbox',
      from: { address: 'john@acme.com', name: 'John' },
      to: [{ address: USER }],
      cc: [],
      bcc: [],
      subject: 'Hi',
      sentAt: '2026-03-01T08:00:00Z',
    };
    const email = sidebarCard(buildSidebarView(message, eventContext(), { details }));
    expect(email.name).toBe('sidebar');
    expect(email.footer?.text).toBe('Save to CRM');
  });
});
