/**
 * Gmail mailbox through the Gmail API: `history.list` (messageAdded, labelAdded) from the stored history id, then the
 * new messages in `format=raw` through one batch request per 50 (raw carries every header field, the
 * body and attachment names, so each message costs one batched call). Labels decide the folder: INBOX,
 * SENT, or archived; drafts, spam, trash, chats and the promotions/social/updates/forums tabs are never
 * read. An expired history id (404) re-lists everything since the connection with `messages.list`.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { gmailApi } from '../../runtime/heavy-modules';
import type { OAuth2Client } from 'google-auth-library';
import type { Folder, MailMessage } from '../../../src';
import { keepSourcesForFiles } from '../attachment-content';
import { emlToMessage } from '../eml-to-message';
import { MailSourceError, type MailBatch, type MailCursor, type MailSource } from '../mail-source';
import { batchGet } from './gmail-batch';
import { gmailError, header, httpStatus, isRateLimit, retryAfterMs } from './gmail-errors';
import { EXCLUDED_QUERY, gmailFolder } from './gmail-labels';
import { GmailPushWatcher, type GmailPushOptions } from './gmail-push-watcher';
import { stopWatch, watchInbox, type GmailWatch } from './gmail-watch';

export const GMAIL_ROOT_URL = 'https://gmail.googleapis.com/';

export interface GmailSourceOptions {
  /** An OAuth2Client with the mailbox's refresh token (see gmailAuthClient). */
  auth: OAuth2Client;
  /** Gmail's root (default https://gmail.googleapis.com/); tests give the emulator's. */
  rootUrl?: string;
  /** Messages per batch request (Google advises at most 50 for Gmail). */
  batchSize?: number;
  /** Longest total wait for rate limits within one fetch before giving up with `rate_limited` (default 30 s). */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Gmail push (users.watch to a Pub/Sub topic): when given, the source has `watch`. */
  push?: GmailPushOptions;
}

interface GmailCursor {
  v: 1;
  connectedAt: string;
  historyId: string;
  /** A re-listing since the connection in progress (after the history expired). */
  relist?: { pageToken: string; historyId: string };
}

interface Listed {
  ids: string[];
  cursor: GmailCursor;
  more: boolean;
}

/** Labels whose arrival makes an existing message readable. */
const MOVED_IN = ['INBOX', 'SENT', 'CATEGORY_PERSONAL'];

/** Message ids of a history record worth fetching, judged by the labels the record carries. */
function candidates(record: gmail_v1.Schema$History): string[] {
  const readable = (m: gmail_v1.Schema$Message | undefined): m is gmail_v1.Schema$Message & { id: string } =>
    typeof m?.id === 'string' && (!m.labelIds || gmailFolder(m.labelIds) !== undefined);
  const added = (record.messagesAdded ?? []).map((a) => a.message).filter(readable);
  const moved = (record.labelsAdded ?? [])
    .filter((l) => (l.labelIds ?? []).some((id) => MOVED_IN.includes(id)))
    .map((l) => l.message)
    .filter(readable);
  return [...added, ...moved].map((m) => m.id);
}

/** Most tries of one request (each throttled or failed try waits first). */
const MAX_ATTEMPTS = 6;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readCursor(cursor: MailCursor): GmailCursor {
  const c = cursor as Partial<GmailCursor>;
  if (c.v !== 1 || typeof c.connectedAt !== 'string' || typeof c.historyId !== 'string') {
    throw new MailSourceError('not_found', 'Not a Gmail cursor');
  }
  const out: GmailCursor = { v: 1, connectedAt: c.connectedAt, historyId: c.historyId };
  if (c.relist) out.relist = { ...c.relist };
  return out;
}

export class GmailMailSource implements MailSource {
  readonly kind = 'gmail' as const;
  private readonly api: gmail_v1.Gmail;
  private readonly rootUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private waitedMs = 0;
  /**
   * Sets up (or reuses) the mailbox's Gmail watch and renews it daily. Gmail's notifications reach the HTTP server
   * (/notifications/gmail), which asks for a run; `onChange` is never called here. Only with the `push` option.
   */
  readonly watch?: (onChange: () => void) => Promise<{ stop(): Promise<void> }>;
  /** One renewal check, as the hourly timer runs it (GmailPushWatcher.renew). Only with the `push` option. */
  readonly renewWatch?: () => Promise<'renewed' | 'not_due' | 'lost'>;

  constructor(private readonly options: GmailSourceOptions) {
    this.rootUrl = options.rootUrl ?? GMAIL_ROOT_URL;
    this.sleep = options.sleep ?? defaultSleep;
    // retry: false — gaxios would retry 429s without reading Retry-After; the source does it instead.
    this.api = gmailApi().gmail({ version: 'v1', auth: options.auth, rootUrl: this.rootUrl, retry: false });
    const push = options.push;
    if (push) {
      const watcher = new GmailPushWatcher(push, {
        watch: () => this.watchInbox(push.topicName),
        address: async () => push.address ?? (await this.profile()).emailAddress,
      });
      this.renewWatch = () => watcher.renew();
      this.watch = () => watcher.start();
    }
  }

