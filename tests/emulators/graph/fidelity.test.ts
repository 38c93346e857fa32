/**
 * What the Graph emulator claims to do as Microsoft documents it, one row per behaviour: the endpoint, the behaviour,
 * the Microsoft Learn page that says so, and a check over plain HTTP (the source's own tests go through the real
 * clients). A behaviour the emulator adds must come with its row here.
 */
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '.';

const LEARN = 'https://learn.microsoft.com/en-us/graph';

let emu: GraphEmulator;
let token: string;
afterEach(async () => {
  await emu.stop();
});

async function start(options: GraphEmulatorOptions = {}) {
  emu = await startGraphEmulator(options);
  const redirect = 'http://localhost/cb';
  const res = await fetch(`${emu.url}/${emu.tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: emu.clientId,
      client_secret: emu.clientSecret,
      code: emu.oauth.issueCode(redirect),
      redirect_uri: redirect,
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
}

type Item = Record<string, unknown>;
type Body = Item & { value?: Item[]; error?: Item & { innerError?: Item } };
const IMMUTABLE = 'IdType="ImmutableId"';

async function get(url: string, prefer = `odata.maxpagesize=100, ${IMMUTABLE}`) {
  const res = await fetch(url.startsWith('http') ? url : `${emu.url}/v1.0${url}`, {
    headers: { authorization: `Bearer ${token}`, prefer },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

async function post(url: string, body: unknown) {
  const res = await fetch(`${emu.url}/v1.0${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body & { responses?: Item[] } };
}

/** Every page of a round: its items page by page, and the deltaLink it ends with. */
async function round(url: string, prefer?: string) {
  const pages: Item[][] = [];
  for (let next = url; ;) {
    const page = await get(next, prefer);
    pages.push(page.body.value ?? []);
    const more = page.body['@odata.nextLink'];
    if (typeof more !== 'string')
      return { pages, items: pages.flat(), deltaLink: String(page.body['@odata.deltaLink']) };
    next = more;
  }
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const inbox = (n: number, prefix = 'm') => {
  for (let i = 0; i < n; i++)
    emu.store.deliver('inbox', { subject: `${prefix}${i}`, receivedDateTime: at(i) });
};
const DELTA = '/me/mailFolders/inbox/messages/delta';

const rows: [string, string, string, GraphEmulatorOptions, () => Promise<void>][] = [
  [
    'GET mailFolders/{id}/messages/delta',
    'pages end in @odata.nextLink ($skiptoken), the last in @odata.deltaLink ($deltatoken); Prefer: odata.maxpagesize sets the page size',
    `${LEARN}/delta-query-messages`,
    { replayRate: 0 },
    async () => {
      inbox(5);
      const first = await get(`${DELTA}?$select=subject`, 'odata.maxpagesize=2');
      expect(first.body.value).toHaveLength(2);
      expect(String(first.body['@odata.nextLink'])).toContain('$skiptoken=');
      expect(first.headers.get('preference-applied')).toContain('odata.maxpagesize=2');
      const all = await round(`${DELTA}?$select=subject`, 'odata.maxpagesize=2');
      expect(all.pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(all.deltaLink).toContain('$deltatoken=');
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'the only $filter is receivedDateTime ge|gt {value}; the only $orderby is receivedDateTime desc; else 400',
    `${LEARN}/delta-query-messages`,
    {},
    async () => {
      expect((await get(`${DELTA}?$filter=subject eq 'x'`)).status).toBe(400);
      expect((await get(`${DELTA}?$filter=receivedDateTime lt ${at(1)}`)).status).toBe(400);
      expect((await get(`${DELTA}?$orderby=subject`)).status).toBe(400);
      expect((await get(`${DELTA}?$filter=receivedDateTime gt ${at(1)}`)).status).toBe(200);
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'with $filter a round lists only up to 5,000 messages (here deltaFilterCap)',
    `${LEARN}/delta-query-messages`,
    { deltaFilterCap: 7 },
    async () => {
      inbox(12);
      expect((await round(`${DELTA}?$filter=receivedDateTime ge ${at(0)}`)).items).toHaveLength(7);
      expect((await round(DELTA)).items).toHaveLength(12);
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    "without $orderby the return order isn't guaranteed (a seeded shuffle); $orderby=receivedDateTime desc is newest first",
    `${LEARN}/delta-query-messages`,
    { seed: 3, replayRate: 0 },
    async () => {
      inbox(12);
      const times = (await round(`${DELTA}?$select=receivedDateTime`)).items.map((m) =>
        String(m.receivedDateTime),
      );
      expect(times).not.toEqual([...times].sort());
      const desc = await round(`${DELTA}?$select=receivedDateTime&$orderby=receivedDateTime desc`);
      const newest = desc.items.map((m) => String(m.receivedDateTime));
      expect(newest).toEqual([...newest].sort().reverse());
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'a later round gives net changes; a message that left the folder is { id, "@removed": { reason } }',
    `${LEARN}/delta-query-overview`,
    { replayRate: 0 },
    async () => {
      emu.store.deliver('inbox', { subject: 'a' });
      const moved = emu.store.deliver('inbox', { subject: 'b' });
      const { deltaLink } = await round(`${DELTA}?$select=subject`);
      emu.store.move(moved.id, 'archive');
      emu.store.deliver('inbox', { subject: 'c' });
      const changes = (await round(deltaLink)).items;
      expect(changes).toHaveLength(2);
      expect(changes).toContainEqual({
        '@odata.type': '#microsoft.graph.message',
        id: moved.id,
        '@removed': { reason: 'deleted' },
      });
      expect(changes).toContainEqual(expect.objectContaining({ subject: 'c' }));
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'replays: "the same change appears in subsequent responses" (a later page repeats the item before it, a round the last of the round before)',
    `${LEARN}/delta-query-overview`,
    { replayRate: 1 },
    async () => {
      inbox(6);
      const first = await round(`${DELTA}?$select=subject`, `odata.maxpagesize=2, ${IMMUTABLE}`);
      const ids = first.items.map((m) => m.id);
      expect(ids.length).toBeGreaterThan(new Set(ids).size);
      expect(new Set(ids).size).toBe(6);
      expect(first.pages[1]?.[0]?.id).toBe(first.pages[0]?.at(-1)?.id);
      emu.store.deliver('inbox', { subject: 'new' });
      const next = await round(first.deltaLink);
      expect(next.items.map((m) => m.subject)).toEqual([first.items.at(-1)?.subject, 'new']);
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'synchronization reset: 410 Gone with a Location header, the initial query with an empty $deltatoken',
    `${LEARN}/delta-query-overview`,
    {},
    async () => {
      inbox(1);
      const { deltaLink } = await round(DELTA);
      emu.store.expireDeltaTokens();
      const gone = await get(deltaLink);
      expect(gone.status).toBe(410);
      const location = String(gone.headers.get('location'));
      expect(location).toMatch(/\/messages\/delta\?\$deltatoken=$/);
      expect((await get(location)).body.value).toHaveLength(1);
    },
  ],
  [
    'GET mailFolders/{id}/messages/delta',
    'an expired token: "a 40X-series error with error codes such as syncStateNotFound"; resyncRequired, and codes nested in innerError',
    `${LEARN}/delta-query-overview, ${LEARN}/errors`,
    {},
    async () => {
      inbox(1);
      const { deltaLink } = await round(DELTA);
      emu.store.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
      const expired = await get(deltaLink);
      expect(expired.status).toBe(400);
      expect(expired.body.error?.code).toBe('syncStateNotFound');
      const { deltaLink: fresh } = await round(DELTA);
      emu.store.expireDeltaTokens({ status: 400, code: 'invalidRequest', innerCode: 'resyncRequired' });
      const nested = await get(fresh);
      expect(nested.body.error).toMatchObject({
        code: 'invalidRequest',
        innerError: { code: 'resyncRequired' },
      });
    },
  ],
  [
    'GET mailFolders/{id}/messages',
    '$filter on receivedDateTime with $orderby on it, $top (at most 1000), pages with @odata.nextLink',
    `${LEARN}/api/mailfolder-list-messages`,
    {},
    async () => {
      inbox(9);
      const url = `/me/mailFolders/inbox/messages?$select=subject&$filter=receivedDateTime ge ${at(2)} and receivedDateTime lt ${at(8)}&$orderby=receivedDateTime&$top=4`;
      const first = await get(url);
      expect(first.body.value?.map((m) => m.subject)).toEqual(['m2', 'm3', 'm4', 'm5']);
      const second = await get(String(first.body['@odata.nextLink']));
      expect(second.body.value?.map((m) => m.subject)).toEqual(['m6', 'm7']);
      expect(second.body['@odata.nextLink']).toBeUndefined();
      expect((await get('/me/mailFolders/inbox/messages?$top=1001')).status).toBe(400);
    },
  ],
  [
    'GET mailFolders/{id}/messages',
    '$filter on from/emailAddress/address (any case); with $orderby, its property must come first in $filter, else 400 InefficientFilter',
    `${LEARN}/api/user-list-messages#using-filter-and-orderby-in-the-same-query`,
    {},
    async () => {
      emu.store.deliver('inbox', {
        subject: 'a',
        from: { address: 'Ann@Acme.com' },
        receivedDateTime: at(1),
      });
      emu.store.deliver('inbox', {
        subject: 'b',
        from: { address: 'bob@acme.com' },
        receivedDateTime: at(2),
      });
      emu.store.deliver('inbox', {
        subject: 'c',
        from: { address: 'ann@acme.com' },
        receivedDateTime: at(3),
      });
      const ann = "from/emailAddress/address eq 'ann@acme.com'";
      const newest = await get(
        `/me/mailFolders/inbox/messages?$select=subject&$filter=receivedDateTime ge ${at(0)} and ${ann}&$orderby=receivedDateTime desc`,
      );
      expect(newest.body.value?.map((m) => m.subject)).toEqual(['c', 'a']);
      const refused = await get(
        `/me/mailFolders/inbox/messages?$filter=${ann}&$orderby=receivedDateTime desc`,
      );
      expect(refused.status).toBe(400);
      expect((refused.body as { error?: { code?: string } }).error?.code).toBe('InefficientFilter');
    },
  ],
  [
    'GET messages/{id}, delta, list',
    'ids change when a message moves folder unless Prefer: IdType="ImmutableId"; either id reads the message',
    `${LEARN}/outlook-immutable-id`,
    {},
    async () => {
      const m = emu.store.deliver('inbox', { subject: 'x' });
      const rest = (await get(`/me/messages/${m.id}?$select=subject`, '')).body.id;
      expect(rest).not.toBe(m.id);
      expect((await get(`/me/messages/${m.id}?$select=subject`)).body.id).toBe(m.id);
      expect((await get(`/me/messages/${String(rest)}?$select=subject`)).body.subject).toBe('x');
      emu.store.move(m.id, 'archive');
      const moved = (await get(`/me/messages/${m.id}?$select=subject`, '')).body.id;
      expect(moved).not.toBe(rest);
      expect((await get(`/me/messages/${m.id}?$select=subject`)).body.id).toBe(m.id);
      const listed = (await round('/me/mailFolders/archive/messages/delta', 'odata.maxpagesize=10')).items;
      expect(listed.map((i) => i.id)).toEqual([moved]);
    },
  ],
  [
    'GET messages/{id}',
    'internetMessageHeaders is returned only when $select names it',
    `${LEARN}/api/resources/message`,
    {},
    async () => {
      const m = emu.store.deliver('inbox', { subject: 'h', headers: { 'List-Id': '<x>' } });
      expect((await get(`/me/messages/${m.id}`)).body.internetMessageHeaders).toBeUndefined();
      const selected = (await get(`/me/messages/${m.id}?$select=internetMessageHeaders`)).body;
      expect(selected.internetMessageHeaders).toContainEqual({ name: 'List-Id', value: '<x>' });
    },
  ],
  [
    'GET messages/{id}',
    "a copy in Sent Items has no internetMessageHeaders; an x- field a compose add-in set is a named property of PS_INTERNET_HEADERS, read with $expand=singleValueExtendedProperties($filter=id eq '…') and absent when the item has none",
    `${LEARN}/api/singlevaluelegacyextendedproperty-get, https://github.com/microsoftgraph/microsoft-graph-docs/issues/2716`,
    {},
    async () => {
      const sent = emu.store.deliver('sentitems', { subject: 's', headers: { 'X-Liaison-Save': 'v1.a.b' } });
      const plain = emu.store.deliver('sentitems', { subject: 'p' });
      const headers = (await get(`/me/messages/${sent.id}?$select=internetMessageHeaders`)).body;
      expect(headers.internetMessageHeaders).toBeUndefined();
      const expand = encodeURIComponent(
        "singleValueExtendedProperties($filter=id eq 'String {00020386-0000-0000-C000-000000000046} Name x-liaison-save')",
      );
      const marked = (await get(`/me/messages/${sent.id}?$select=id&$expand=${expand}`)).body;
      expect(marked.singleValueExtendedProperties).toEqual([
        { id: 'String {00020386-0000-0000-c000-000000000046} Name x-liaison-save', value: 'v1.a.b' },
      ]);
      const none = (await get(`/me/messages/${plain.id}?$select=id&$expand=${expand}`)).body;
      expect(none.singleValueExtendedProperties).toBeUndefined();
    },
  ],
  [
    'POST $batch',
    'at most 20 requests; responses "might appear in a different order than the requests", correlated by id',
    `${LEARN}/json-batching`,
    { seed: 5 },
    async () => {
      const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
      const ok = await post('/$batch', { requests });
      const ids = ok.body.responses?.map((r) => String(r.id)) ?? [];
      expect([...ids].sort()).toEqual(requests.map((r) => r.id).sort());
      expect(ids).not.toEqual(requests.map((r) => r.id));
      const tooMany = await post('/$batch', {
        requests: [...requests, { id: '20', method: 'GET', url: '/me' }],
      });
      expect(tooMany.status).toBe(400);
    },
  ],
  [
    'every API path',
    'errors are { error: { code, message, innerError: { date, request-id, client-request-id } } }',
    `${LEARN}/errors`,
    {},
    async () => {
      const missing = await get('/me/messages/nope');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({
        code: 'ErrorItemNotFound',
        message: expect.any(String),
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      });
    },
  ],
  [
    'every API path',
    'throttling: 429 with a Retry-After header (an injected fault)',
    `${LEARN}/throttling`,
    {},
    async () => {
      emu.faults.add({ kind: 'me', onCall: 1, status: 429, retryAfter: 7 });
      const throttled = await get('/me');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
    },
  ],
  [
    'GET me/calendarView/delta',
    'the first request needs startDateTime and endDateTime; the window is encoded in the nextLink ($skiptoken) and deltaLink ($deltatoken) that follow',
    `${LEARN}/delta-query-events`,
    {},
    async () => {
      expect((await get('/me/calendarView/delta')).status).toBe(400);
      for (let d = 10; d < 15; d++)
        emu.calendar.add({
          subject: `e${d}`,
          start: `2026-12-${d}T09:00:00Z`,
          end: `2026-12-${d}T10:00:00Z`,
        });
      emu.calendar.add({ subject: 'outside', start: '2027-03-01T09:00:00Z', end: '2027-03-01T10:00:00Z' });
      const window = 'startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z';
      const all = await round(`/me/calendarView/delta?${window}`, 'odata.maxpagesize=2');
      expect(all.pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(all.items.map((e) => e.subject).sort()).toEqual(['e10', 'e11', 'e12', 'e13', 'e14']);
      expect(all.deltaLink).toContain('$deltatoken=');
      expect(all.deltaLink).not.toContain('startDateTime');
    },
  ],
  [
    'GET me/calendarView/delta',
    'a series comes as its occurrences (type occurrence, seriesMasterId, originalStart), never the seriesMaster; start and end in UTC',
    `${LEARN}/api/resources/event`,
    {},
    async () => {
      emu.calendar.addSeries(
        { subject: 'weekly', start: '2026-12-03T09:00:00Z', end: '2026-12-03T10:00:00Z' },
        'weekly',
        3,
      );
      const { items } = await round(
        '/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z',
      );
      expect(items).toHaveLength(3);
      expect(items.every((e) => e.type === 'occurrence' && typeof e.seriesMasterId === 'string')).toBe(true);
      expect(items.map((e) => e.originalStart).sort()).toEqual([
        '2026-12-03T09:00:00Z',
        '2026-12-10T09:00:00Z',
        '2026-12-17T09:00:00Z',
      ]);
      expect(items[0]?.start).toEqual({
        dateTime: expect.stringMatching(/^2026-12-\d{2}T09:00:00\.0000000$/),
        timeZone: 'UTC',
      });
    },
  ],
  [
    'GET me/calendarView/delta',
    'a later round gives what changed: a changed or cancelled event in full (isCancelled), a deleted one as { id, "@removed": { reason: "deleted" } }',
    `${LEARN}/delta-query-events`,
    {},
    async () => {
      const e = (d: number) => ({
        subject: `e${d}`,
        start: `2026-12-${d}T09:00:00Z`,
        end: `2026-12-${d}T10:00:00Z`,
      });
      const [a, b] = [emu.calendar.add(e(10)), emu.calendar.add(e(11)), emu.calendar.add(e(12))];
      const { deltaLink } = await round(
        '/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z',
      );
      emu.calendar.cancel(a ?? '');
      emu.calendar.delete(b ?? '');
      const next = await round(deltaLink);
      expect(next.items).toHaveLength(2);
      expect(next.items).toContainEqual({
        '@odata.type': '#microsoft.graph.event',
        id: b,
        '@removed': { reason: 'deleted' },
      });
      expect(next.items.find((i) => i.id === a)?.isCancelled).toBe(true);
      expect((await round(next.deltaLink)).items).toEqual([]);
    },
  ],
  [
    'GET me/calendarView/delta',
    'an expired state token answers 410 Gone with a Location header (or a 40X with syncStateNotFound)',
    `${LEARN}/delta-query-overview`,
    {},
    async () => {
      const { deltaLink } = await round(
        '/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z',
      );
      emu.calendar.expireDeltaTokens();
      const gone = await get(deltaLink);
      expect(gone.status).toBe(410);
      expect(gone.headers.get('location')).toContain('$deltatoken=');
      emu.calendar.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
      expect((await get(deltaLink)).body.error?.code).toBe('syncStateNotFound');
    },
  ],
  [
    'GET me/calendarView/delta, POST /token',
    'Calendars.Read is needed: a token without it gets 403 ErrorAccessDenied; a token request naming a scope never consented gets invalid_grant AADSTS65001 consent_required',
    `${LEARN}/api/event-delta`,
    {},
    async () => {
      const res = await fetch(`${emu.url}/${emu.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: emu.clientId,
          client_secret: emu.clientSecret,
          code: emu.oauth.issueCode('http://localhost/cb'),
          redirect_uri: 'http://localhost/cb',
          scope: 'Mail.Read offline_access',
        }),
      });
      const body = (await res.json()) as { access_token: string; refresh_token: string };
      const denied = await fetch(
        `${emu.url}/v1.0/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z`,
        {
          headers: { authorization: `Bearer ${body.access_token}` },
        },
      );
      expect(denied.status).toBe(403);
      expect(((await denied.json()) as Body).error?.code).toBe('ErrorAccessDenied');
      emu.oauth.withholdScope('Calendars.Read');
      const refused = await fetch(`${emu.url}/${emu.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: emu.clientId,
          client_secret: emu.clientSecret,
          refresh_token: body.refresh_token,
          scope: 'Calendars.Read offline_access',
        }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        error: 'invalid_grant',
        suberror: 'consent_required',
        error_codes: [65001],
      });
    },
  ],
  [
    'GET me/calendarView/delta',
    'throttling: 429 with a Retry-After header (an injected fault on kind calendarView)',
    `${LEARN}/throttling`,
    {},
    async () => {
      emu.faults.add({ kind: 'calendarView', onCall: 1, status: 429, retryAfter: 4 });
      const throttled = await get(
        '/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z',
      );
      expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '4']);
      expect(emu.log.snapshot().byKind.calendarView).toBe(1);
    },
  ],
];

test.each(rows)('%s: %s (%s)', async (_endpoint, _behaviour, _page, options, check) => {
  await start(options);
  await check();
});
