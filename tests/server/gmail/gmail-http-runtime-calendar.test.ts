import { savedEventsByKeys } from '../../../server/db/event-ledger-repo';
import { googleToCalendarEvent, type GoogleEvent } from '../../../server/providers/google';
import { startGmailEmulator, type GmailEmulator } from '../../emulators/gmail';
import { backends } from '../../support/db/test-databases';
import { OidcTestServer } from '../../support/oidc/oidc-test-server';
import { connectByOAuth, gmailSettingsOf } from '../../support/server/mail-providers';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The Google Calendar side of the add-on on the Workspace add-ons HTTP runtime (event-rules.md section 6): the
// calendar trigger's event object names the event by its Google id only, so the server reads it from the user's
// connected Google calendar (the emulator's events.get) and answers the same meeting card the Apps Script add-on
// shows; Save meeting by hand goes through the meeting service and the event ledger, a second save is refused.

const SERVICE_ACCOUNT = 'service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
const CLIENT_ID = '123456789-addon.apps.googleusercontent.com';
const DAY = 86_400_000;
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(backends)('Google Calendar add-on over the Workspace add-ons HTTP runtime (%s)', (backend) => {
  let server: TestServer;
  let oidc: OidcTestServer;
  let gmail: GmailEmulator;
  let eventId: string;

  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    gmail = await startGmailEmulator({ email: 'sam@ourco.com' });
    server = await startTestServer(backend, {
      LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
      LIAISON_GMAIL_ADDON_CLIENT_ID: CLIENT_ID,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
    server.deps.config.gmail = gmailSettingsOf(gmail);
    const { location } = await connectByOAuth(server, 'gmail', await server.signIn(server.sam));
    expect(location).toBe('/#/mailbox?connected=gmail');
    eventId = gmail.calendar.add({
      summary: 'Acme renewal walkthrough',
      start: at(2, 15),
      end: at(2, 16),
      organizer: { email: 'jane.doe@acme.com', displayName: 'Jane Doe' },
      attendees: [
        { email: 'jane.doe@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' },
        { email: 'sam@ourco.com', displayName: 'Sam Seller', responseStatus: 'accepted' },
        { email: 'john.smith@acme.com', displayName: 'John Smith', optional: true },
        { email: 'buyer@globex-new.com', displayName: 'Bea Buyer' },
        { email: 'boardroom@ourco.com', displayName: 'Board Room', resource: true },
      ],
    });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await gmail?.stop();
    await oidc?.stop();
  });

  const systemToken = (path: string) =>
    oidc.googleToken({ aud: `${server.url}${path}`, email: SERVICE_ACCOUNT, sub: '1029384756' });
  /** What Google Calendar posts: the event object's calendar part as the add-on gets it with READ access. */
  const event = async (id: string, formInputs: Record<string, string[]> = {}, email = 'sam@ourco.com') => ({
    commonEventObject: {
      hostApp: 'CALENDAR',
      formInputs: Object.fromEntries(
        Object.entries(formInputs).map(([k, v]) => [k, { stringInputs: { value: v } }]),
      ),
    },
    calendar: {
      id,
      calendarId: 'sam@ourco.com',
      organizer: { email: 'jane.doe@acme.com' },
      attendees: [{ email: 'sam@ourco.com', self: true, responseStatus: 'accepted' }],
      capabilities: { canSeeAttendees: true },
    },
    authorizationEventObject: {
      userIdToken: await oidc.googleToken({ aud: CLIENT_ID, email }),
      userOAuthToken: 'ya29.user-oauth-token',
    },
  });
  const post = async (path: string, body: unknown) =>
    server.call('POST', path, { as: await systemToken(path), body });
  const texts = (card: Json): string => JSON.stringify(card);

  test('event open: the meeting card as JSON, read from the connected calendar, the same view as the Apps Script route', async () => {
    const res = await post('/gmail/event', await event(eventId));
    expect(res.status).toBe(200);
    const card: Json = res.body.action.navigations[0].pushCard;
    expect(card.name).toBe('meeting');
    expect(card.header.subtitle).toBe('Acme renewal walkthrough');
    const headers = card.sections.map((s: Json) => s.header);
    expect(headers).toEqual(
      expect.arrayContaining(['Jane Doe', 'John Smith', 'New records', 'Save meeting']),
    );
    // The room is named apart, never as a person; the unknown attendee gets New records and Do Not Sync.
    expect(texts(card)).toContain('Board Room');
    expect(headers).not.toContain('Board Room');
    expect(texts(card)).toContain('buyer@globex-new.com');
    expect(texts(card)).toContain(`${server.url}/gmail/do-not-sync`);
    expect(card.fixedFooter.primaryButton).toMatchObject({
      text: 'Save meeting',
      onClick: { action: { function: `${server.url}/gmail/save-meeting` } },
    });
    expect(gmail.log.of('events.get').length).toBeGreaterThan(0);
    // The Apps Script add-on's route gives the same view, line for line.
    const view = await server.call('POST', '/api/sidebar/meeting/google', {
      as: await server.token('sam@ourco.com'),
      body: { calendar: { id: eventId, calendarId: 'sam@ourco.com' } },
    });
    expect(view.status).toBe(200);
    expect(view.body.autoshare.line).toBe("Won't be saved: meetings auto-sharing is off.");
    expect(texts(card)).toContain(JSON.stringify(view.body.autoshare.line));
    // One core for both sidebars: the Outlook pane's route, given the same event, answers the same view.
    const google = gmail.calendar.get(eventId) as GoogleEvent;
    const pane = await server.call('POST', '/api/sidebar/meeting', {
      as: await server.token('sam@ourco.com'),
      body: { event: googleToCalendarEvent(google), sourceId: eventId },
    });
    expect(pane.status).toBe(200);
    expect(pane.body).toEqual(view.body);
    const why = await post('/gmail/trace', await event(eventId));
    const trace: Json = why.body.renderActions.action.navigations[0].pushCard;
    expect(trace.sections[1].widgets.length).toBe(view.body.autoshare.trace.length);
  });

  test('Save meeting by hand: one CRM event under the event’s key, then "already saved, by whom" and a refused second save', async () => {
    const saved = await post(
      '/gmail/save-meeting',
      await event(eventId, { who: ['contact:con-jane-doe'], what: ['account:acc-acme'] }),
    );
    expect(saved.status).toBe(200);
    const action: Json = saved.body.renderActions.action;
    expect(action.notification.text).toMatch(/^Meeting saved to the CRM, linked to 2 records/);
    const card: Json = action.navigations[0].updateCard;
    expect(texts(card)).toContain('Saved by hand on');
    expect(texts(card)).toContain('belongs to Sam Seller');
    expect(card.fixedFooter).toBeUndefined();
    const key = `${gmail.calendar.get(eventId)?.iCalUID as string}`;
    const entry = (await savedEventsByKeys(server.deps.db, [key])).get(key);
    expect(entry).toMatchObject({ mode: 'manual' });
    expect(entry?.links.who).toEqual([{ kind: 'contact', id: 'con-jane-doe' }]);

    const again = await server.call('POST', '/api/save/meeting/google', {
      as: await server.token('sam@ourco.com'),
      body: { calendar: { id: eventId }, who: [{ kind: 'contact', id: 'con-john-smith' }] },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_saved');
  });

  test('a rep with no connected mailbox: the message card says where the event is read from and what is missing', async () => {
    const res = await post('/gmail/event', await event(eventId, {}, 'pat@ourco.com'));
    const card: Json = res.body.action.navigations[0].pushCard;
    expect(card.name).toBe('message');
    expect(texts(card)).toContain(
      'Liaison reads the open event from your Google Calendar through the mailbox connected on My mailbox: you have none connected.',
    );
  });

  test('an event Google does not have: a message card saying so, never a crash', async () => {
    const res = await post('/gmail/event', await event('no-such-event'));
    expect(res.status).toBe(200);
    const card: Json = res.body.action.navigations[0].pushCard;
    expect(card.name).toBe('message');
    expect(texts(card)).toContain('Could not load this meeting');
    expect(texts(card)).toContain('Google Calendar has no such event');
  });
});