  /** users.stop: Gmail stops notifying about this mailbox (on disconnect). */
  async stopWatch(): Promise<void> {
    this.waitedMs = 0;
    try {
      await this.call(() => stopWatch(this.api));
    } catch (e) {
      throw gmailError(e);
    }
  }

  private async watchInbox(topicName: string): Promise<GmailWatch> {
    this.waitedMs = 0;
    try {
      return await this.call(() => watchInbox(this.api, topicName));
    } catch (e) {
      throw gmailError(e);
    }
  }

  async initialCursor(connectedAt: Date): Promise<MailCursor> {
    this.waitedMs = 0;
    const historyId = await this.profileHistoryId();
    const cursor: GmailCursor = { v: 1, connectedAt: connectedAt.toISOString(), historyId };
    return { ...cursor };
  }

  async fetchChanges(cursor: MailCursor, options: { limit?: number } = {}): Promise<MailBatch> {
    const state = readCursor(cursor);
    const limit = Math.max(1, options.limit ?? 500);
    this.waitedMs = 0;
    let listed: Listed;
    if (state.relist) listed = await this.relist(state, limit);
    else {
      try {
        listed = await this.fromHistory(state, limit);
      } catch (e) {
        // The history id is too old (Gmail keeps about a week): list everything since the connection.
        if (httpStatus(e) !== 404) throw gmailError(e);
        listed = await this.relist(
          { v: 1, connectedAt: state.connectedAt, historyId: state.historyId },
          limit,
        );
      }
    }
    const ids = new WeakMap<MailMessage, string>();
    const files = keepSourcesForFiles();
    const messages = await this.fetchMessages(listed.ids, files.keep, ids);
    return {
      messages,
      cursor: { ...listed.cursor },
      more: listed.more,
      withBody: files.withBody,
      sourceIdOf: (m) => ids.get(m),
    };
  }

  /**
   * messages.get (format=raw) by Gmail id, with the attachments' content; undefined once deleted, in the trash or
   * spam, or only a draft.
   */
  async fetchMessage(sourceId: string, folder: Folder): Promise<MailMessage | undefined> {
    this.waitedMs = 0;
    const files = keepSourcesForFiles();
    const [message] = await this.fetchMessages([sourceId], files.keep);
    return message && { ...(await files.withBody(message)), folder };
  }

  /** The inbox's newest message from `address` (Gmail's search, newest first), read whole. */
  async latestFrom(address: string): Promise<MailMessage | undefined> {
    this.waitedMs = 0;
    let id: string | undefined;
    try {
      const res = await this.call(() =>
        this.api.users.messages.list({ userId: 'me', q: `from:${address} in:inbox`, maxResults: 1 }),
      );
      id = res.data.messages?.[0]?.id ?? undefined;
    } catch (e) {
      throw gmailError(e);
    }
    if (!id) return undefined;
    const [message] = await this.fetchMessages([id], () => undefined);
    return message && { ...message, folder: 'inbox' };
  }

  async close(): Promise<void> {}

  /** Whose mailbox this is and its current history id (connecting checks the address with it). */
  async profile(): Promise<{ emailAddress: string; historyId: string }> {
    try {
      const res = await this.call(() => this.api.users.getProfile({ userId: 'me' }));
      return { emailAddress: String(res.data.emailAddress ?? ''), historyId: String(res.data.historyId) };
    } catch (e) {
      throw gmailError(e);
    }
  }

  private async profileHistoryId(): Promise<string> {
    return (await this.profile()).historyId;
  }

  private async fromHistory(state: GmailCursor, limit: number): Promise<Listed> {
    const ids = new Set<string>();
    let last = state.historyId;
    let pageToken: string | undefined;
    for (;;) {
      const params: gmail_v1.Params$Resource$Users$History$List = {
        userId: 'me',
        startHistoryId: state.historyId,
        // labelAdded too: a message moved into the inbox or the primary tab (Not spam, back from the
        // archive, from Promotions) is new to the readable folders without being a new message.
        historyTypes: ['messageAdded', 'labelAdded'],
        maxResults: 500,
      };
      if (pageToken) params.pageToken = pageToken;
      const res = await this.call(() => this.api.users.history.list(params));
      for (const record of res.data.history ?? []) {
        const added = candidates(record).filter((id) => !ids.has(id));
        if (ids.size > 0 && ids.size + added.length > limit) {
          return { ids: [...ids], cursor: { ...state, historyId: last }, more: true };
        }
        for (const id of added) ids.add(id);
        if (record.id) last = record.id;
      }
      if (res.data.nextPageToken) {
        pageToken = res.data.nextPageToken;
        continue;
      }
      return { ids: [...ids], cursor: { ...state, historyId: res.data.historyId ?? last }, more: false };
    }
  }

