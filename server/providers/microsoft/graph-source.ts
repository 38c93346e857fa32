/**
 * Microsoft 365 mailbox through Microsoft Graph: one delta query per readable folder (inbox, sent items,
 * archive; every other folder is simply never queried), immutable ids, and `$filter=receivedDateTime ge
 * connectedAt` on the first round so nothing from before the connection is ever listed (Graph documents
 * `$deltatoken=latest` only for directory resources, not messages). Header fields and attachment names
 * the delta does not carry are fetched with `$batch`, only for the messages that need them.
 *
 * Bodies: the delta asks for `body` as text (`Prefer: outlook.body-content-type="text"`). That costs
 * bandwidth for messages shared at the metadata or subject level but no extra request; set
 * `bodies: false` when no user shares full content.
 *
 * Push: with `push`, `watch` keeps an inbox change-notification subscription alive (graph-push.ts).
 *
 * Resync: a delta link Graph no longer honours (graph-sync-state.ts) starts the folder again from its high-water mark
 * of receivedDateTime (graph-cursor.ts), never from the connection: what arrived since is listed in windows
 * (graph-catchup.ts), past the 5,000 cap of a filtered delta, and the ledger drops what was saved already. Changes
 * delta replays in a later page or round are dropped by id (graph-cursor.ts).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Folder, MailMessage } from '../../../src';
import { SAVE_WHEN_SENT_HEADER } from '../../../src/api/compose-api';
import { MailSourceError, type MailBatch, type MailCursor, type MailSource } from '../mail-source';
import { readCatchup, startResync } from './graph-catchup';
import { completeRound, noteReceived, readCursor, replayed, type GraphCursor } from './graph-cursor';
import type { GraphTokenProvider } from './graph-auth';
import { createGraphClient, GRAPH_BASE_URL, linkPath } from './graph-client';
import { apiError, graphStatus, retryAfterMs } from './graph-errors';
import { graphToMailMessage, type GraphAttachment, type GraphMessage } from './graph-message';
import { watchGraphInbox, type GraphPushOptions } from './graph-push';
import { syncStateLost } from './graph-sync-state';

/** Well-known folder names read, and the rulebook folder of each. */
const FOLDERS: [string, Folder][] = [
  ['inbox', 'inbox'],
  ['sentitems', 'sent'],
  ['archive', 'archive'],
];

/**
 * The Save when sent mark as Graph keeps it on a sent copy: `internetHeaders.setAsync` stores x- fields as named
 * properties in PS_INTERNET_HEADERS ({00020386-0000-0000-C000-000000000046}), which `$expand` reads by name.
 */
const SAVE_MARK_EXPAND = encodeURIComponent(
  `singleValueExtendedProperties($filter=id eq 'String {00020386-0000-0000-C000-000000000046} Name ${SAVE_WHEN_SENT_HEADER}')`,
);

const SELECT = [
  'id',
  'receivedDateTime',
  'sentDateTime',
  'subject',
  'from',
  'sender',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'internetMessageId',
  'conversationId',
  'hasAttachments',
  'internetMessageHeaders',
];

export interface GraphSourceOptions {
  tokens: GraphTokenProvider;
  /** Graph's root (default https://graph.microsoft.com); tests give the emulator's. */
  baseUrl?: string;
  /** Ask for message bodies as text in the delta (default true). */
  bodies?: boolean;
  /** Fetch attachment names for messages that have attachments (default true). */
  attachments?: boolean;
  /** Delta page size asked with `Prefer: odata.maxpagesize` (default 50). */
  pageSize?: number;
  /** Longest total wait for Retry-After within one fetch before giving up with `rate_limited` (default 30 s). */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Change notifications: the subscription `watch` keeps alive (absent: no `watch`, polling only). */
  push?: GraphPushOptions;
}

interface Collected {
  item: GraphMessage;
  folder: Folder;
}

