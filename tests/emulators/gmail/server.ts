/**
 * A local Gmail API and Google OAuth emulator on 127.0.0.1, for the Gmail mail source's tests through the
 * real @googleapis/gmail and google-auth-library clients. Test equipment only.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DroppedConnection, Faults, faultThrow, RequestLog, type LoggedRequest } from '../graph/request-log';
import { GoogleCalendar } from '../google-calendar/calendar';
import { GoogleCalendarChannels } from '../google-calendar/channels';
import { faultError, GoogleApiError, notFound } from './errors';
import { batchAnswer, parseBatch } from './multipart';
import { GoogleOAuth } from './oauth';
import { GmailPubSub } from './pubsub';
import { compileQuery } from './query';
import { GmailStore, SYSTEM_LABELS, type StoredGmailMessage } from './store';

export interface GmailEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  email?: string;
  /** The primary calendar's time zone (default UTC). */
  calendarTimeZone?: string;
}

export interface GmailEmulator {
  url: string;
  /** What the gmail client takes as `rootUrl` (ends with a slash). */
  rootUrl: string;
  store: GmailStore;
  /** The Calendar API's primary calendar (../google-calendar), on the same server, OAuth and faults. */
  calendar: GoogleCalendar;
  /** Its push channels (events.watch, channels.stop) and their notifications. */
  calendarChannels: GoogleCalendarChannels;
  oauth: GoogleOAuth;
  log: RequestLog;
  faults: Faults;
  /** users.watch / users.stop and the pushes (set `pubsub.settings` to have a topic and a push endpoint). */
  pubsub: GmailPubSub;
  clientId: string;
  clientSecret: string;
  /** Endpoints for google-auth-library's OAuth2Client. */
  endpoints: { oauth2TokenUrl: string; oauth2AuthBaseUrl: string; oauth2RevokeUrl: string };
  stop(): Promise<void>;
}

const OAUTH_KINDS = ['token', 'authorize', 'revoke'];
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';
const SCOPE = `openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly ${CALENDAR_SCOPE}`;

