import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_NAMES, TRIGGER_NAMES } from '../../gmail-addon/apps-script/function-names';
import { startGmailEmulator, type GmailEmulator } from '../emulators/gmail';
import { backends } from '../support/db/test-databases';
import { OidcTestServer } from '../support/oidc/oidc-test-server';
import { connectByOAuth, gmailSettingsOf } from '../support/server/mail-providers';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { startAddonHarness, type AddonHarness } from './support/addon-harness';
import { buttons, inputs, navigation, notification, shownCard, words } from './support/card-reading';

// The built Code.js in Node's vm with Apps Script stand-ins, opened in Google Calendar: the calendar trigger's event
// object names the event by its Google id, the add-on asks the real server (which reads the event from the rep's
// connected Google calendar, here the emulator) and renders the meeting card with CardService; Why?, Do Not Sync on
// an unknown attendee and Save meeting run from that card.

const CLIENT_ID = '1234-liaison-gmail.apps.googleusercontent.com';
const DAY = 86_400_000;
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe.each(backends)('Google Calendar add-on (Code.js in vm, real server on %s)', (backend) => {
  let server: TestServer;
  let oidc: OidcTestServer;
  let gmail: GmailEmulator;
  let addon: AddonHarness;
  let google: string;

  const meeting = (summary: string, unknown: string) =>
    gmail.calendar.add({
      summary,
      start: at(3, 10),
      end: at(3, 11),
      organizer: { email: 'jane.doe@acme.com', displayName: 'Jane Doe' },
      attendees: [
        { email: 'jane.doe@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' },
        { email: 'sam@ourco.com', displayName: 'Sam Seller', responseStatus: 'accepted' },
        { email: unknown, displayName: 'Someone New' },
        { email: 'boardroom@ourco.com', displayName: 'Board Room', resource: true },
      ],
    });
  /** The event object Google Calendar passes with currentEventAccess READ (no title, times or iCalendar UID). */
  const opened = (id: string, common: object = {}) => ({
    commonEventObject: { hostApp: 'CALENDAR', ...common },
    calendar: {
      id,
      calendarId: 'sam@ourco.com',
      organizer: { email: 'jane.doe@acme.com' },
      attendees: [{ email: 'sam@ourco.com', self: true, responseStatus: 'accepted' }],
      capabilities: { canSeeAttendees: true },
    },
  });

  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    server = await startTestServer(backend, {
      LIAISON_GOOGLE_CLIENT_ID: CLIENT_ID,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    server.deps.config.gmail = gmailSettingsOf(gmail);
    await connectByOAuth(server, 'gmail', await server.signIn(server.sam));
    addon = await startAddonHarness({
      serverUrl: server.url,
      userEmail: 'sam@ourco.com',
      accessToken: 'unused',
    });
    google = await oidc.googleToken({ aud: CLIENT_ID, email: 'sam@ourco.com' });
  }, 90_000);
  afterAll(async () => {
    await addon?.close();
    await server?.close();
    await gmail?.stop();
    await oidc?.stop();
  });
  afterEach(() => {
    addon.respond = undefined;
  });

  test('the bundle and manifest extend Calendar: eventOpenTrigger, READ access and its two scopes, nothing broader', () => {
    const code = readFileSync(join(addon.dir, 'Code.js'), 'utf8');
    for (const name of [TRIGGER_NAMES.eventOpen, FUNCTION_NAMES.saveMeeting])
      expect(code).toMatch(new RegExp(`^function ${name}\\(e\\) \\{$`, 'm'));
    const manifest = JSON.parse(readFileSync(join(addon.dir, 'appsscript.json'), 'utf8'));
    expect(manifest.addOns.calendar).toEqual({
      currentEventAccess: 'READ',
      eventOpenTrigger: { runFunction: TRIGGER_NAMES.eventOpen },
    });
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/calendar.addons.execute',
        'https://www.googleapis.com/auth/calendar.addons.current.event.read',
      ]),
    );
    // The add-on never reads calendars itself: the server reads the open event with the sync's own grant.
    expect(
      manifest.oauthScopes.filter((s: string) => /auth\/calendar(\.readonly|\.events|$)/.test(s)),
    ).toEqual([]);
    const http = JSON.parse(
      readFileSync(join(__dirname, '../../gmail-addon/http-deployment.example.json'), 'utf8'),
    );
    expect(http.addOns.calendar).toEqual({
      currentEventAccess: 'READ',
      eventOpenTrigger: { runFunction: 'https://liaison.yourco.com/gmail/event' },
    });
  });

  test('event open: the meeting card (line with Why?, the room apart, known people, New records), Why? pushes the trace', async () => {
    const id = meeting('Acme quarterly review', 'someone.new@globex-new.com');
    const card = shownCard(await addon.run(TRIGGER_NAMES.eventOpen, opened(id), google));
    expect(addon.requests.at(-1)).toMatchObject({
      url: `${server.url}/api/sidebar/meeting/google`,
      method: 'POST',
      authorization: `Bearer ${google}`,
      body: { calendar: { id, calendarId: 'sam@ourco.com' } },
    });
    expect(card.name).toBe('meeting');
    expect(card.header.subtitle).toBe('Acme quarterly review');
    const text = words(card);
    expect(text).toEqual(
      expect.arrayContaining([
        "Won't be saved: meetings auto-sharing is off.",
        'Rooms and equipment',
        'Board Room',
        'Jane Doe',
        'Contact · organizer',
        'New records',
        'Someone New',
        'someone.new@globex-new.com · New lead',
        'Save meeting',
        'Jane Doe (contact)',
      ]),
    );
    expect(card.sections.map((s) => s.header)).not.toContain('Board Room');
    expect(buttons(card)).toEqual(
      expect.arrayContaining([
        { text: 'Why?', fn: FUNCTION_NAMES.showTrace },
        {
          text: 'Do Not Sync',
          fn: FUNCTION_NAMES.doNotSync,
          parameters: { address: 'someone.new@globex-new.com' },
        },
        { text: 'Save meeting', fn: FUNCTION_NAMES.saveMeeting },
      ]),
    );
    const why = await addon.run(FUNCTION_NAMES.showTrace, opened(id), google);
    expect(navigation(why)).toEqual(['pushCard']);
    expect(words(shownCard(why))).toContain('How the rules read this meeting');
  });

  test('Do Not Sync on an unknown attendee: the meeting card comes back with the attendee hidden', async () => {
    const id = meeting('Globex intro', 'hide.me@globex-new.com');
    const result = await addon.run(
      FUNCTION_NAMES.doNotSync,
      opened(id, { parameters: { address: 'hide.me@globex-new.com' } }),
      google,
    );
    expect(notification(result)).toBe(
      'hide.me@globex-new.com is on your Do Not Sync list: it will never be saved or shown.',
    );
    const card = shownCard(result);
    expect(card.name).toBe('meeting');
    expect(words(card)).toContain('1 participant is hidden: Do Not Sync.');
    expect(words(card)).not.toContain('hide.me@globex-new.com');
  });

  test('New records from the Calendar card: Create contact opens prefilled, and back on the meeting the attendee is known', async () => {
    const id = meeting('Acme onboarding', 'newton.guy@acme.com');
    const card = shownCard(await addon.run(TRIGGER_NAMES.eventOpen, opened(id), google));
    const create = buttons(card).find((b) => b.text === 'Create contact')!;
    expect(create.parameters).toMatchObject({ kind: 'contact', email: 'newton.guy@acme.com' });
    const form = shownCard(
      await addon.run(create.fn, opened(id, { parameters: create.parameters! }), google),
    );
    expect(form.name).toBe('create-record');
    const submit = buttons(form).find((b) => b.text === 'Create contact')!;
    const result = await addon.run(
      submit.fn,
      opened(id, {
        parameters: submit.parameters!,
        formInputs: {
          firstName: { stringInputs: { value: ['Newton'] } },
          lastName: { stringInputs: { value: ['Guy'] } },
          company: { stringInputs: { value: ['Acme Corporation'] } },
        },
      }),
      google,
    );
    expect(navigation(result)).toEqual(['popToRoot', 'updateCard']);
    expect(notification(result)).toBe('The contact for newton.guy@acme.com is in the CRM.');
    const back = shownCard(result);
    expect(back.name).toBe('meeting');
    expect(back.sections.map((s) => s.header)).toContain('Newton Guy');
    expect(back.sections.map((s) => s.header)).not.toContain('New records');
  });

  test('Save meeting with the records picked: saved by hand, by whom; a second save is refused, saying why', async () => {
    const id = meeting('Acme renewal signing', 'new.buyer@globex-new.com');
    const form = {
      formInputs: {
        who: { stringInputs: { value: ['contact:con-jane-doe'] } },
        what: { stringInputs: { value: ['account:acc-acme'] } },
      },
    };
    const saved = await addon.run(FUNCTION_NAMES.saveMeeting, opened(id, form), google);
    const request = addon.requests.find((r) => r.url.endsWith('/api/save/meeting/google'));
    expect(request?.body).toEqual({
      calendar: { id, calendarId: 'sam@ourco.com' },
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'account', id: 'acc-acme' },
    });
    expect(notification(saved)).toBe(
      'Meeting saved to the CRM, linked to 2 records; its CRM event belongs to Sam Seller.',
    );
    const card = shownCard(saved);
    expect(words(card).join(' ')).toMatch(
      /Saved by hand on \d{4}-\d\d-\d\d; its CRM event belongs to Sam Seller/,
    );
    expect(card.fixedFooter).toBeUndefined();
    expect(inputs(card)).toEqual([]);

    const again = await addon.run(FUNCTION_NAMES.saveMeeting, opened(id, form), google);
    expect(notification(again)).toMatch(
      /^Not saved: This meeting is already saved in the CRM \(its CRM event belongs to Sam Seller\)/,
    );
  });

  test('a server that cannot answer: the message card says which item could not load, never a script error', async () => {
    addon.respond = () => ({
      status: 503,
      body: JSON.stringify({ error: 'restarting', message: 'Try again soon.' }),
    });
    const card = shownCard(await addon.run(TRIGGER_NAMES.eventOpen, opened('any'), google));
    expect(card.name).toBe('message');
    expect(words(card)).toEqual(expect.arrayContaining(['Could not load this meeting', 'Try again soon.']));
  });
});