/** Most tries of one request (each throttled or failed try waits first). */
const MAX_ATTEMPTS = 6;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphMailSource implements MailSource {
  readonly kind = 'graph' as const;
  private readonly client: Client;
  private readonly baseUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The token provider's last failure: the Graph client wraps errors thrown inside middleware. */
  private authFailure: unknown;
  private waitedMs = 0;
  /** Only with `push`: notifications reach the HTTP server, so `onChange` is never called from here. */
  readonly watch?: MailSource['watch'];

  constructor(private readonly options: GraphSourceOptions) {
    this.baseUrl = options.baseUrl ?? GRAPH_BASE_URL;
    this.sleep = options.sleep ?? defaultSleep;
    const tokens: GraphTokenProvider = {
      getAccessToken: async (o) => {
        try {
          return await options.tokens.getAccessToken(o);
        } catch (e) {
          this.authFailure = e;
          throw e;
        }
      },
    };
    this.client = createGraphClient(tokens, this.baseUrl);
    const push = options.push;
    if (push) this.watch = () => watchGraphInbox(this.client, push);
  }

  async initialCursor(connectedAt: Date): Promise<MailCursor> {
    const cursor: GraphCursor = { v: 1, connectedAt: connectedAt.toISOString(), links: {} };
    return { ...cursor };
  }

  async fetchChanges(cursor: MailCursor, options: { limit?: number } = {}): Promise<MailBatch> {
    const state = readCursor(cursor);
    const limit = Math.max(1, options.limit ?? 500);
    const collected: Collected[] = [];
    const seen = new Set<string>();
    this.waitedMs = 0;
    let more = false;
    for (const [name, folder] of FOLDERS) {
      if (collected.length >= limit) {
        more = true;
        break;
      }
      const stopped = await this.readFolder(name, folder, state, limit, collected, seen);
      if (stopped) {
        more = true;
        break;
      }
    }
    const messages = await this.complete(collected);
    const ids = new WeakMap(messages.map((m, i) => [m, collected[i]!.item.id]));
    const withFiles = new WeakSet<MailMessage>();
    messages.forEach((m, i) => {
      if (collected[i]!.item.hasAttachments && (m.attachments?.length ?? 0) > 0) withFiles.add(m);
    });
    // Attachment content is read only for the saves at `full` (the rules read names at most).
    const withBody = async (message: MailMessage): Promise<MailMessage> => {
      const id = ids.get(message);
      return id && withFiles.has(message)
        ? { ...message, attachments: await this.attachmentFiles(id) }
        : message;
    };
    return { messages, cursor: { ...state }, more, withBody, sourceIdOf: (message) => ids.get(message) };
  }

  /**
   * GET /me/messages/{immutable id} with its body as text and its attachments' content (read again for a save at
   * `full`); undefined once deleted.
   */
  async fetchMessage(sourceId: string, folder: Folder): Promise<MailMessage | undefined> {
    this.waitedMs = 0;
    let item: GraphMessage;
    try {
      item = (await this.call(() =>
        this.client
          .api(`/me/messages/${encodeURIComponent(sourceId)}`)
          .header('Prefer', 'IdType="ImmutableId", outlook.body-content-type="text"')
          .select([...SELECT, 'body'])
          .get(),
      )) as GraphMessage;
    } catch (e) {
      if (graphStatus(e) === 404) return undefined;
      throw this.failure(e);
    }
    const message = (await this.complete([{ item, folder }]))[0];
    if (!message || !item.hasAttachments || (message.attachments?.length ?? 0) === 0) return message;
    return { ...message, attachments: await this.attachmentFiles(sourceId) };
  }

  /**
   * The inbox's newest message from `address`, with its body as text. Graph refuses an `$orderby` whose property
   * is not the `$filter`'s first (InefficientFilter), so the filter names receivedDateTime before the sender.
   */
  async latestFrom(address: string): Promise<MailMessage | undefined> {
    this.waitedMs = 0;
    const quoted = address.replace(/'/g, "''");
    let page: { value?: GraphMessage[] };
    try {
      page = (await this.call(() =>
        this.client
          .api('/me/mailFolders/inbox/messages')
          .header('Prefer', 'IdType="ImmutableId", outlook.body-content-type="text"')
          .select([...SELECT, 'body'])
          .filter(`receivedDateTime ge 1900-01-01T00:00:00Z and from/emailAddress/address eq '${quoted}'`)
          .orderby('receivedDateTime desc')
          .top(1)
          .get(),
      )) as { value?: GraphMessage[] };
    } catch (e) {
      throw this.failure(e);
    }
    const item = page.value?.[0];
    return item ? (await this.complete([{ item, folder: 'inbox' }]))[0] : undefined;
  }

  /** A message's attachments with the files' content (fileAttachment.contentBytes; item and reference attachments
   * have none, and are named only). */
  private async attachmentFiles(id: string): Promise<NonNullable<MailMessage['attachments']>> {
    const res = (await this.call(() =>
      this.client.api(`/me/messages/${encodeURIComponent(id)}/attachments`).get(),
    )) as {
      value?: (GraphAttachment & { '@odata.type'?: string; contentBytes?: string; isInline?: boolean })[];
    };
    return (res.value ?? []).map((a) => ({
      name: a.name ?? 'attachment',
      size: a.size ?? 0,
      contentType: a.contentType ?? 'application/octet-stream',
      ...(a['@odata.type'] === '#microsoft.graph.fileAttachment' && typeof a.contentBytes === 'string'
        ? { content: a.contentBytes }
        : {}),
    }));
  }

  async close(): Promise<void> {}

  /** Reads one folder's delta into `collected`; true when it stopped at the limit with pages left. */
  private async readFolder(
    name: string,
    folder: Folder,
    state: GraphCursor,
    limit: number,
    collected: Collected[],
    seen: Set<string>,
  ): Promise<boolean> {
    if (await this.catchUp(name, folder, state, limit, collected, seen)) return true;
    let link = state.links[name];
    let restarts = 0;
    for (;;) {
      let page: { value?: GraphMessage[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      try {
        const since = state.since?.[name] ?? state.connectedAt;
        page = await this.call(() => this.deltaRequest(name, link, since, limit - collected.length));
      } catch (e) {
        // Sync state lost (410 Gone, or a 40X with a sync-state code): start again from the folder's mark.
        if (syncStateLost(e) && restarts++ < 2) {
          startResync(state, name);
          if (await this.catchUp(name, folder, state, limit, collected, seen)) return true;
          link = undefined;
          continue;
        }
        const status =
          graphStatus(e) ?? (e instanceof MailSourceError && e.kind === 'not_found' ? 404 : undefined);
        // No such folder (a mailbox without an Archive folder, or one removed): nothing to read there.
        if (status === 404) {
          delete state.links[name];
          return false;
        }
        throw this.failure(e);
      }
      for (const item of page.value ?? []) {
        if (item['@removed']) continue;
        noteReceived(state, name, item.receivedDateTime);
        if (replayed(state, name, item.id) || seen.has(item.id)) continue;
        seen.add(item.id);
        collected.push({ item, folder });
      }
      const next = page['@odata.nextLink'];
      const delta = page['@odata.deltaLink'];
      if (next) {
        state.links[name] = next;
        link = next;
        if (collected.length >= limit) return true;
        continue;
      }
      if (delta) {
        state.links[name] = delta;
        completeRound(state, name);
      }
      return false;
    }
  }

  /** The folder's resync catch-up (graph-catchup.ts) into `collected`; true when it stopped at the limit. */
  private catchUp(
    name: string,
    folder: Folder,
    state: GraphCursor,
    limit: number,
    collected: Collected[],
    seen: Set<string>,
  ): Promise<boolean> {
    const list = (from: string, until: string, top: number) =>
      this.call(() => this.listRequest(name, from, until, top)).catch((e: unknown) => {
        throw this.failure(e);
      }) as Promise<{ value?: GraphMessage[] }>;
    return readCatchup(
      state,
      name,
      list,
      () => limit - collected.length,
      (item) => {
        if (seen.has(item.id)) return;
        seen.add(item.id);
        collected.push({ item, folder });
      },
    );
  }

  private listRequest(name: string, from: string, until: string, top: number) {
    const prefer = ['IdType="ImmutableId"'];
    if (this.options.bodies !== false) prefer.push('outlook.body-content-type="text"');
    return this.client
      .api(`/me/mailFolders/${name}/messages`)
      .header('Prefer', prefer.join(', '))
      .select(this.options.bodies !== false ? [...SELECT, 'body'] : SELECT)
      .filter(`receivedDateTime ge ${from} and receivedDateTime lt ${until}`)
      .orderby('receivedDateTime')
      .top(top)
      .get();
  }

  private deltaRequest(name: string, link: string | undefined, since: string, room: number) {
    const pageSize = Math.max(1, Math.min(this.options.pageSize ?? 50, room));
    const prefer = [`odata.maxpagesize=${pageSize}`, 'IdType="ImmutableId"'];
    if (this.options.bodies !== false) prefer.push('outlook.body-content-type="text"');
    if (link) return this.client.api(linkPath(link, this.baseUrl)).header('Prefer', prefer.join(', ')).get();
    // changeType=created: read-flag and other updates would only repeat messages already seen.
    return this.client
      .api(`/me/mailFolders/${name}/messages/delta`)
      .header('Prefer', prefer.join(', '))
      .query({ changeType: 'created' })
      .select(this.options.bodies !== false ? [...SELECT, 'body'] : SELECT)
      .filter(`receivedDateTime ge ${since}`)
      .get();
  }

  /**
   * Header fields and attachment names the delta left out, through $batch. Rule 4a reads an inbound email's header
   * fields. The copy in Sent Items has none (Graph returns no internetMessageHeaders there); the rep's Save when sent
   * mark (`x-liaison-save`, issue 18), set by the compose pane, is kept on that copy as a named property of the
   * internet headers' property set, read as a single-value extended property.
   */
  private async complete(collected: Collected[]): Promise<MailMessage[]> {
    const steps: { id: string; url: string }[] = [];
    collected.forEach(({ item, folder }, i) => {
      const id = encodeURIComponent(item.id);
      if (folder === 'sent') {
        steps.push({ id: `m${i}`, url: `/me/messages/${id}?$select=id&$expand=${SAVE_MARK_EXPAND}` });
      } else if (item.internetMessageHeaders === undefined) {
        steps.push({ id: `h${i}`, url: `/me/messages/${id}?$select=internetMessageHeaders` });
      }
      if (this.options.attachments !== false && item.hasAttachments) {
        steps.push({
          id: `a${i}`,
          url: `/me/messages/${encodeURIComponent(item.id)}/attachments?$select=name,size,contentType`,
        });
      }
    });
    const answers = await this.batch(steps);
    return collected.map(({ item, folder }, i) => {
      const extra: { headers?: { name: string; value: string }[]; attachments?: GraphAttachment[] } = {};
      const h = answers.get(`h${i}`) as
        { internetMessageHeaders?: { name: string; value: string }[] } | undefined;
      if (h) extra.headers = h.internetMessageHeaders ?? [];
      const m = answers.get(`m${i}`) as { singleValueExtendedProperties?: { value?: string }[] } | undefined;
      const mark = m?.singleValueExtendedProperties?.[0]?.value;
      if (m) extra.headers = mark ? [{ name: SAVE_WHEN_SENT_HEADER, value: mark }] : [];
      const a = answers.get(`a${i}`) as { value?: GraphAttachment[] } | undefined;
      if (a) extra.attachments = a.value ?? [];
      return graphToMailMessage(item, folder, extra);
    });
  }

  /** Runs GET steps through `$batch`, 20 at a time, retrying throttled steps after their Retry-After. */
  private async batch(steps: { id: string; url: string }[]): Promise<Map<string, unknown>> {
    const answers = new Map<string, unknown>();
    let pending = steps;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ATTEMPTS)
        throw new MailSourceError(
          'unavailable',
          `Microsoft Graph kept failing ${pending.length} $batch steps`,
        );
      const retry: { id: string; url: string }[] = [];
      let waitMs = 0;
      for (let i = 0; i < pending.length; i += 20) {
        const chunk = pending.slice(i, i + 20);
        const body = {
          requests: chunk.map((s) => ({
            id: s.id,
            method: 'GET',
            url: s.url,
            headers: { Prefer: 'IdType="ImmutableId"' },
          })),
        };
        const out = (await this.call(() => this.client.api('/$batch').post(body))) as {
          responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
        };
        for (const r of out.responses ?? []) {
          if (r.status >= 200 && r.status < 300) answers.set(r.id, r.body);
          else if (r.status === 404)
            continue; // deleted since the delta: map it without the extras
          else if (r.status === 429 || r.status === 503) {
            const step = chunk.find((s) => s.id === r.id);
            if (step) retry.push(step);
            const header = Object.entries(r.headers ?? {}).find(
              ([k]) => k.toLowerCase() === 'retry-after',
            )?.[1];
            waitMs = Math.max(waitMs, retryAfterMs(header, 1000));
          } else {
            const error = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
            throw apiError(
              Object.assign(new Error(error?.message ?? 'batch step failed'), {
                statusCode: r.status,
                code: error?.code,
              }),
            );
          }
        }
      }
      if (retry.length > 0) await this.wait(waitMs, 'a $batch step');
      pending = retry;
    }
    return answers;
  }

  /** One Graph call, honouring Retry-After on 429/503 within the wait budget, retrying 5xx twice. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.authFailure = undefined;
      try {
        return await run();
      } catch (e) {
        if (this.authFailure !== undefined) throw this.authFailure;
        const status = graphStatus(e);
        const header = (e as { headers?: { get(n: string): string | null } }).headers?.get('retry-after');
        const retryable =
          status === 429 || (status !== undefined && status >= 500 && (header || attempt < 2));
        if (retryable && attempt < MAX_ATTEMPTS - 1) {
          await this.wait(retryAfterMs(header, 1000 * 2 ** attempt), 'Microsoft Graph', e);
          continue;
        }
        throw e;
      }
    }
  }

  private async wait(ms: number, what: string, cause?: unknown): Promise<void> {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (this.waitedMs + ms > cap) {
      throw new MailSourceError('rate_limited', `${what} asked to wait ${ms} ms`, ms, { cause });
    }
    this.waitedMs += ms;
    await this.sleep(ms);
  }

  private failure(e: unknown): MailSourceError {
    return apiError(e);
  }
}
