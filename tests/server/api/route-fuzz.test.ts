import fc from 'fast-check';
import { backends } from '../../support/db/test-databases';
import {
  operationOf,
  routeRequests,
  type Credential,
  type FuzzRequest,
  type OpenApiDocument,
} from '../../support/fuzz/route-requests';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// Whatever a request carries, the answer is a 2xx, a redirect, or a 4xx with a sentence: never a 5xx, a hang or an
// internal detail. The routes come from the server's own table (as register-routes.ts registered them), their
// parameters and bodies from its OpenAPI document; fast-check bends them (wrong types, missing and extra fields,
// long and unicode strings, NUL bytes, deep nesting) and sends them as nobody, a rep and an admin, by bearer token or
// by dashboard session. app.inject carries these faithfully; 10 MB bodies go over real HTTP, where a server that
// answers before reading the body can reset the connection.
//
// FUZZ_RUNS (default 5,000 per backend, 10,000 in all) and FUZZ_SEED reproduce or deepen a run.

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** An answer slower than this is a hang (the slowest routes answer in well under a second). */
const HANG_MS = 15_000;
const TEN_MB = 10 * 1024 * 1024;

/** Words that only an internal error would put in an answer. */
const INTERNAL =
  /node_modules|\bat [\w.<>]+ \(|TypeError|ReferenceError|RangeError|ECONNREFUSED|invalid byte sequence|unsupported Unicode|violates .* constraint|relation "|syntax error at|\bstack\b/;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** What is wrong with the answer, if anything. */
function problemWith(request: Pick<FuzzRequest, 'method'>, answer: Answer): string | undefined {
  // A checkout whose faces (dashboard, task pane) are not built says so whatever the request: not the request's doing.
  if (
    answer.status === 503 &&
    (answer.body.includes('"not_built"') || (request.method === 'HEAD' && !answer.body))
  )
    return undefined;
  if (answer.status >= 500) return `${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.status >= 300 && answer.status < 400)
    return answer.headers.location ? undefined : `${answer.status} without a Location`;
  if (answer.status < 400 || request.method === 'HEAD') return undefined;
  let body: { error?: unknown; message?: unknown };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return `${answer.status} that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  if (typeof body.error !== 'string' || typeof body.message !== 'string' || body.message.trim().length < 10)
    return `${answer.status} without a sentence: ${answer.body.slice(0, 200)}`;
  if (INTERNAL.test(answer.body))
    return `${answer.status} with an internal detail: ${answer.body.slice(0, 300)}`;
  return undefined;
}

const shown = (text: string | undefined) =>
  text === undefined ? undefined : text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;

/** Counterexamples the suite found, kept as fixed cases (each answered 500 or reset the connection before). */
const FOUND: (Omit<FuzzRequest, 'route' | 'headers'> & { headers?: Record<string, string> })[] = [
  // A NUL byte in a path parameter reached PostgreSQL (500, "invalid byte sequence" / "unsupported Unicode escape").
  { method: 'DELETE', url: '/api/blacklist/%00', credential: 'admin' },
  { method: 'DELETE', url: '/api/admin/blacklist/a%00b.com', credential: 'admin' },
  { method: 'GET', url: '/api/explain/a%00b', credential: 'userLowercaseBearer' },
  { method: 'HEAD', url: '/api/explain/%3Cx%00y%40example.com%3E', credential: 'user' },
  // …and in a query string.
  { method: 'GET', url: '/api/activity?q=%00', credential: 'user' },
  { method: 'GET', url: '/api/records/search?q=ja%00ne', credential: 'user' },
  { method: 'GET', url: '/auth/link?token=%00', credential: 'none' },
  // Address-like ids in the path.
  { method: 'GET', url: '/api/explain/%3Cid-1%40example.com%3E', credential: 'user' },
  { method: 'GET', url: '/api/explain/sam%40ourco.com', credential: 'userSession' },
  { method: 'DELETE', url: '/api/admin/blacklist/%3Cjane%40acme.com%3E', credential: 'adminSession' },
  { method: 'DELETE', url: '/api/admin/blacklist/%40acme.com', credential: 'admin' },
  // A NUL in a body field that is stored (a new user's CRM user id, a display name) reached PostgreSQL (500).
  {
    method: 'POST',
    url: '/api/admin/users',
    credential: 'admin',
    headers: { 'content-type': 'application/json; charset=latin1' },
    payload: JSON.stringify({ addresses: ['id-1@example.com'], crmUserId: 'a\u0000b' }),
  },
  {
    method: 'PATCH',
    url: '/api/admin/users/u-1',
    credential: 'admin',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ displayName: 'Sam\u0000' }),
  },
  // Bodies nested thousands of levels deep overflowed the stack of the NUL check (500).
  {
    method: 'POST',
    url: '/api/admin/users',
    credential: 'admin',
    headers: { 'content-type': 'application/json' },
    payload: `${'{"a":'.repeat(20_000)}"x\u0000"${'}'.repeat(20_000)}`,
  },
  {
    method: 'POST',
    url: '/api/save/links',
    credential: 'userSession',
    headers: { 'content-type': 'application/json; charset=latin1' },
    payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  },
  {
    method: 'POST',
    url: '/api/sidebar',
    credential: 'user',
    headers: { 'content-type': 'application/json' },
    payload: `{"message":${'['.repeat(20_000)}"\u0000"${']'.repeat(20_000)}}`,
  },
  // A bare OPTIONS answered a plain-text 400 ("Invalid Preflight Request").
  { method: 'OPTIONS', url: '/api/sidebar', credential: 'none' },
];