export async function startGmailEmulator(options: GmailEmulatorOptions = {}): Promise<GmailEmulator> {
  const clientId = options.clientId ?? '1234567890-liaison.apps.googleusercontent.com';
  const clientSecret = options.clientSecret ?? 'GOCSPX-emulator-secret';
  const email = options.email ?? 'rep@example.org';
  const store = new GmailStore(email);
  const pubsub = new GmailPubSub(store);
  const calendar = new GoogleCalendar(email, options.calendarTimeZone);
  const oauth = new GoogleOAuth(clientId, clientSecret, SCOPE);
  const log = new RequestLog();
  const calendarChannels = new GoogleCalendarChannels(calendar, log, email);
  const faults = new Faults(OAUTH_KINDS);
  const sockets = new Set<Socket>();
  const listTokens = new Map<string, { ids: string[]; historyIds?: number[] }>();
  let base = '';

  const messageJson = (m: StoredGmailMessage, format: string) => {
    const common = {
      id: m.id,
      threadId: m.threadId,
      labelIds: m.labelIds,
      historyId: String(m.historyId),
      internalDate: String(m.internalDate),
      sizeEstimate: m.raw.length,
    };
    if (format === 'minimal') return common;
    if (format === 'raw') return { ...common, snippet: '', raw: Buffer.from(m.raw).toString('base64url') };
    const headerBlock = m.raw.split(/\r?\n\r?\n/)[0] ?? '';
    const headers = headerBlock
      .replace(/\r?\n[ \t]+/g, ' ')
      .split(/\r?\n/)
      .map((l) => ({ name: l.slice(0, l.indexOf(':')), value: l.slice(l.indexOf(':') + 1).trim() }));
    const payload: Record<string, unknown> = {
      partId: '',
      mimeType: 'message/rfc822',
      filename: '',
      headers,
    };
    if (format === 'full')
      payload.body = {
        size: m.raw.length,
        data: Buffer.from(m.raw.slice(headerBlock.length).trim()).toString('base64url'),
      };
    return { ...common, snippet: '', payload };
  };

  /** One Gmail API request (also each part of a batch). */
  const api = (
    method: string,
    url: URL,
    authorization: string | undefined,
    entry: LoggedRequest,
    body = '',
  ) => {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // gmail/v1/users/{userId}/…
    const q = url.searchParams;
    let run: () => unknown;
    const userOk = parts[3] === 'me' || parts[3] === email;
    const watchCall = method === 'POST' && parts.length === 5 && ['watch', 'stop'].includes(parts[4] ?? '');
    const calendarOk = parts[3] === 'primary' || parts[3] === email;
    // Calendar calls need the calendar scope granted, as Google answers without it.
    const requireCalendarScope = () => {
      if (!oauth.grants(CALENDAR_SCOPE))
        throw new GoogleApiError(
          403,
          'insufficientPermissions',
          'Request had insufficient authentication scopes.',
        );
    };
    if (
      method === 'GET' &&
      parts[0] === 'calendar' &&
      parts[1] === 'v3' &&
      parts[2] === 'calendars' &&
      parts[4] === 'events' &&
      parts.length === 5
    ) {
      entry.kind = 'events.list';
      run = () => {
        if (!calendarOk) throw notFound();
        requireCalendarScope();
        return calendar.list(q);
      };
    } else if (
      method === 'GET' &&
      parts[0] === 'calendar' &&
      parts[1] === 'v3' &&
      parts[2] === 'calendars' &&
      parts[4] === 'events' &&
      parts.length === 6
    ) {
      entry.kind = 'events.get';
      run = () => {
        if (!calendarOk) throw notFound();
        requireCalendarScope();
        const event = calendar.get(parts[5] ?? '');
        if (!event) throw notFound();
        return event;
      };
    } else if (
      method === 'POST' &&
      parts[0] === 'calendar' &&
      parts[1] === 'v3' &&
      ((parts[2] === 'calendars' && parts[4] === 'events' && parts[5] === 'watch' && parts.length === 6) ||
        (parts[2] === 'channels' && parts[3] === 'stop' && parts.length === 4))
    ) {
      const stop = parts[2] === 'channels';
      entry.kind = stop ? 'channels.stop' : 'events.watch';
      run = () => {
        if (!stop && !calendarOk) throw notFound();
        requireCalendarScope();
        let json: Record<string, unknown>;
        try {
          json = JSON.parse(body || '{}') as Record<string, unknown>;
        } catch {
          throw new GoogleApiError(400, 'parseError', 'Invalid JSON payload received.');
        }
        return stop ? calendarChannels.stop(json) : calendarChannels.watch(json);
      };
    } else if (watchCall && parts[0] === 'gmail' && parts[1] === 'v1' && parts[2] === 'users' && userOk) {
      entry.kind = parts[4] as string;
      run = () => {
        if (parts[4] === 'stop') return pubsub.stopWatch();
        let json: unknown;
        try {
          json = JSON.parse(body || '{}');
        } catch {
          throw new GoogleApiError(400, 'badRequest', 'Invalid JSON payload received.');
        }
        return pubsub.startWatch(json);
      };
    } else if (
      method !== 'GET' ||
      parts[0] !== 'gmail' ||
      parts[1] !== 'v1' ||
      parts[2] !== 'users' ||
      !userOk
    ) {
      run = () => {
        throw new GoogleApiError(400, 'badRequest', `Unsupported ${method} ${url.pathname} (emulator)`);
      };
    } else if (parts[4] === 'profile' && parts.length === 5) {
      entry.kind = 'profile';
      run = () => ({
        emailAddress: email,
        messagesTotal: store.messages.size,
        threadsTotal: new Set([...store.messages.values()].map((m) => m.threadId)).size,
        historyId: String(store.historyId),
      });
    } else if (parts[4] === 'labels' && parts.length === 5) {
      entry.kind = 'labels';
      run = () => ({
        labels: [
          ...SYSTEM_LABELS.map((id) => ({ id, name: id, type: 'system' })),
          ...[...store.userLabels].map(([id, name]) => ({ id, name, type: 'user' })),
        ],
      });
    } else if (parts[4] === 'history' && parts.length === 5) {
      entry.kind = 'history';
      run = () => history(q);
    } else if (parts[4] === 'messages' && parts.length === 5) {
      entry.kind = 'messages.list';
      run = () => listMessages(q);
    } else if (parts[4] === 'messages' && parts.length === 6) {
      entry.kind = 'messages.get';
      run = () => {
        const m = store.messages.get(parts[5] ?? '');
        if (!m) throw notFound();
        const format = q.get('format') ?? 'full';
        if (!['raw', 'full', 'metadata', 'minimal'].includes(format))
          throw new GoogleApiError(400, 'invalidArgument', `Invalid format ${format}`);
        return messageJson(m, format);
      };
    } else {
      run = () => {
        throw new GoogleApiError(400, 'badRequest', `Unsupported ${method} ${url.pathname} (emulator)`);
      };
    }
    log.record(entry);
    try {
      const fault = faults.next(entry.kind);
      if (fault) throw faultThrow(fault, (f) => faultError(f.status, f.code, f.message, f.retryAfter));
      const bearer = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
      if (!bearer || !oauth.validAccessToken(bearer)) throw faultError(401);
      const body = run();
      // users.stop answers 204 with no body.
      const status = body === undefined ? 204 : 200;
      entry.status = status;
      return { status, body, headers: {} as Record<string, string> };
    } catch (e) {
      if (!(e instanceof GoogleApiError)) throw e;
      entry.status = e.status;
      return { status: e.status, body: e.body(), headers: e.headers };
    }
  };

  const page = <T>(items: T[], q: URLSearchParams, max: number) => {
    const size = Math.min(Number(q.get('maxResults') ?? max), 500);
    const offset = Number(q.get('pageToken') ?? 0);
    const slice = items.slice(offset, offset + size);
    return { slice, next: offset + size < items.length ? String(offset + size) : undefined };
  };

  const history = (q: URLSearchParams) => {
    const start = Number(q.get('startHistoryId'));
    if (!q.get('startHistoryId') || !Number.isFinite(start))
      throw new GoogleApiError(400, 'invalidArgument', 'Invalid startHistoryId');
    if (start < store.minHistoryId) throw notFound();
    const types = q.getAll('historyTypes');
    const labelId = q.get('labelId');
    const records = store.history.filter(
      (h) =>
        h.id > start &&
        (types.length === 0 || types.includes(h.type)) &&
        (!labelId || (store.messages.get(h.messageId)?.labelIds ?? h.labelIds).includes(labelId)),
    );
    const { slice, next } = page(records, q, 100);
    const out: Record<string, unknown> = { historyId: String(store.historyId) };
    if (slice.length > 0) {
      out.history = slice.map((h) => {
        const m = store.messages.get(h.messageId);
        const ref = { id: h.messageId, threadId: m?.threadId ?? h.messageId };
        const rec: Record<string, unknown> = { id: String(h.id), messages: [ref] };
        if (h.type === 'messageAdded') rec.messagesAdded = [{ message: { ...ref, labelIds: h.labelIds } }];
        if (h.type === 'messageDeleted') rec.messagesDeleted = [{ message: ref }];
        if (h.type === 'labelAdded')
          rec.labelsAdded = [{ message: { ...ref, labelIds: m?.labelIds ?? [] }, labelIds: h.labelIds }];
        if (h.type === 'labelRemoved')
          rec.labelsRemoved = [{ message: { ...ref, labelIds: m?.labelIds ?? [] }, labelIds: h.labelIds }];
        return rec;
      });
    }
    if (next) out.nextPageToken = next;
    return out;
  };

  const listMessages = (q: URLSearchParams) => {
    const token = q.get('pageToken');
    let ids: string[];
    let offset = 0;
    if (token) {
      const saved = listTokens.get(token.split('.')[0] ?? '');
      if (!saved) throw new GoogleApiError(400, 'invalidArgument', 'Invalid pageToken');
      ids = saved.ids;
      offset = Number(token.split('.')[1]);
    } else {
      const match = compileQuery(q.get('q') ?? '');
      const labels = q.getAll('labelIds');
      const spamTrash = q.get('includeSpamTrash') === 'true';
      ids = [...store.messages.values()]
        .filter(
          (m) =>
            (spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) &&
            labels.every((l) => m.labelIds.includes(l)) &&
            match(m),
        )
        .sort((a, b) => b.internalDate - a.internalDate) // newest first, as Gmail lists
        .map((m) => m.id);
    }
    const size = Math.min(Number(q.get('maxResults') ?? 100), 500);
    const slice = ids.slice(offset, offset + size);
    const out: Record<string, unknown> = { resultSizeEstimate: ids.length };
    if (slice.length > 0)
      out.messages = slice.map((id) => ({ id, threadId: store.messages.get(id)?.threadId ?? id }));
    if (offset + size < ids.length) {
      const key = randomBytes(6).toString('hex');
      listTokens.set(key, { ids });
      out.nextPageToken = `${key}.${offset + size}`;
    }
    return out;
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
      if (body === undefined) return res.writeHead(status, extra).end();
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...extra });
      res.end(JSON.stringify(body));
    };
    const oauthKind = { '/token': 'token', '/o/oauth2/v2/auth': 'authorize', '/revoke': 'revoke' }[
      url.pathname
    ];
    if (oauthKind) {
      entry.kind = oauthKind;
      log.record(entry);
      const fault = faults.next(oauthKind);
      if (fault)
        return send(fault.status, {
          error: fault.code ?? 'invalid_grant',
          error_description: fault.message ?? 'Token has been expired or revoked.',
        });
      if (oauthKind === 'authorize') {
        const out = oauth.authorize(url.searchParams);
        if ('location' in out) {
          entry.status = 302;
          return res.writeHead(302, { location: out.location }).end();
        }
        return send(out.status, out.body);
      }
      const params = new URLSearchParams(raw || url.search);
      const out =
        oauthKind === 'token'
          ? oauth.token(params)
          : oauth.revoke(params.get('token') ?? url.searchParams.get('token') ?? '');
      return send(out.status, out.body);
    }
    if (method === 'POST' && url.pathname === '/batch/gmail/v1') {
      entry.kind = 'batch';
      log.record(entry);
      const fault = faults.next('batch');
      if (fault?.drop) return void req.socket.destroy();
      if (fault) {
        const e = faultError(fault.status, fault.code, fault.message, fault.retryAfter);
        return send(e.status, e.body(), e.headers);
      }
      const parts = parseBatch(String(req.headers['content-type'] ?? ''), raw);
      if (parts.length > 100) {
        const e = new GoogleApiError(
          400,
          'badRequest',
          'A batch request cannot contain more than 100 calls.',
        );
        return send(e.status, e.body());
      }
      const answers = parts.map((p) => {
        const inner: LoggedRequest = {
          kind: 'unknown',
          method: p.method,
          path: p.path,
          at: Date.now(),
          batched: true,
          headers: p.headers,
        };
        const out = api(
          p.method,
          new URL(p.path, base),
          p.headers.authorization ?? String(req.headers.authorization ?? ''),
          inner,
        );
        return { contentId: p.contentId, ...out };
      });
      const boundary = `batch_${randomBytes(9).toString('base64url')}`;
      entry.status = 200;
      res.writeHead(200, { 'content-type': `multipart/mixed; boundary=${boundary}` });
      return res.end(batchAnswer(boundary, answers));
    }
    const out = api(method, url, req.headers.authorization, entry, raw);
    send(out.status, out.body, out.headers);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof DroppedConnection) return void req.socket.destroy();
      const err =
        e instanceof GoogleApiError
          ? e
          : new GoogleApiError(500, 'backendError', e instanceof Error ? e.message : String(e));
      res.writeHead(err.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(err.body()));
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
    rootUrl: `${base}/`,
    store,
    calendar,
    calendarChannels,
    oauth,
    log,
    faults,
    pubsub,
    clientId,
    clientSecret,
    endpoints: {
      oauth2TokenUrl: `${base}/token`,
      oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
      oauth2RevokeUrl: `${base}/revoke`,
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
