import { createPaneApi, PaneError } from '../../taskpane/src/api/pane-api';

// The pane's calls: the bearer token on every request, one retry with a fresh token after a 401, and errors that
// say what to do.

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

test('sends the bearer token and the body; a 401 is retried once with a fresh token', async () => {
  const calls: { url: string; auth: string; body: string }[] = [];
  const answers = [
    json(401, { error: 'token_expired', message: 'expired' }),
    json(200, { added: ['x@y.com'], errors: [] }),
  ];
  const tokens: boolean[] = [];
  const api = createPaneApi(
    async (fresh) => {
      tokens.push(!!fresh);
      return fresh ? 'new' : 'old';
    },
    'http://server',
    async (url, init) => {
      calls.push({
        url: String(url),
        auth: (init?.headers as Record<string, string>).authorization!,
        body: String(init?.body),
      });
      return answers.shift()!;
    },
  );
  expect(await api.doNotSync('x@y.com')).toEqual({ added: ['x@y.com'], errors: [] });
  expect(tokens).toEqual([false, true]);
  expect(calls.map((c) => c.auth)).toEqual(['Bearer old', 'Bearer new']);
  expect(calls[0]).toMatchObject({ url: 'http://server/api/blacklist', body: '{"entries":"x@y.com"}' });
});

test.each([
  [401, 'token_expired', 'Your sign-in has expired'],
  [403, 'forbidden', 'Ask your Liaison admin to add your address'],
  [429, 'rate_limited', 'Wait a minute'],
  [502, 'crm_error', 'The Liaison server had a problem (nope)'],
  [400, 'invalid_request', 'nope'],
])('a %i answer says what to do', async (status, error, advice) => {
  const api = createPaneApi(
    async () => 't',
    '',
    async () => json(status, { error, message: 'nope' }),
  );
  const failure = await api.sidebar({} as never).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(PaneError);
  expect((failure as PaneError).status).toBe(status);
  expect((failure as PaneError).message).toContain(advice);
});

test('an unreachable server is a network error that says to check the connection', async () => {
  const api = createPaneApi(
    async () => 't',
    '',
    async () => {
      throw new TypeError('fetch failed');
    },
  );
  await expect(api.sidebar({} as never)).rejects.toThrow("Can't reach the Liaison server");
});

test('a meeting: its view and Save meeting go to the meeting routes; "already saved" says by whom', async () => {
  const calls: { url: string; body: string }[] = [];
  const answers = [
    json(200, { key: 'k' }),
    json(409, {
      error: 'already_saved',
      message: 'This meeting is already saved in the CRM (its CRM event belongs to Sam).',
    }),
  ];
  const api = createPaneApi(
    async () => 't',
    '',
    async (url, init) => {
      calls.push({ url: String(url), body: String(init?.body) });
      return answers.shift()!;
    },
  );
  const event = { uid: '', subject: 'Walkthrough' } as never;
  expect(await api.meeting({ event, sourceId: 'AAMk=' })).toEqual({ key: 'k' });
  await expect(api.saveMeeting({ event, sourceId: 'AAMk=', who: [] })).rejects.toMatchObject({
    status: 409,
    code: 'already_saved',
    message: expect.stringContaining('belongs to Sam'),
  });
  expect(calls.map((c) => c.url)).toEqual(['/api/sidebar/meeting', '/api/save/meeting']);
  expect(JSON.parse(calls[0]!.body)).toEqual({
    event: { uid: '', subject: 'Walkthrough' },
    sourceId: 'AAMk=',
  });
});