  /** Everything since the connection (`after:`), minus what is never read; resumable by page token. */
  private async relist(state: GmailCursor, limit: number): Promise<Listed> {
    try {
      // The history id is taken before listing, so nothing that arrives meanwhile is missed.
      const historyId = state.relist?.historyId ?? (await this.profileHistoryId());
      let pageToken = state.relist?.pageToken;
      const ids = new Set<string>();
      const q = `after:${Math.floor(Date.parse(state.connectedAt) / 1000)} ${EXCLUDED_QUERY}`;
      for (;;) {
        const params: gmail_v1.Params$Resource$Users$Messages$List = {
          userId: 'me',
          q,
          maxResults: Math.min(500, limit - ids.size),
        };
        if (pageToken) params.pageToken = pageToken;
        const res = await this.call(() => this.api.users.messages.list(params));
        for (const m of res.data.messages ?? []) if (m.id) ids.add(m.id);
        const next = res.data.nextPageToken;
        if (!next)
          return { ids: [...ids], cursor: { v: 1, connectedAt: state.connectedAt, historyId }, more: false };
        if (ids.size >= limit) {
          return {
            ids: [...ids],
            cursor: {
              v: 1,
              connectedAt: state.connectedAt,
              historyId: state.historyId,
              relist: { pageToken: next, historyId },
            },
            more: true,
          };
        }
        pageToken = next;
      }
    } catch (e) {
      throw gmailError(e);
    }
  }

  /** `format=raw` for each id through batch requests; throttled parts are retried after a wait. */
  private async fetchMessages(
    ids: string[],
    keep: (message: MailMessage, source: Buffer) => void,
    places?: WeakMap<MailMessage, string>,
  ): Promise<MailMessage[]> {
    const raw = new Map<string, gmail_v1.Schema$Message>();
    let pending = ids;
    let round = 0;
    const size = Math.max(1, Math.min(this.options.batchSize ?? 50, 100));
    while (pending.length > 0) {
      if (round++ >= MAX_ATTEMPTS)
        throw new MailSourceError('unavailable', `Gmail kept failing ${pending.length} messages.get`);
      const retry: string[] = [];
      let waitMs = 0;
      for (let i = 0; i < pending.length; i += size) {
        const chunk = pending.slice(i, i + size);
        const answers = await this.call(() =>
          batchGet(
            this.options.auth,
            this.rootUrl,
            chunk.map((id) => `/gmail/v1/users/me/messages/${encodeURIComponent(id)}?format=raw`),
          ),
        ).catch((e: unknown) => {
          throw gmailError(e);
        });
        answers.forEach((a, j) => {
          const id = chunk[j] ?? '';
          if (a.status === 200) raw.set(id, a.body as gmail_v1.Schema$Message);
          else if (a.status === 404)
            return; // deleted since it was listed
          else if (isRateLimit(a.status, a.body) || a.status >= 500 || a.status === 0) {
            retry.push(id);
            waitMs = Math.max(waitMs, retryAfterMs(a.headers['retry-after'], 1000));
          } else {
            throw gmailError(
              Object.assign(new Error(`messages.get ${id} failed`), {
                response: { status: a.status, data: a.body },
              }),
            );
          }
        });
      }
      if (retry.length > 0) await this.wait(waitMs, 'Gmail batch parts');
      pending = retry;
    }
    const messages: MailMessage[] = [];
    for (const id of ids) {
      const m = raw.get(id);
      const folder = m && gmailFolder(m.labelIds ?? []);
      if (!m?.raw || !folder) continue;
      const source = Buffer.from(m.raw, 'base64url');
      const message = await emlToMessage(source, folder);
      if (m.threadId) message.threadId = m.threadId;
      if (!message.sentAt && m.internalDate) message.sentAt = new Date(Number(m.internalDate)).toISOString();
      keep(message, source);
      messages.push(message);
      places?.set(message, id);
    }
    return messages;
  }

  /** One call, waiting out 429 / rate-limit 403 (Retry-After, else 1 s doubling) and retrying 5xx twice. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (e) {
        const status = httpStatus(e);
        const body = (e as { response?: { data?: unknown } }).response?.data;
        const oauthError = typeof (body as { error?: unknown } | undefined)?.error === 'string';
        const retryable = isRateLimit(status, body) || (status !== undefined && status >= 500 && attempt < 2);
        if (!oauthError && retryable && attempt < MAX_ATTEMPTS - 1) {
          await this.wait(retryAfterMs(header(e, 'retry-after'), 1000 * 2 ** attempt), 'Gmail', e);
          continue;
        }
        throw e;
      }
    }
  }

  private async wait(ms: number, what: string, cause?: unknown): Promise<void> {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (this.waitedMs + ms > cap)
      throw new MailSourceError('rate_limited', `${what} asked to wait ${ms} ms`, ms, { cause });
    this.waitedMs += ms;
    await this.sleep(ms);
  }
}
