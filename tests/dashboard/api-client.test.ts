import { api, ApiError, errorFromResponse, setCsrfToken } from '../../dashboard/src/api/client';

describe('the dashboard API client', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  function answer(status: number, body: unknown) {
    const calls: { url: string; init: RequestInit }[] = [];
    global.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body === undefined ? '' : JSON.stringify(body), { status });
    }) as typeof fetch;
    return calls;
  }

  test('changes carry the CSRF token and JSON; reads carry neither', async () => {
    setCsrfToken('tok-1');
    const calls = answer(200, { ok: true });
    await api('GET', '/api/settings');
    await api('PATCH', '/api/settings', { autoshareEmails: false });
    const [read, change] = calls.map((c) => c.init.headers as Record<string, string>);
    expect(read!['x-csrf-token']).toBeUndefined();
    expect(change).toMatchObject({ 'x-csrf-token': 'tok-1', 'content-type': 'application/json' });
    expect(calls[1]!.init.body).toBe('{"autoshareEmails":false}');
  });

  test('errors carry the server’s sentence, or one for the status', async () => {
    answer(400, { error: 'bad_request', message: 'Not domains: x.' });
    await expect(api('PATCH', '/api/admin/organisation', {})).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      message: 'Not domains: x.',
    });
    expect(errorFromResponse(403, undefined).message).toBe('Only an admin can do this.');
    expect(errorFromResponse(401, 'x').message).toMatch(/Sign in again/);
    expect(errorFromResponse(502, null)).toBeInstanceOf(ApiError);
  });

  test('an unreachable server is said in words', async () => {
    global.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(api('GET', '/api/session')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
