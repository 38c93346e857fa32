import { randomBytes } from 'node:crypto';
import { createUser, type User } from '../../../server/db/users-repo';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The rate limit counts who is calling: a verified user by user id, anyone else by client address. Rewording or
// swapping the credentials on every request (another token for the same user, `bearer`, extra spaces, junk
// cookies, tokens that fail) buys no extra requests, and refused requests are counted too.

const LIMIT = 5;

describe.each(backends)('rate limits (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { LIAISON_RATE_LIMIT: String(LIMIT) });
  }, 90_000);
  afterAll(async () => server?.close());

  // Each test calls from an address and as users of its own, so it starts with full allowances.
  let address = 10;
  let from = '';
  beforeEach(() => {
    from = `192.0.2.${address++}`;
  });
  const newUser = (name: string) =>
    createUser(server.deps.db, {
      addresses: [`${name}-${backend}@ourco.com`],
      displayName: name,
      connectedAt: '2026-01-01T00:00:00Z',
    });
  const tokenFor = (user: User) => server.token(user.addresses[0]!);
  const get = async (headers: Record<string, string>, url = '/api/settings') => {
    const res = await server.app.inject({ method: 'GET', url, headers, remoteAddress: from });
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.json() as { error?: string; message?: string },
    };
  };

  test('another token, `bearer`, extra spaces or added cookies for the same user share one allowance', async () => {
    const spellings = [
      (t: string) => ({ authorization: `Bearer ${t}` }),
      (t: string) => ({ authorization: `bearer ${t}` }),
      (t: string) => ({ authorization: `BEARER    ${t}` }),
      (t: string) => ({ authorization: `Bearer ${t}   ` }),
      (t: string) => ({ authorization: `Bearer ${t}`, cookie: `junk=${randomBytes(4).toString('hex')}` }),
    ];
    const [ann, bob] = [await newUser('ann'), await newUser('bob')];
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const token = await tokenFor(ann); // a fresh token each time
      statuses.push((await get(spellings[i % spellings.length]!(token))).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429, 429]);
    // Another user from the same address has an allowance of their own.
    expect((await get({ authorization: `Bearer ${await tokenFor(bob)}` })).status).toBe(200);
  });

  test('a dashboard session with extra cookies around it is the same user', async () => {
    const session = await server.signIn(await newUser('cy'));
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const cookie = `a${i}=${randomBytes(3).toString('hex')}; ${session.cookie}; z=${i}`;
      statuses.push((await get({ cookie })).status);
    }
    // Signing in asked GET /api/session once as this user already.
    expect(statuses).toEqual([...Array(LIMIT - 1).fill(200), 429, 429, 429]);
  });

  test('refused and anonymous requests are counted by address, whatever credentials they carry', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: `Bearer ${randomBytes(24).toString('base64url')}` },
      { authorization: `bearer  not.a.token${randomBytes(4).toString('hex')}` },
      { cookie: `liaison_session=${randomBytes(16).toString('hex')}` },
      {},
      { authorization: `Basic ${randomBytes(8).toString('base64')}` },
      { authorization: `Bearer ${randomBytes(24).toString('base64url')}` },
      { cookie: `other=${randomBytes(4).toString('hex')}` },
    ];
    const statuses: number[] = [];
    for (const headers of attempts) statuses.push((await get(headers)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
    // Probing paths that do not exist draws on the same allowance.
    expect((await get({}, '/api/no-such-route')).status).toBe(429);
  });

  test('the 429 says when to try again, in its Retry-After header and in words', async () => {
    const token = await tokenFor(await newUser('dee'));
    let res = await get({ authorization: `Bearer ${token}` });
    for (let i = 0; i < LIMIT; i++) res = await get({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(res.body).toEqual({
      error: 'rate_limited',
      message: `Too many requests: at most ${LIMIT} a minute. Try again in ${retryAfter} s.`,
    });
  });
});
