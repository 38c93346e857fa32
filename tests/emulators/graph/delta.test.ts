/** The emulator's delta shapes, checked over plain HTTP (the source's tests go through the real clients). */
import { startGraphEmulator, type GraphEmulator } from '.';

let emu: GraphEmulator;
let token: string;
beforeAll(async () => {
  emu = await startGraphEmulator({ defaultPageSize: 2 });
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
});
afterAll(async () => {
  await emu.stop();
});

const get = async (url: string, prefer?: string) => {
  const res = await fetch(url.startsWith('http') ? url : `${emu.url}/v1.0${url}`, {
    headers: { authorization: `Bearer ${token}`, ...(prefer ? { prefer } : {}) },
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] },
  };
};

test('rounds page with nextLink, end with deltaLink, and report removals with @removed', async () => {
  const a = emu.store.deliver('inbox', { subject: 'a' });
  emu.store.deliver('inbox', { subject: 'b' });
  emu.store.deliver('inbox', { subject: 'c' });
  const first = await get('/me/mailFolders/inbox/messages/delta?$select=subject');
  expect(first.body.value).toHaveLength(2);
  expect(Object.keys(first.body.value?.[0] ?? {}).sort()).toEqual([
    '@odata.etag',
    '@odata.type',
    'id',
    'subject',
  ]);
  const second = await get(String(first.body['@odata.nextLink']));
  expect([...(first.body.value ?? []), ...(second.body.value ?? [])].map((m) => m.subject).sort()).toEqual([
    'a',
    'b',
    'c',
  ]);
  const deltaLink = String(second.body['@odata.deltaLink']);
  expect(deltaLink).toContain('$deltatoken=');
  emu.store.move(a.id, 'archive');
  emu.store.deliver('inbox', { subject: 'd' });
  const changes = await get(deltaLink, 'IdType="ImmutableId"');
  expect(changes.body.value).toHaveLength(2);
  expect(changes.body.value).toEqual(
    expect.arrayContaining([
      { '@odata.type': '#microsoft.graph.message', id: a.id, '@removed': { reason: 'deleted' } },
      expect.objectContaining({ subject: 'd' }),
    ]),
  );
});

test('only receivedDateTime filters are accepted; page size follows Prefer; expired tokens are 410', async () => {
  const bad = await get("/me/mailFolders/inbox/messages/delta?$filter=subject eq 'x'");
  expect(bad.status).toBe(400);
  const paged = await get('/me/mailFolders/inbox/messages/delta', 'odata.maxpagesize=1');
  expect(paged.body.value).toHaveLength(1);
  expect(typeof paged.body.value?.[0]?.body).toBe('object');
  expect((paged.body.value?.[0]?.body as { contentType: string }).contentType).toBe('html');
  expect(paged.body.value?.[0]?.internetMessageHeaders).toBeUndefined();
  emu.store.expireDeltaTokens();
  const gone = await get(String(paged.body['@odata.nextLink']));
  expect(gone.status).toBe(410);
  expect((gone.body.error as { code: string }).code).toBe('syncStateNotFound');
});

test('$batch answers each step and refuses more than 20', async () => {
  const m = emu.store.deliver('inbox', { subject: 'x', headers: { Precedence: 'bulk' } });
  const post = (requests: unknown[]) =>
    fetch(`${emu.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
  const res = await post([
    { id: '1', method: 'GET', url: `/me/messages/${m.id}?$select=internetMessageHeaders` },
    { id: '2', method: 'GET', url: '/me/messages/nope' },
  ]);
  const body = (await res.json()) as {
    responses: { id: string; status: number; body: { internetMessageHeaders?: { name: string }[] } }[];
  };
  // In no set order: correlated by id.
  expect(body.responses.map((r) => [r.id, r.status]).sort()).toEqual([
    ['1', 200],
    ['2', 404],
  ]);
  expect(body.responses.find((r) => r.id === '1')?.body.internetMessageHeaders?.map((h) => h.name)).toContain(
    'Precedence',
  );
  const tooMany = await post(
    Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })),
  );
  expect(tooMany.status).toBe(400);
});
