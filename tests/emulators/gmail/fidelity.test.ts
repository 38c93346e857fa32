/**
 * What the Gmail emulator claims to do as Google documents it, one row per behaviour: the endpoint, the behaviour,
 * the documentation page that says so, and a check over plain HTTP (the Gmail source's tests go through the real
 * clients). A change to the emulator that breaks a documented shape fails here; a behaviour the emulator adds must
 * come with its row.
 */
import { startGmailEmulator, type GmailEmulator } from '.';

const GMAIL = 'https://developers.google.com/gmail/api';
const OAUTH = 'https://developers.google.com/identity/protocols/oauth2';

let emu: GmailEmulator;
let token: string;
let refreshToken: string;
afterEach(async () => {
  await emu.stop();
});

async function oauth(params: Record<string, string>) {
  const res = await fetch(emu.endpoints.oauth2TokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ client_id: emu.clientId, client_secret: emu.clientSecret, ...params }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function boot() {
  emu = await startGmailEmulator();
  const redirect = 'http://localhost/cb';
  const t = await oauth({
    grant_type: 'authorization_code',
    code: emu.oauth.issueCode(redirect),
    redirect_uri: redirect,
  });
  token = String(t.body.access_token);
  refreshToken = String(t.body.refresh_token);
}

type Body = Record<string, unknown> & { error?: Record<string, unknown> };
async function get(path: string) {
  const res = await fetch(`${emu.url}/gmail/v1/users/me/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}
const ids = (b: Body) => ((b.messages ?? []) as { id: string }[]).map((m) => m.id);

const rows: [string, string, string, () => Promise<void>][] = [
  [
    'GET /o/oauth2/v2/auth, POST /token (authorization_code, refresh_token)',
    'a 302 to the redirect URI with code and state; the code gives access and refresh tokens; a refresh gives an access token',
    `${OAUTH}/web-server`,
    async () => {
      const redirect = 'http://localhost/cb';
      const auth = await fetch(
        `${emu.endpoints.oauth2AuthBaseUrl}?${new URLSearchParams({
          client_id: emu.clientId,
          redirect_uri: redirect,
          response_type: 'code',
          scope: 'https://www.googleapis.com/auth/gmail.readonly',
          state: 's1',
        })}`,
        { redirect: 'manual' },
      );
      expect(auth.status).toBe(302);
      const back = new URL(auth.headers.get('location') ?? '');
      expect(back.searchParams.get('state')).toBe('s1');
      const t = await oauth({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: redirect,
      });
      expect(t.body).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
      const again = await oauth({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token ?? '' });
      expect(again.status).toBe(200);
      expect(again.body.access_token).toEqual(expect.any(String));
    },
  ],
  [
    'POST /token',
    'errors { error, error_description }: a revoked grant 400 invalid_grant "Token has been expired or revoked.", a reauthentication policy invalid_grant with error_subtype invalid_rapt, an unknown client 401 invalid_client',
    `${OAUTH}/web-server#exchange-authorization-code, ${OAUTH}#expiration`,
    async () => {
      expect(
        (await oauth({ grant_type: 'refresh_token', refresh_token: refreshToken, client_secret: 'x' }))
          .status,
      ).toBe(401);
      emu.oauth.requireReauth();
      const reauth = await oauth({ grant_type: 'refresh_token', refresh_token: refreshToken });
      expect([reauth.status, reauth.body.error, reauth.body.error_subtype]).toEqual([
        400,
        'invalid_grant',
        'invalid_rapt',
      ]);
      emu.oauth.revokeConsent();
      const revoked = await oauth({ grant_type: 'refresh_token', refresh_token: refreshToken });
      expect([revoked.status, revoked.body]).toEqual([
        400,
        { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      ]);
    },
  ],
  [
    'every API path',
    'errors { error: { code, message, errors: [{ message, domain, reason }], status } }; an expired access token 401 authError with WWW-Authenticate',
    `${GMAIL}/guides/handle-errors`,
    async () => {
      const missing = await get('messages/nope?format=raw');
      expect([missing.status, missing.body.error]).toEqual([
        404,
        {
          code: 404,
          message: expect.any(String),
          errors: [{ message: expect.any(String), domain: 'global', reason: 'notFound' }],
          status: 'NOT_FOUND',
        },
      ]);
      emu.oauth.expireAccessTokens();
      const expired = await get('profile');
      expect(expired.status).toBe(401);
      expect(expired.body.error).toMatchObject({
        errors: [{ reason: 'authError' }],
        status: 'UNAUTHENTICATED',
      });
      expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    },
  ],
  [
    'every API path',
    'rate limits: 429 rateLimitExceeded (domain usageLimits) with Retry-After; 403 rateLimitExceeded by default',
    `${GMAIL}/guides/handle-errors#resolve_a_429_error_too_many_requests`,
    async () => {
      emu.faults.add({ kind: 'profile', onCall: 1, status: 429, retryAfter: 3 });
      const limited = await get('profile');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.body.error).toMatchObject({
        errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }],
        status: 'RESOURCE_EXHAUSTED',
      });
      emu.faults.add({ kind: 'profile', onCall: 1, status: 403 });
      expect((await get('profile')).body.error).toMatchObject({ errors: [{ reason: 'rateLimitExceeded' }] });
    },
  ],
  [
    'GET users/me/profile',
    '{ emailAddress, messagesTotal, threadsTotal, historyId } with historyId a string',
    `${GMAIL}/reference/rest/v1/users/getProfile`,
    async () => {
      const p = await get('profile');
      expect(p.body).toEqual({
        emailAddress: expect.any(String),
        messagesTotal: 0,
        threadsTotal: 0,
        historyId: expect.stringMatching(/^\d+$/),
      });
    },
  ],
  [
    'GET users/me/labels',
    'the system labels (INBOX, SENT, DRAFT, SPAM, TRASH, UNREAD, STARRED, IMPORTANT, CHAT, CATEGORY_*) with type system',
    `${GMAIL}/guides/labels#system_labels`,
    async () => {
      const labels = (await get('labels')).body.labels as { id: string; type: string }[];
      const system = labels.filter((l) => l.type === 'system').map((l) => l.id);
      for (const id of ['INBOX', 'SENT', 'DRAFT', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'CHAT'])
        expect(system).toContain(id);
      expect(system).toEqual(
        expect.arrayContaining([
          'CATEGORY_PERSONAL',
          'CATEGORY_SOCIAL',
          'CATEGORY_PROMOTIONS',
          'CATEGORY_UPDATES',
        ]),
      );
    },
  ],
  [
    'GET users/me/history',
    'startHistoryId required; records with a larger id in increasing order, ids not contiguous; history omitted when empty; historyId of the mailbox',
    `${GMAIL}/reference/rest/v1/users.history/list`,
    async () => {
      expect((await get('history')).status).toBe(400);
      const start = String((await get('profile')).body.historyId);
      const empty = await get(`history?startHistoryId=${start}`);
      expect(empty.body).toEqual({ historyId: start });
      for (let i = 0; i < 20; i++) emu.store.deliver(['INBOX'], { subject: `m${i}` });
      const list = await get(`history?startHistoryId=${start}`);
      const recs = (list.body.history as { id: string }[]).map((h) => Number(h.id));
      expect(recs).toHaveLength(20);
      expect(recs[0]).toBeGreaterThan(Number(start));
      expect([...recs].sort((a, b) => a - b)).toEqual(recs);
      expect(recs.some((id, i) => i > 0 && id - recs[i - 1]! > 1)).toBe(true);
      expect(list.body.historyId).toBe(String(emu.store.historyId));
    },
  ],
  [
    'GET users/me/history',
    'historyTypes (repeatable) and labelId filter; maxResults (default 100, at most 500) pages with nextPageToken; messagesAdded[].message.labelIds as at the change',
    `${GMAIL}/reference/rest/v1/users.history/list`,
    async () => {
      const start = String((await get('profile')).body.historyId);
      const m = emu.store.deliver(['INBOX'], { subject: 'one' });
      emu.store.deliver(['SENT'], { subject: 'two' });
      emu.store.modifyLabels(m.id, ['STARRED'], []);
      const added = await get(`history?startHistoryId=${start}&historyTypes=messageAdded`);
      const recs = added.body.history as { messagesAdded: { message: { labelIds: string[] } }[] }[];
      expect(recs.map((r) => r.messagesAdded[0]?.message.labelIds)).toEqual([['INBOX'], ['SENT']]);
      const both = await get(
        `history?startHistoryId=${start}&historyTypes=messageAdded&historyTypes=labelAdded`,
      );
      expect((both.body.history as unknown[]).length).toBe(3);
      const inbox = await get(`history?startHistoryId=${start}&historyTypes=messageAdded&labelId=INBOX`);
      expect((inbox.body.history as unknown[]).length).toBe(1);
      const paged = await get(`history?startHistoryId=${start}&maxResults=2`);
      expect((paged.body.history as unknown[]).length).toBe(2);
      const rest = await get(
        `history?startHistoryId=${start}&maxResults=2&pageToken=${String(paged.body.nextPageToken)}`,
      );
      expect((rest.body.history as unknown[]).length).toBe(1);
      expect(rest.body.nextPageToken).toBeUndefined();
      for (let i = 0; i < 600; i++) emu.store.deliver(['INBOX'], { subject: `bulk${i}` });
      const dflt = await get(`history?startHistoryId=${start}`);
      expect((dflt.body.history as unknown[]).length).toBe(100);
      const most = await get(`history?startHistoryId=${start}&maxResults=1000`);
      expect((most.body.history as unknown[]).length).toBe(500);
    },
  ],
  [
    'GET users/me/history',
    'a startHistoryId below the retained range answers 404 notFound (the client must sync in full)',
    `${GMAIL}/guides/sync#partial_synchronization`,
    async () => {
      const start = String((await get('profile')).body.historyId);
      emu.store.deliver(['INBOX'], { subject: 'one' });
      emu.store.expireHistory();
      const gone = await get(`history?startHistoryId=${start}`);
      expect([gone.status, gone.body.error?.status]).toEqual([404, 'NOT_FOUND']);
    },
  ],
  [
    'GET users/me/messages',
    'newest first; q (after:, before:, in:, label:, category:, from: and - negations), labelIds; SPAM and TRASH left out unless includeSpamTrash; resultSizeEstimate, maxResults and nextPageToken',
    `${GMAIL}/reference/rest/v1/users.messages/list, https://support.google.com/mail/answer/7190`,
    async () => {
      const ago = (ms: number) => new Date(Date.now() - ms);
      const old = emu.store.deliver(['INBOX'], { subject: 'old', date: ago(3 * 86_400_000) });
      const promo = emu.store.deliver(['INBOX', 'CATEGORY_PROMOTIONS'], {
        subject: 'promo',
        date: ago(7_200_000),
      });
      const spam = emu.store.deliver(['SPAM'], { subject: 'spam', date: ago(5_400_000) });
      const fresh = emu.store.deliver(['INBOX'], { subject: 'fresh', date: ago(3_600_000) });
      const all = await get('messages');
      expect(ids(all.body)).toEqual([fresh.id, promo.id, old.id]);
      expect(all.body.resultSizeEstimate).toBe(3);
      expect(ids((await get('messages?includeSpamTrash=true')).body)).toContain(spam.id);
      const since = Math.floor((Date.now() - 86_400_000) / 1000);
      const q = encodeURIComponent(`after:${since} -category:promotions`);
      expect(ids((await get(`messages?q=${q}`)).body)).toEqual([fresh.id]);
      expect(ids((await get(`messages?q=before:${since}`)).body)).toEqual([old.id]);
      const inbox = encodeURIComponent('label:inbox -category:promotions');
      expect(ids((await get(`messages?q=${inbox}`)).body)).toEqual([fresh.id, old.id]);
      expect(ids((await get('messages?labelIds=CATEGORY_PROMOTIONS')).body)).toEqual([promo.id]);
      const first = await get('messages?maxResults=2');
      expect(ids(first.body)).toHaveLength(2);
      const next = await get(`messages?maxResults=2&pageToken=${String(first.body.nextPageToken)}`);
      expect(ids(next.body)).toEqual([old.id]);
      expect(
        ids((await get(`messages?q=${encodeURIComponent('from:SOMEONE@example.com')}`)).body),
      ).toHaveLength(3);
      expect(ids((await get(`messages?q=${encodeURIComponent('from:ann@example.com')}`)).body)).toEqual([]);
      expect((await get(`messages?q=${encodeURIComponent('subject:renewal')}`)).status).toBe(400);
    },
  ],
  [
    'GET users/me/messages/{id}',
    'format=raw is the RFC 2822 message base64url-encoded; minimal has id, threadId, labelIds, historyId, internalDate (strings), sizeEstimate; metadata carries payload.headers',
    `${GMAIL}/reference/rest/v1/users.messages/get, ${GMAIL}/reference/rest/v1/users.messages#Message`,
    async () => {
      const m = emu.store.deliver(['INBOX'], { subject: 'raw one', body: 'hi' });
      const raw = await get(`messages/${m.id}?format=raw`);
      expect(String(raw.body.raw)).toMatch(/^[A-Za-z0-9_-]+=*$/);
      expect(Buffer.from(String(raw.body.raw), 'base64url').toString()).toContain('Subject: raw one');
      const minimal = await get(`messages/${m.id}?format=minimal`);
      expect(minimal.body).toEqual({
        id: m.id,
        threadId: expect.any(String),
        labelIds: ['INBOX'],
        historyId: expect.stringMatching(/^\d+$/),
        internalDate: expect.stringMatching(/^\d+$/),
        sizeEstimate: expect.any(Number),
      });
      const meta = await get(`messages/${m.id}?format=metadata`);
      expect((meta.body.payload as { headers: { name: string; value: string }[] }).headers).toContainEqual({
        name: 'Subject',
        value: 'raw one',
      });
      expect((await get(`messages/${m.id}?format=odd`)).status).toBe(400);
    },
  ],
  [
    'POST /batch/gmail/v1',
    'multipart/mixed of application/http parts, at most 100; each answer part carries Content-ID <response-…>',
    `${GMAIL}/guides/batch`,
    async () => {
      const m = emu.store.deliver(['SENT'], { subject: 'batched' });
      const part = (id: string, path: string) =>
        `--b1\r\nContent-Type: application/http\r\nContent-ID: <${id}>\r\n\r\nGET ${path}\r\n\r\n`;
      const send = (parts: string[]) =>
        fetch(`${emu.url}/batch/gmail/v1`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/mixed; boundary=b1' },
          body: `${parts.join('')}--b1--\r\n`,
        });
      const res = await send([
        part('item0', `/gmail/v1/users/me/messages/${m.id}?format=minimal`),
        part('item1', '/gmail/v1/users/me/messages/missing?format=raw'),
      ]);
      expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
      const text = await res.text();
      expect(text).toMatch(/Content-ID: <response-item0>\r\n\r\nHTTP\/1.1 200 OK/);
      expect(text).toMatch(/Content-ID: <response-item1>\r\n\r\nHTTP\/1.1 404 Not Found/);
      const tooMany = await send(
        Array.from({ length: 101 }, (_, i) =>
          part(`i${i}`, `/gmail/v1/users/me/messages/${m.id}?format=minimal`),
        ),
      );
      expect(tooMany.status).toBe(400);
    },
  ],
  [
    'POST users/me/watch, POST users/me/stop',
    'watch answers { historyId, expiration } (epoch milliseconds, strings), expiring in 7 days; a topic name not of the form projects/*/topics/* is 400, an unknown topic 404, no Publisher grant 403; stop is 204 with no body',
    `${GMAIL}/guides/push, ${GMAIL}/reference/rest/v1/users/watch`,
    async () => {
      const watch = (topicName: string) =>
        fetch(`${emu.url}/gmail/v1/users/me/watch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ topicName, labelIds: ['INBOX'], labelFilterBehavior: 'include' }),
        });
      emu.pubsub.settings = { topic: 'projects/p/topics/gmail' };
      expect((await watch('gmail')).status).toBe(400);
      expect((await watch('projects/p/topics/other')).status).toBe(404);
      const ok = (await (await watch('projects/p/topics/gmail')).json()) as Record<string, string>;
      expect(ok).toEqual({
        historyId: String(emu.store.historyId),
        expiration: expect.stringMatching(/^\d+$/),
      });
      expect(Number(ok.expiration) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
      emu.pubsub.settings = { topic: 'projects/p/topics/gmail', publisherGranted: false };
      expect((await watch('projects/p/topics/gmail')).status).toBe(403);
      const stop = await fetch(`${emu.url}/gmail/v1/users/me/stop`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect([stop.status, await stop.text()]).toEqual([204, '']);
    },
  ],
];

test.each(rows)('%s: %s (%s)', async (_endpoint, _behaviour, _page, check) => {
  await boot();
  await check();
});
