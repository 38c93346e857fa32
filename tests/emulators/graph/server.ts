/**
 * A local Microsoft Graph (mail) and identity platform emulator on 127.0.0.1, for the Graph mail source's
 * tests through the real msal-node and Graph clients. Test equipment only.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GraphCalendar } from './calendar';
import { DeltaRounds } from './delta';
import { listMessages } from './list';
import { faultError, GraphError } from './errors';
import { GraphOAuth } from './oauth';
import { renderMessage } from './render';
import { DroppedConnection, Faults, faultThrow, RequestLog, seeded, type LoggedRequest } from './request-log';
import { GraphStore } from './store';
import { GraphSubscriptions } from './subscriptions';

export interface GraphEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  tenant?: string;
  user?: { id: string; mail: string; displayName: string };
  /** Whether the mailbox has an Archive folder (default true). */
  archive?: boolean;
  /** Whether delta answers carry internetMessageHeaders when selected (default false: fetch them per message). */
  deltaHeaders?: boolean;
  /** Graph's default delta page size for messages is 10. */
  defaultPageSize?: number;
  /** Most messages a delta round with `$filter` lists (Graph documents 5,000). */
  deltaFilterCap?: number;
  /** Seed of the shuffles that stand for Graph's unguaranteed order, and of the replays (default 1). */
  seed?: number;
  /** How often delta replays a change it gave already (default 0.3; 0 never). */
  replayRate?: number;
}

export interface GraphEmulator {
  url: string;
  store: GraphStore;
  /** The primary calendar (calendar.ts): events, series, calendarView delta. */
  calendar: GraphCalendar;
  /** Change-notification subscriptions (subscriptions.ts); `settled()` waits for notifications in flight. */
  subscriptions: GraphSubscriptions;
  oauth: GraphOAuth;
  log: RequestLog;
  faults: Faults;
  clientId: string;
  clientSecret: string;
  tenant: string;
  /** What msal-node needs to use this emulator as its authority without any discovery call. */
  msal: {
    authority: string;
    knownAuthorities: string[];
    authorityMetadata: string;
    cloudDiscoveryMetadata: string;
  };
  stop(): Promise<void>;
}

const OAUTH_KINDS = ['token', 'authorize', 'discovery'];
const bearerOf = (headers: IncomingMessage['headers']) =>
  /^Bearer (.+)$/i.exec(String(headers.authorization ?? ''))?.[1] ?? '';
const AUTHORITY_HOST = 'login.graph-emulator.invalid';

interface Prefer {
  maxPageSize?: number;
  bodyType: 'text' | 'html';
  immutableId: boolean;
}

function parsePrefer(header: string | string[] | undefined): Prefer {
  const text = [header ?? ''].flat().join(',');
  const prefer: Prefer = { bodyType: 'html', immutableId: false };
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (k === 'odata.maxpagesize' && v) prefer.maxPageSize = Number(v);
    if (k === 'outlook.body-content-type' && v === 'text') prefer.bodyType = 'text';
    if (k === 'IdType' && v === 'ImmutableId') prefer.immutableId = true;
  }
  return prefer;
}

