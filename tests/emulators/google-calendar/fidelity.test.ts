/**
 * What the Calendar part of the Gmail emulator claims to do as Google documents it, one row per behaviour: the
 * endpoint, the behaviour, the documentation page that says so, and a check over plain HTTP (the calendar source's
 * tests go through the real clients). A behaviour the emulator adds must come with its row.
 */
import { startGmailEmulator, type GmailEmulator } from '../gmail';
import { CALENDAR_SCOPE } from '../gmail/server';

const CALENDAR = 'https://developers.google.com/calendar/api';

let emu: GmailEmulator;
let token: string;
afterEach(async () => {
  await emu.stop();
});

async function boot() {
  emu = await startGmailEmulator();
  token = await accessToken();
}

async function accessToken(): Promise<string> {
  const redirect = 'http://localhost/cb';
  const res = await fetch(emu.endpoints.oauth2TokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: emu.clientId,
      client_secret: emu.clientSecret,
      grant_type: 'authorization_code',
      code: emu.oauth.issueCode(redirect),
      redirect_uri: redirect,
    }),
  });
  return String(((await res.json()) as Record<string, unknown>).access_token);
}

type Item = Record<string, unknown>;
type Body = Item & { items?: Item[]; error?: Item & { errors?: Item[] } };
async function list(params: Record<string, string>, bearer = token) {
  const res = await fetch(`${emu.url}/calendar/v3/calendars/primary/events?${new URLSearchParams(params)}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}
/** Every page of a listing: the items, and the sync token its last page carries. */
async function listAll(params: Record<string, string>) {
  const pages: Item[][] = [];
  for (let pageToken: string | undefined; ;) {
    const page = await list({ ...params, ...(pageToken ? { pageToken } : {}) });
    pages.push(page.body.items ?? []);
    if (typeof page.body.nextPageToken === 'string') {
      expect(page.body.nextSyncToken).toBeUndefined();
      pageToken = page.body.nextPageToken;
      continue;
    }
    return { pages, items: pages.flat(), syncToken: String(page.body.nextSyncToken) };
  }
}
const meeting = (d: number, extra = {}) => ({
  summary: `e${d}`,
  start: `2026-12-${String(d).padStart(2, '0')}T09:00:00Z`,
  end: `2026-12-${String(d).padStart(2, '0')}T10:00:00Z`,
  ...extra,
});
const WINDOW = { timeMin: '2026-12-01T00:00:00Z', timeMax: '2026-12-31T00:00:00Z' };

const rows: [string, string, string, () => Promise<void>][] = [
  [
    'GET calendars/{id}/events',
    'timeMin bounds the end and timeMax the start (both exclusive); maxResults pages with nextPageToken; only the last page has nextSyncToken',
    `${CALENDAR}/v3/reference/events/list`,
    async () => {
      for (let d = 10; d < 15; d++) emu.calendar.add(meeting(d));
      emu.calendar.add(meeting(1, { start: '2027-03-01T09:00:00Z', end: '2027-03-01T10:00:00Z' }));
      const all = await listAll({ ...WINDOW, singleEvents: 'true', maxResults: '2' });
      expect(all.pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(all.items.map((e) => e.summary).sort()).toEqual(['e10', 'e11', 'e12', 'e13', 'e14']);
      expect(all.syncToken).not.toBe('undefined');
      expect((await list({ timeMin: '2026-12-01' })).status).toBe(400);
    },
  ],
  [
    'GET calendars/{id}/events',
    'singleEvents=true lists the instances of a series (recurringEventId, originalStartTime); false the recurring event with its recurrence',
    `${CALENDAR}/v3/reference/events/list`,
    async () => {
      emu.calendar.addSeries(meeting(3), 'weekly', 3);
      const single = await listAll({ ...WINDOW, singleEvents: 'true' });
      expect(single.items).toHaveLength(3);
      expect(
        single.items.every(
          (e) => typeof e.recurringEventId === 'string' && typeof e.originalStartTime === 'object',
        ),
      ).toBe(true);
      const series = await listAll({ ...WINDOW, singleEvents: 'false' });
      expect(series.items).toHaveLength(1);
      expect(series.items[0]?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=3']);
    },
  ],
  [
    'GET calendars/{id}/events',
    'showDeleted=false (the default) leaves cancelled events out of a full listing; true includes them',
    `${CALENDAR}/v3/reference/events/list`,
    async () => {
      emu.calendar.add(meeting(10));
      emu.calendar.cancel(emu.calendar.add(meeting(11)));
      expect((await listAll(WINDOW)).items.map((e) => e.summary)).toEqual(['e10']);
      const withDeleted = await listAll({ ...WINDOW, showDeleted: 'true' });
      expect(withDeleted.items.map((e) => `${String(e.summary)} ${String(e.status)}`).sort()).toEqual([
        'e10 confirmed',
        'e11 cancelled',
      ]);
    },
  ],
  [
    'GET calendars/{id}/events?syncToken=',
    'a sync gives every event changed since, deleted ones with status cancelled (and little else)',
    `${CALENDAR}/guides/sync`,
    async () => {
      const a = emu.calendar.add(meeting(10));
      const b = emu.calendar.add(meeting(11));
      const { syncToken } = await listAll({ ...WINDOW, singleEvents: 'true' });
      emu.calendar.update(a, { summary: 'moved' });
      emu.calendar.delete(b);
      const sync = await listAll({ syncToken, singleEvents: 'true' });
      expect(sync.items).toHaveLength(2);
      expect(sync.items.find((e) => e.id === a)?.summary).toBe('moved');
      expect(sync.items.find((e) => e.id === b)).toEqual({
        kind: 'calendar#event',
        etag: expect.any(String),
        id: b,
        status: 'cancelled',
      });
      expect((await listAll({ syncToken: sync.syncToken })).items).toEqual([]);
    },
  ],
  [
    'GET calendars/{id}/events?syncToken=',
    'a sync token cannot be combined with timeMin, timeMax and other restrictions: 400',
    `${CALENDAR}/v3/reference/events/list`,
    async () => {
      const { syncToken } = await listAll(WINDOW);
      const refused = await list({ syncToken, timeMin: WINDOW.timeMin });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.errors?.[0]?.reason).toBe('syncTokenWithRequestRestrictions');
    },
  ],
  [
    'GET calendars/{id}/events?syncToken=',
    'an invalidated sync token answers 410 Gone (fullSyncRequired) in the usual error shape',
    `${CALENDAR}/guides/sync`,
    async () => {
      const { syncToken } = await listAll(WINDOW);
      emu.calendar.expireSyncTokens();
      const gone = await list({ syncToken });
      expect(gone.status).toBe(410);
      expect(gone.body.error).toMatchObject({
        code: 410,
        errors: [{ reason: 'fullSyncRequired', domain: 'global' }],
        status: 'GONE',
      });
    },
  ],
  [
    'GET calendars/{id}/events',
    'rate limits: 403 rateLimitExceeded (domain usageLimits) or 429, with Retry-After when injected',
    `${CALENDAR}/guides/errors`,
    async () => {
      // A fault counts the requests that reach it: the one firing later goes first.
      emu.faults.add({ kind: 'events.list', onCall: 2, status: 429 });
      emu.faults.add({ kind: 'events.list', onCall: 1, status: 403, retryAfter: 3 });
      const limited = await list(WINDOW);
      expect(limited.status).toBe(403);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.body.error?.errors?.[0]).toMatchObject({
        reason: 'rateLimitExceeded',
        domain: 'usageLimits',
      });
      expect((await list(WINDOW)).status).toBe(429);
      expect(emu.log.snapshot().byKind['events.list']).toBe(2);
    },
  ],
  [
    'GET calendars/{id}/events',
    'a token without calendar.readonly answers 403 insufficientPermissions',
    `${CALENDAR}/auth`,
    async () => {
      emu.oauth.withholdScope(CALENDAR_SCOPE);
      const narrow = await accessToken();
      const denied = await list(WINDOW, narrow);
      expect(denied.status).toBe(403);
      expect(denied.body.error?.errors?.[0]?.reason).toBe('insufficientPermissions');
    },
  ],
  [
    'GET calendars/{id}/events/{eventId}',
    'events.get answers the event as the listing shows it (by the calendar id or the user address); an unknown id is 404 notFound',
    `${CALENDAR}/v3/reference/events/get`,
    async () => {
      const id = emu.calendar.add(meeting(12, { attendees: [{ email: 'jane@acme.com', optional: true }] }));
      const listed = (await list({ ...WINDOW, singleEvents: 'true' })).body.items?.[0];
      for (const calendar of ['primary', encodeURIComponent(emu.calendar.email)]) {
        const res = await fetch(`${emu.url}/calendar/v3/calendars/${calendar}/events/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(listed);
      }
      const missing = await fetch(`${emu.url}/calendar/v3/calendars/primary/events/nope`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Body).error?.errors?.[0]?.reason).toBe('notFound');
      expect(emu.log.snapshot().byKind['events.get']).toBe(3);
    },
  ],
];

test.each(rows)('%s: %s (%s)', async (_endpoint, _behaviour, _page, check) => {
  await boot();
  await check();
});
