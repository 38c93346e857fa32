/**
 * The documented limits of message delta the emulator enforces, over plain HTTP: expired state tokens (410 with
 * Location, or a 40X with a sync-state code), the 5,000 cap of a `$filter`ed round, no guaranteed order; and the
 * folder's message list the source reads a resync from.
 */
import { startGraphEmulator, type GraphEmulator } from '.';

let emu: GraphEmulator;
let token: string;
const start = async (options: Parameters<typeof startGraphEmulator>[0] = {}) => {
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
};
afterEach(async () => {
  await emu.stop();
});

type Page = Record<string, unknown> & { value?: Record<string, unknown>[] };
const get = async (url: string, prefer = 'odata.maxpagesize=100') => {
  const res = await fetch(url.startsWith('http') ? url : `${emu.url}/v1.0${url}`, {
    headers: { authorization: `Bearer ${token}`, prefer },
  });
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as Page };
};
/** Every item of a round, following nextLinks. */
const round = async (url: string) => {
  const items: Record<string, unknown>[] = [];
  for (let next: string | undefined = url; next;) {
    const page = await get(next);
    items.push(...(page.body.value ?? []));
    next = page.body['@odata.nextLink'] as string | undefined;
    if (!next) return { items, deltaLink: String(page.body['@odata.deltaLink']) };
  }
  throw new Error('unreachable');
};
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

test('an expired token answers 410 Gone with a Location of the initial query, or the 40X and code asked for', async () => {
  await start();
  emu.store.deliver('inbox', { subject: 'one' });
  const { deltaLink } = await round('/me/mailFolders/inbox/messages/delta?$select=subject');
  emu.store.expireDeltaTokens();
  const gone = await get(deltaLink);
  expect(gone.status).toBe(410);
  expect(gone.location).toMatch(/\/messages\/delta\?\$deltatoken=$/);
  const again = await get(String(gone.location));
  expect(again.status).toBe(200);
  expect(again.body.value?.map((m) => m.subject)).toEqual(['one']);

  const link = String(again.body['@odata.deltaLink']);
  emu.store.expireDeltaTokens({ status: 400, code: 'invalidRequest', innerCode: 'resyncRequired' });
  const bad = await get(link);
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'invalidRequest', innerError: { code: 'resyncRequired' } });
});

test('a $filter round lists at most the cap, in no set order; $orderby=receivedDateTime desc is the only order', async () => {
  await start({ deltaFilterCap: 7, seed: 3 });
  for (let i = 0; i < 12; i++) emu.store.deliver('inbox', { subject: `m${i}`, receivedDateTime: at(i) });
  const filtered = await round(
    `/me/mailFolders/inbox/messages/delta?$select=subject,receivedDateTime&$filter=receivedDateTime ge ${at(0)}`,
  );
  expect(filtered.items).toHaveLength(7);
  const times = filtered.items.map((m) => String(m.receivedDateTime));
  expect(times).not.toEqual([...times].sort());
  const whole = await round('/me/mailFolders/inbox/messages/delta?$select=subject');
  expect(whole.items).toHaveLength(12);
  const newest = await round(
    '/me/mailFolders/inbox/messages/delta?$select=receivedDateTime&$orderby=receivedDateTime desc',
  );
  const newestTimes = newest.items.map((m) => String(m.receivedDateTime));
  expect(newestTimes).toEqual([...newestTimes].sort().reverse());
  expect((await get('/me/mailFolders/inbox/messages/delta?$orderby=subject')).status).toBe(400);
});

test('the message list takes a receivedDateTime window, orders by it, and pages with $top and $skip', async () => {
  await start();
  for (let i = 0; i < 9; i++) emu.store.deliver('inbox', { subject: `m${i}`, receivedDateTime: at(i) });
  const first = await get(
    `/me/mailFolders/inbox/messages?$select=subject&$filter=receivedDateTime ge ${at(2)} and receivedDateTime lt ${at(8)}&$orderby=receivedDateTime&$top=4`,
  );
  expect(first.body.value?.map((m) => m.subject)).toEqual(['m2', 'm3', 'm4', 'm5']);
  const second = await get(String(first.body['@odata.nextLink']));
  expect(second.body.value?.map((m) => m.subject)).toEqual(['m6', 'm7']);
  expect(second.body['@odata.nextLink']).toBeUndefined();
  expect((await get("/me/mailFolders/inbox/messages?$filter=subject eq 'x'")).status).toBe(400);
  expect(emu.log.of('list')).toHaveLength(3);
});