describe.each(backends)('every route, whatever a request carries (%s)', (backend) => {
  let server: TestServer;
  let credentials: Record<Credential, Record<string, string>>;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    server = await startTestServer(backend, { LIAISON_IMAP_PRIVATE_HOSTS: 'off' });
    server.deps.config.imapCheckTimeoutMs = 300;
    doc = server.app.swagger() as unknown as OpenApiDocument;
    const user = await server.token('sam@ourco.com', { ttl: 3600 });
    const admin = await server.token(server.admin.addresses[0]!, { ttl: 3600 });
    const userSession = await server.signIn(server.sam);
    const adminSession = await server.signIn(server.admin);
    credentials = {
      none: {},
      user: { authorization: `Bearer ${user}` },
      admin: { authorization: `Bearer ${admin}` },
      userSession: { cookie: userSession.cookie, 'x-csrf-token': userSession.csrf },
      adminSession: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf },
      sessionWithoutCsrf: { cookie: adminSession.cookie },
      userLowercaseBearer: { authorization: `bearer   ${user}` },
      junkBearer: { authorization: 'Bearer a.b.c' },
      basic: { authorization: 'Basic c2FtOnNlY3JldA==' },
    };
  }, 120_000);
  afterAll(async () => server?.close());

  const send = async (request: Omit<FuzzRequest, 'route'>): Promise<Answer> => {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
    });
    try {
      const res = await Promise.race([
        server.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: { ...request.headers, ...credentials[request.credential] },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        }),
        hang,
      ]);
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } finally {
      clearTimeout(timer);
    }
  };

  test('the counterexamples found so far are answered with a 4xx and a sentence', async () => {
    const problems = [];
    for (const request of FOUND) {
      const answer = await send({ headers: {}, ...request });
      const problem = problemWith(request, answer);
      if (problem) problems.push({ request: `${request.method} ${request.url}`, problem });
    }
    expect(problems).toEqual([]);
  });

  test(`${RUNS} generated requests over the route table: never a 5xx, a hang or an internal detail`, async () => {
    const routes = server.app.routeTable;
    expect(routes.length).toBeGreaterThan(50); // the whole table, not a hand-picked list
    const generating = performance.now();
    const requests = fc.sample(fc.oneof(...routes.map((r) => routeRequests(r, operationOf(doc, r)))), {
      numRuns: RUNS,
      seed: SEED,
    });
    const generatedMs = performance.now() - generating;
    const problems = new Map<string, unknown>();
    const seen = new Set<string>();
    const time = new Map<string, number>();
    for (const request of requests) {
      seen.add(request.route);
      const started = performance.now();
      const answer = await send(request);
      time.set(request.route, (time.get(request.route) ?? 0) + performance.now() - started);
      const problem = problemWith(request, answer);
      const key = `${request.route} ${problem?.split(':')[0]}`;
      if (problem && !problems.has(key))
        problems.set(key, {
          problem,
          request: { ...request, url: shown(request.url), payload: shown(request.payload) },
        });
    }
    if (process.env.FUZZ_PROFILE)
      process.stdout.write(
        `generated in ${Math.round(generatedMs)} ms\n` +
          [...time]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 15)
            .map(([r, ms]) => `${Math.round(ms)} ms ${r}`)
            .join('\n') +
          '\n',
      );
    expect(seen.size).toBe(routes.length);
    if (problems.size > 0) process.stdout.write(`FUZZ_SEED=${SEED}\n`);
    expect([...problems.values()]).toEqual([]);
  }, 240_000);

  test('a 10 MB body on every route that takes a body, over HTTP: a 4xx with a sentence, never a reset', async () => {
    const big = JSON.stringify({ entries: 'x'.repeat(TEN_MB) });
    const chunked = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(big);
          for (let at = 0; at < bytes.length; at += 1024 * 1024)
            controller.enqueue(bytes.subarray(at, at + 1024 * 1024));
          controller.close();
        },
      });
    // Each route once, the variants taken in turn: with a length or chunked, signed in or not.
    const variants = [
      { credential: 'admin', chunk: false },
      { credential: 'none', chunk: true },
      { credential: 'user', chunk: true },
      { credential: 'none', chunk: false },
    ] as const;
    const problems = [];
    const routes = server.app.routeTable.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    for (const [i, route] of routes.entries()) {
      const { credential, chunk } = variants[i % variants.length]!;
      const url = server.url + route.url.replace(/:(\w+)/g, 'x').replace('*', 'x');
      const where = { route: `${route.method} ${route.url}`, credential, chunk };
      try {
        const res = await fetch(url, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...credentials[credential] },
          body: chunk ? chunked() : big,
          duplex: 'half',
        } as RequestInit);
        const answer = {
          status: res.status,
          headers: { location: res.headers.get('location') },
          body: await res.text(),
        };
        const problem = problemWith(route, answer) ?? (answer.status < 400 ? `${answer.status}` : undefined);
        if (problem) problems.push({ ...where, problem });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        problems.push({ ...where, problem: cause?.code ?? cause?.message ?? String(error) });
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
