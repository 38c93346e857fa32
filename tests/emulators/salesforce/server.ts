/**
 * The emulator's HTTP server (127.0.0.1, a free port): login server and instance in one, with
 * request counting, fault injection, API-usage accounting and the size limits of a REST call.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Counts, isApiKind, type RequestKind } from './counts';
import { invalidSession, notFound, requestLimitExceeded, SalesforceError } from './errors';
import { faultError, Faults, type Fault } from './faults';
import { OAuth } from './oauth';
import { route, type Cursor, type RouteAnswer } from './routes';
import { MAX_SOQL_LENGTH } from './soql';
import { Store } from './store';

export interface StartOptions {
  clientId?: string;
  clientSecret?: string;
  /** Name of Task's unique external-id field (default `Liaison_Message_Id__c`); `null`: Task has none. */
  taskExternalIdField?: string | null;
  /** Name of Event's unique external-id field for event keys (default `Liaison_Event_Key__c`); `null`: none. */
  eventExternalIdField?: string | null;
  /** The org's daily API allowance, reported by /limits and Sforce-Limit-Info (default 100,000). */
  dailyApiLimit?: number;
  /** API calls already used today. */
  apiUsed?: number;
  /** Longest URI accepted (Salesforce: 16,384 bytes for URI and headers together). */
  maxUriBytes?: number;
  maxSoqlLength?: number;
  /** The clock for date literals and CreatedDate (default: the real one). */
  now?: () => number;
  /** Refresh token rotation on the connected app: each refresh answers a new refresh token (default off). */
  rotateRefreshTokens?: boolean;
  /** How long one refresh-token request is processed; a second one with the same token meanwhile is refused. */
  refreshProcessingMs?: number;
  /** Multiple currencies turned on: Opportunity has CurrencyIsoCode (default off). */
  multiCurrency?: boolean;
  /** The corporate currency: Organization's DefaultCurrencyIsoCode, new opportunities' CurrencyIsoCode (USD). */
  corporateCurrency?: string;
}

export interface Emulator {
  url: string;
  store: Store;
  counts: Counts;
  faults: Faults;
  oauth: OAuth;
  clientId: string;
  clientSecret: string;
  /** A connected session, as after the admin's consent: tokens for the integration user. */
  session(): { accessToken: string; refreshToken: string; instanceUrl: string };
  api: { used: number; max: number };
  stop(): Promise<void>;
}

const ORG_ID = '00D5g000004ABCDEAQ';