export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const clientId = options.clientId ?? '7d1f0b4e-liaison-test';
  const clientSecret = options.clientSecret ?? 'graph-emulator-secret';
  const tenant = options.tenant ?? '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const user = options.user ?? {
    id: 'b3f1c2d4-0000-4000-8000-000000000001',
    mail: 'rep@contoso.com',
    displayName: 'Rita Rep',
  };
  const store = new GraphStore(user, options.archive ?? true);
  const calendar = new GraphCalendar(user);
  const oauth = new GraphOAuth(clientId, clientSecret, tenant, user, AUTHORITY_HOST);
  const log = new RequestLog();
  const faults = new Faults(OAUTH_KINDS);
  const random = seeded(options.seed ?? 1);
  const delta = new DeltaRounds(store, {
    filterCap: options.deltaFilterCap ?? 5000,
    random,
    replayRate: options.replayRate ?? 0.3,
  });
  const subscriptions = new GraphSubscriptions(store, log, tenant, clientId, calendar);
  const sockets = new Set<Socket>();
  let base = '';

  /** One API request (also each request inside a $batch). */
  const api = (
    method: string,
    url: URL,
    headers: IncomingMessage['headers'],
    entry: LoggedRequest,
    body: string,
  ) => {
    const path = url.pathname.replace(/^\/v1\.0/, '').replace(/\('([^']+)'\)/g, '/$1');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const prefer = parsePrefer(headers.prefer);
    let run: () => { status: number; body: unknown; headers?: Record<string, string> };
    const ok = (b: unknown) => ({ status: 200, body: b });
    const folderOf = (id: string) => {
      const f = store.folder(id);
      if (!f)
        throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return f;
    };
    const messageOf = (id: string) => {
      const m = store.find(id);
      if (!m)
        throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return m;
    };
    const select = url.searchParams
      .get('$select')
      ?.split(',')
      .map((s) => s.trim());
    const render = {
      bodyType: prefer.bodyType,
      deltaHeaders: options.deltaHeaders ?? false,
      immutableId: prefer.immutableId,
      sentItemsId: store.folder('sentitems')?.id,
    };
    if (method === 'POST' && parts.length === 1 && parts[0] === '$batch') {
      entry.kind = 'batch';
      run = () => ok(batch(body, headers));
    } else if (method !== 'GET' || parts[0] !== 'me') {
      run = () => {
        throw new GraphError(400, 'BadRequest', `Unsupported ${method} ${url.pathname} (emulator)`);
      };
    } else if (parts.length === 1) {
      entry.kind = 'me';
      run = () =>
        ok({ id: user.id, displayName: user.displayName, mail: user.mail, userPrincipalName: user.mail });
    } else if (parts[1] === 'mailFolders' && parts.length === 2) {
      entry.kind = 'folders';
      run = () => ok({ value: [...store.folders.values()].map(({ wellKnownName: _w, ...f }) => f) });
    } else if (parts[1] === 'mailFolders' && parts.length === 3) {
      entry.kind = 'folder';
      run = () => {
        const { wellKnownName: _w, ...f } = folderOf(parts[2] ?? '');
        return ok(f);
      };
    } else if (
      parts[1] === 'mailFolders' &&
      parts[3] === 'messages' &&
      parts[4] === 'delta' &&
      parts.length === 5
    ) {
      entry.kind = 'delta';
      run = () => {
        const folder = folderOf(parts[2] ?? '');
        const top = url.searchParams.get('$top');
        const size = prefer.maxPageSize ?? (top ? Number(top) : (options.defaultPageSize ?? 10));
        const out = delta.page(folder, url, Math.max(1, size), render, base);
        const applied = [
          prefer.maxPageSize ? `odata.maxpagesize=${size}` : '',
          prefer.bodyType === 'text' ? 'outlook.body-content-type="text"' : '',
          prefer.immutableId ? 'IdType="ImmutableId"' : '',
        ]
          .filter(Boolean)
          .join(', ');
        return {
          status: 200,
          body: { '@odata.context': `${base}/v1.0/$metadata#Collection(message)`, ...out },
          headers: (applied ? { 'Preference-Applied': applied } : {}) as Record<string, string>,
        };
      };
    } else if (parts[1] === 'calendarView' && parts[2] === 'delta' && parts.length === 3) {
      entry.kind = 'calendarView';
      run = () => {
        if (!oauth.grants(bearerOf(headers), 'Calendars.Read'))
          throw new GraphError(
            403,
            'ErrorAccessDenied',
            'Access is denied. Check credentials and try again.',
          );
        const size = prefer.maxPageSize ?? options.defaultPageSize ?? 10;
        return ok(calendar.delta(url, Math.max(1, size), base));
      };
    } else if (parts[1] === 'mailFolders' && parts[3] === 'messages' && parts.length === 4) {
      entry.kind = 'list';
      run = () => ok(listMessages(store, folderOf(parts[2] ?? ''), url, render, base, random));
    } else if (parts[1] === 'messages' && parts.length === 3) {
      entry.kind = 'message';
      run = () =>
        ok(
          renderMessage(messageOf(parts[2] ?? ''), {
            ...render,
            select,
            expand: url.searchParams.get('$expand'),
          }),
        );
    } else if (parts[1] === 'messages' && parts[3] === 'attachments' && parts.length === 4) {
      entry.kind = 'attachments';
      run = () =>
        ok({
          // fileAttachment carries contentBytes (base64) unless $select leaves it out.
          value: messageOf(parts[2] ?? '').attachments.map((a) => ({
            '@odata.type': '#microsoft.graph.fileAttachment',
            id: a.id,
            name: a.name,
            size: a.size,
            contentType: a.contentType,
            isInline: false,
            ...(!select || select.includes('contentBytes')
              ? { contentBytes: a.content.toString('base64') }
              : {}),
          })),
        });
    } else {
      run = () => {
        throw new GraphError(400, 'BadRequest', `Unsupported ${method} ${url.pathname} (emulator)`);
      };
    }
    log.record(entry);
    try {
      const fault = faults.next(entry.kind);
      if (fault) throw faultThrow(fault, (f) => faultError(f.status, f.code, f.message, f.retryAfter));
      const bearer = /^Bearer (.+)$/i.exec(String(headers.authorization ?? ''))?.[1];
      if (!bearer || !oauth.validAccessToken(bearer)) throw faultError(401);
      const answer = run();
      entry.status = answer.status;
      return answer;
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      entry.status = e.status;
      return { status: e.status, body: e.body(), headers: e.headers };
    }
  };

  /** POST /$batch: up to 20 requests, answered in one JSON body. */
  const batch = (raw: string, outer: IncomingMessage['headers']) => {
    const parsed = JSON.parse(raw || '{}') as {
      requests?: { id: string; method: string; url: string; headers?: Record<string, string> }[];
    };
    const requests = parsed.requests ?? [];
    if (requests.length === 0 || requests.length > 20) {
      throw new GraphError(
        400,
        'BadRequest',
        'Number of batch request steps exceeds the maximum value of 20.',
      );
    }
    // "Individual responses might appear in a different order than the requests. The id property can be used to
    // correlate" (https://learn.microsoft.com/en-us/graph/json-batching). Here, a seeded shuffle.
    const order = requests.map((r) => ({ r, k: random() })).sort((a, b) => a.k - b.k);
    return {
      responses: order.map(({ r }) => {
        // Header names in lower case, as node gives an outer request's.
        const lower = Object.fromEntries(
          Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const inner: LoggedRequest = {
          kind: 'unknown',
          method: r.method,
          path: r.url,
          at: Date.now(),
          batched: true,
          headers: { ...lower },
        };
        const answer = api(
          r.method.toUpperCase(),
          new URL(`/v1.0${r.url.startsWith('/') ? '' : '/'}${r.url}`, base),
          { ...lower, authorization: outer.authorization },
          inner,
          '',
        );
        return {
          id: r.id,
          status: answer.status,
          headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) },
          body: answer.body,
        };
      }),
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', base);
    const raw = await new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (d: Buffer) => (s += d.toString()));
      req.on('end', () => resolve(s));
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (k !== 'authorization' && v !== undefined) headers[k] = String(v);
    const entry: LoggedRequest = {
      kind: 'unknown',
      method,
      path: url.pathname + url.search,
      at: Date.now(),
      headers,
    };
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', ...extra });
      res.end(JSON.stringify(body));
    };
    const oauthPath = new RegExp(`^/${tenant}/oauth2/v2\\.0/(token|authorize)$`).exec(url.pathname);
    if (oauthPath) {
      entry.kind = oauthPath[1] ?? 'token';
      log.record(entry);
      const fault = faults.next(entry.kind);
      if (fault) {
        const code = fault.code ?? 'temporarily_unavailable';
        return send(
          fault.status,
          {
            error: code,
            error_description: `AADSTS${fault.status === 400 ? 65001 : 90033}: ${fault.message ?? 'Injected fault.'}`,
            error_codes: [fault.status === 400 ? 65001 : 90033],
          },
          fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {},
        );
      }
      if (entry.kind === 'authorize') {
        const out = oauth.authorize(url.searchParams);
        if ('location' in out) {
          entry.status = 302;
          return res.writeHead(302, { location: out.location }).end();
        }
        return send(out.status, out.body);
      }
      const out = oauth.token(new URLSearchParams(raw));
      return send(out.status, out.body);
    }
    if (url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      entry.kind = 'discovery';
      log.record(entry);
      return send(200, metadata());
    }
    const subscriptionPath = /^\/v1\.0\/subscriptions(?:\/([^/]+))?$/.exec(url.pathname);
    if (subscriptionPath) return handleSubscription(method, subscriptionPath[1], raw, req, entry, send, res);
    if (!url.pathname.startsWith('/v1.0/')) {
      log.record(entry);
      return send(404, new GraphError(404, 'NotFound', 'Unknown path').body());
    }
    const answer = api(method, url, req.headers, entry, raw);
    send(answer.status, answer.body, answer.headers ?? {});
  };

  /** POST /subscriptions, PATCH and DELETE /subscriptions/{id}: logged as subscribe, renew, unsubscribe. */
  const handleSubscription = async (
    method: string,
    rawId: string | undefined,
    raw: string,
    req: IncomingMessage,
    entry: LoggedRequest,
    send: (status: number, body: unknown, extra?: Record<string, string>) => void,
    res: ServerResponse,
  ) => {
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    entry.kind =
      method === 'POST' && id === undefined
        ? 'subscribe'
        : method === 'PATCH' && id !== undefined
          ? 'renew'
          : method === 'DELETE' && id !== undefined
            ? 'unsubscribe'
            : 'unknown';
    log.record(entry);
    try {
      const fault = faults.next(entry.kind);
      if (fault) throw faultThrow(fault, (f) => faultError(f.status, f.code, f.message, f.retryAfter));
      const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!bearer || !oauth.validAccessToken(bearer)) throw faultError(401);
      const answer =
        entry.kind === 'subscribe'
          ? await subscriptions.create(raw)
          : entry.kind === 'renew'
            ? subscriptions.update(id ?? '', raw)
            : entry.kind === 'unsubscribe'
              ? subscriptions.remove(id ?? '')
              : undefined;
      if (!answer) throw new GraphError(400, 'BadRequest', `Unsupported ${method} ${req.url} (emulator)`);
      if (answer.status === 204) {
        entry.status = 204;
        return void res.writeHead(204).end();
      }
      send(answer.status, answer.body);
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      send(e.status, e.body(), e.headers);
    }
  };

  const metadata = () => ({
    token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
    issuer: `https://${AUTHORITY_HOST}/${tenant}/v2.0`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof DroppedConnection) return void req.socket.destroy();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          new GraphError(500, 'generalException', e instanceof Error ? e.message : String(e)).body(),
        ),
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    store,
    calendar,
    subscriptions,
    oauth,
    log,
    faults,
    clientId,
    clientSecret,
    tenant,
    msal: {
      authority: `https://${AUTHORITY_HOST}/${tenant}`,
      knownAuthorities: [AUTHORITY_HOST],
      authorityMetadata: JSON.stringify(metadata()),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          { preferred_network: AUTHORITY_HOST, preferred_cache: AUTHORITY_HOST, aliases: [AUTHORITY_HOST] },
        ],
      }),
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
