/** The emulator's Gmail shapes, checked over plain HTTP (the source's tests go through the real clients). */
import { startGmailEmulator, type GmailEmulator } from '.';

let emu: GmailEmulator;
let token: string;
beforeAll(async () => {
  emu = await startGmailEmulator();
  const redirect = 'http://localhost/cb';
  const res = await fetch(emu.endpoints.oauth2TokenUrl, {
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

const get = async (path: string) => {
  const res = await fetch(`${emu.url}/gmail/v1/users/me/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

test('history ids increase with gaps; history pages; an expired start is 404 notFound', async () => {
  const start = String((await get('profile')).body.historyId);
  emu.store.deliver(['INBOX'], { subject: 'one' });
  emu.store.deliver(['SENT'], { subject: 'two' });
  const all = await get(`history?startHistoryId=${start}&historyTypes=messageAdded&maxResults=1`);
  const records = all.body.history as { id: string; messagesAdded: { message: { labelIds: string[] } }[] }[];
  expect(records).toHaveLength(1);
  expect(Number(records[0]?.id)).toBeGreaterThan(Number(start));
  expect(records[0]?.messagesAdded[0]?.message.labelIds).toEqual(['INBOX']);
  const next = await get(
    `history?startHistoryId=${start}&historyTypes=messageAdded&maxResults=1&pageToken=${String(all.body.nextPageToken)}`,
  );
  expect((next.body.history as unknown[]).length).toBe(1);
  expect(next.body.nextPageToken).toBeUndefined();
  emu.store.expireHistory();
  const gone = await get(`history?startHistoryId=${start}`);
  expect(gone.status).toBe(404);
  expect(gone.body.error).toMatchObject({ code: 404, errors: [{ reason: 'notFound' }], status: 'NOT_FOUND' });
});

test('messages.get raw is base64url RFC 5322; list filters by q and refuses unknown terms', async () => {
  const m = emu.store.deliver(['INBOX'], { subject: 'raw one', body: 'hi' });
  const got = await get(`messages/${m.id}?format=raw`);
  expect(Buffer.from(String(got.body.raw), 'base64url').toString()).toContain('Subject: raw one');
  expect(got.body.labelIds).toEqual(['INBOX']);
  emu.store.deliver(['INBOX', 'CATEGORY_PROMOTIONS'], { subject: 'promo' });
  const listed = await get(
    `messages?q=${encodeURIComponent(`after:${Math.floor(Date.now() / 1000) - 60} -category:promotions`)}`,
  );
  const ids = (listed.body.messages as { id: string }[]).map((x) => x.id);
  expect(ids).toContain(m.id);
  expect(ids).toHaveLength(3);
  const unknown = await get(`messages?q=${encodeURIComponent('subject:renewal')}`);
  expect(unknown.status).toBe(400);
});

test('a batch answers each part with its Content-ID', async () => {
  const m = emu.store.deliver(['SENT'], { subject: 'batched' });
  const body = `--b1\r\nContent-Type: application/http\r\nContent-ID: <item0>\r\n\r\nGET /gmail/v1/users/me/messages/${m.id}?format=minimal\r\n\r\n--b1\r\nContent-Type: application/http\r\nContent-ID: <item1>\r\n\r\nGET /gmail/v1/users/me/messages/missing?format=raw\r\n\r\n--b1--\r\n`;
  const res = await fetch(`${emu.url}/batch/gmail/v1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/mixed; boundary=b1' },
    body,
  });
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
  expect(text).toMatch(/Content-ID: <response-item0>\r\n\r\nHTTP\/1.1 200 OK/);
  expect(text).toMatch(/Content-ID: <response-item1>\r\n\r\nHTTP\/1.1 404 Not Found/);
});

test('users.watch answers { historyId, expiration } (epoch ms strings) for the one topic; users.stop is a 204', async () => {
  const watch = (topicName: string) =>
    fetch(`${emu.url}/gmail/v1/users/me/watch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topicName, labelIds: ['INBOX'], labelFilterBehavior: 'include' }),
    });
  emu.pubsub.settings = { topic: 'projects/p/topics/gmail' };
  expect((await watch('gmail')).status).toBe(400);
  expect((await watch('projects/p/topics/other')).status).toBe(404);
  const ok = await watch('projects/p/topics/gmail');
  const body = (await ok.json()) as { historyId: string; expiration: string };
  expect(body.historyId).toBe(String(emu.store.historyId));
  expect(body.expiration).toMatch(/^\d+$/);
  expect(Number(body.expiration) - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
  emu.pubsub.settings = { topic: 'projects/p/topics/gmail', publisherGranted: false };
  const refused = await watch('projects/p/topics/gmail');
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({
    error: { errors: [{ reason: 'forbidden' }], status: 'PERMISSION_DENIED' },
  });
  const stop = await fetch(`${emu.url}/gmail/v1/users/me/stop`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect([stop.status, await stop.text()]).toEqual([204, '']);
  expect(emu.pubsub.watch).toBeUndefined();
});

test('a `drop` fault closes the connection without an answer, then the next call is answered', async () => {
  emu.faults.add({ kind: 'profile', onCall: 1, status: 503, drop: true });
  await expect(get('profile')).rejects.toThrow(/fetch failed/);
  expect((await get('profile')).status).toBe(200);
});