export async function start(options: StartOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const store = new Store(
    options.taskExternalIdField === undefined ? 'Liaison_Message_Id__c' : options.taskExternalIdField,
    now,
    options.eventExternalIdField === undefined ? 'Liaison_Event_Key__c' : options.eventExternalIdField,
    { multiCurrency: options.multiCurrency === true, corporate: options.corporateCurrency ?? 'USD' },
  );
  const counts = new Counts();
  const faults = new Faults();
  const clientId = options.clientId ?? 'liaison-test-client';
  const clientSecret = options.clientSecret ?? 'liaison-test-secret';
  const oauth = new OAuth(
    {
      clientId,
      clientSecret,
      orgId: ORG_ID,
      ...(options.rotateRefreshTokens !== undefined
        ? { rotateRefreshTokens: options.rotateRefreshTokens }
        : {}),
      ...(options.refreshProcessingMs !== undefined
        ? { refreshProcessingMs: options.refreshProcessingMs }
        : {}),
    },
    () => store.defaultUserId,
  );
  const cursors = new Map<string, Cursor>();
  const api = { used: options.apiUsed ?? 0, max: options.dailyApiLimit ?? 100_000 };
  const maxUriBytes = options.maxUriBytes ?? 16_384;
  const sockets = new Set<Socket>();
  const held = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const limits = () => ({
    DailyApiRequests: { Max: api.max, Remaining: Math.max(0, api.max - api.used) },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DataStorageMB: { Max: 1024, Remaining: 1000 },
    SingleEmail: { Max: 5000, Remaining: 5000 },
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' }),
      ...headers,
    });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, baseUrl);
    const path = url.pathname;
    const entry = { kind: 'unknown' as RequestKind, method, path, status: undefined as number | undefined };
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const extra: Record<string, string> = isApiKind(entry.kind)
        ? { 'Sforce-Limit-Info': `api-usage=${api.used}/${api.max}` }
        : {};
      send(res, status, body, { ...extra, ...headers });
    };
    const replyError = (e: SalesforceError) => reply(e.status, e.body());

    // The limits of one REST call, as Salesforce's knowledge article 000386264 gives them.
    const headerBytes = req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
    if (Buffer.byteLength(rawUrl) > maxUriBytes) {
      counts.record({ ...entry, status: 414 });
      res.writeHead(414, { 'content-type': 'text/html' }).end('<html><body>414 URI Too Long</body></html>');
      return;
    }
    if (Buffer.byteLength(rawUrl) + headerBytes > maxUriBytes) {
      counts.record({ ...entry, status: 431 });
      res
        .writeHead(431, { 'content-type': 'text/html' })
        .end('<html><body>431 Request Header Fields Too Large</body></html>');
      return;
    }

    const raw = await readBody(req);
    const oauthPath = /^\/services\/oauth2\/(token|revoke|authorize)$/.exec(path);
    const dataPath = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    const idPath = /^\/id\/([^/]+)\/([^/]+)$/.exec(path);
    let found: ReturnType<typeof route>;
    if (oauthPath) entry.kind = oauthPath[1] as RequestKind;
    else if (path === '/services/data' || path === '/services/data/') entry.kind = 'versions';
    else if (idPath) entry.kind = 'identity';
    else if (dataPath) {
      found = route(method, dataPath[2] ?? '/');
      if (found) entry.kind = found.kind;
    }
    counts.record(entry);
    const fault = faults.next(entry.kind);

    if (oauthPath) {
      if (fault?.spec.error === 'timeout') return hold(res, fault);
      if (fault) return oauthFault(fault, reply);
      const params = new URLSearchParams(method === 'GET' ? url.search : raw);
      if (entry.kind === 'authorize') {
        const out = oauth.authorize(params);
        if ('location' in out) {
          entry.status = 302;
          res.writeHead(302, { location: out.location }).end();
        } else reply(out.status, out.body);
        return;
      }
      const out =
        entry.kind === 'token' ? await oauth.token(params, baseUrl) : oauth.revoke(params.get('token') ?? '');
      return reply(out.status, out.body);
    }
    if (entry.kind === 'versions') {
      return reply(200, [{ label: "Spring '25", url: '/services/data/v63.0', version: '63.0' }]);
    }
    if (!idPath && !dataPath) return replyError(notFound());

    // Every API request spends the daily allowance, failed ones included.
    api.used++;
    const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const userId = bearer ? oauth.userFor(bearer) : undefined;

    let injected: Map<number, string> | undefined;
    if (fault) {
      const e = fault.spec.error;
      if (e === 'timeout') {
        if (fault.spec.commit === false) return hold(res, fault);
      } else if (
        entry.kind === 'collections' &&
        typeof e === 'string' &&
        !['INVALID_SESSION_ID', 'REQUEST_LIMIT_EXCEEDED'].includes(e)
      ) {
        injected = injectedFor(fault, raw);
      } else return replyError(faultError(e));
    }
    if (!userId) return fault?.spec.error === 'timeout' ? hold(res, fault) : replyError(invalidSession());
    if (api.used > api.max) return replyError(requestLimitExceeded());

    let answer: RouteAnswer;
    try {
      if (idPath) {
        const user = store.get('User', idPath[2] ?? '');
        if (!user) throw notFound();
        answer = {
          status: 200,
          body: {
            id: oauth.identityUrl(baseUrl, user.Id as string),
            user_id: user.Id,
            organization_id: ORG_ID,
            username: user.Username,
            email: user.Email,
            display_name: user.Name,
          },
        };
      } else {
        const version = dataPath?.[1] ?? '';
        if (Number(version) < 20 || !found) throw notFound();
        const body = raw && method !== 'GET' ? parseJson(raw) : undefined;
        answer = found.run({
          store,
          method,
          url,
          headers: req.headers,
          body,
          version,
          userId,
          nowMs: now(),
          cursors,
          maxSoqlLength: options.maxSoqlLength ?? MAX_SOQL_LENGTH,
          injected,
          limits,
        });
      }
    } catch (e) {
      if (!(e instanceof SalesforceError)) throw e;
      if (fault?.spec.error === 'timeout') return hold(res, fault);
      return replyError(e);
    }
    if (fault?.spec.error === 'timeout') return hold(res, fault);
    reply(answer.status, answer.body);
  };

  /** Holds the answer past the client's patience, then drops the connection without one. */
  const hold = (res: ServerResponse, fault: Fault) => {
    const timer = setTimeout(() => {
      held.delete(timer);
      res.socket?.destroy();
    }, fault.spec.holdMs ?? 10_000);
    held.add(timer);
  };

  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof SalesforceError) return send(res, e.status, e.body());
      send(res, 500, [
        { errorCode: 'UNKNOWN_EXCEPTION', message: e instanceof Error ? e.message : String(e) },
      ]);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    store,
    counts,
    faults,
    oauth,
    clientId,
    clientSecret,
    api,
    session: () => ({ ...oauth.issue(), instanceUrl: baseUrl }),
    stop: async () => {
      for (const t of held) clearTimeout(t);
      held.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function oauthFault(fault: Fault, reply: (status: number, body: unknown) => void): void {
  const e = fault.spec.error;
  if (e === 503) return reply(503, { error: 'server_unavailable', error_description: 'Service Unavailable' });
  const code = String(e);
  reply(400, {
    error: code,
    error_description:
      fault.spec.description ?? (code === 'invalid_grant' ? 'expired access/refresh token' : code),
  });
}

/** The record indexes a collections fault fails: those named, else every record of the request. */
function injectedFor(fault: Fault, raw: string): Map<number, string> {
  let n = 0;
  try {
    const body = JSON.parse(raw) as { records?: unknown[] };
    n = body.records?.length ?? 0;
  } catch {
    n = 0;
  }
  const indexes = fault.spec.recordIndexes ?? Array.from({ length: n }, (_, i) => i);
  return new Map(indexes.map((i) => [i, String(fault.spec.error)]));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
