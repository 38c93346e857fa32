/**
 * The Graph emulator's change-notification subscriptions on messages and on the calendar's events: POST
 * /subscriptions (with the notificationUrl validation handshake), PATCH and DELETE /subscriptions/{id}, and a
 * notification POSTed to every live subscription when a message arrives in its folder, or when an event is created,
 * updated or deleted (`me/events`, for the change types it names). Outgoing requests are logged as `validation` and
 * `notification`, `outgoing`.
 */
import { randomUUID } from 'node:crypto';
import { GraphError } from './errors';
import type { LoggedRequest, RequestLog } from './request-log';
import type { GraphCalendar, StoredEvent } from './calendar';
import type { GraphStore, StoredMessage } from './store';

export interface StoredSubscription {
  id: string;
  resource: string;
  /** What it watches: messages (of one folder, or all for `me/messages`) or the calendar's events. */
  watches: 'messages' | 'events';
  /** The folder watched (undefined: every folder, for `me/messages`; none for events). */
  folderId: string | undefined;
  changeType: string;
  notificationUrl: string;
  clientState?: string;
  expirationDateTime: string;
}

/** Graph's documented maximum for Outlook messages. */
const MAX_MINUTES = 10080;
const CHANGE_TYPES = ['created', 'updated', 'deleted'];

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export class GraphSubscriptions {
  readonly items = new Map<string, StoredSubscription>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: GraphStore,
    private readonly log: RequestLog,
    private readonly tenant: string,
    private readonly applicationId: string,
    calendar?: GraphCalendar,
  ) {
    store.onAdded((message) => this.notify(message));
    calendar?.onChanged((event, change) => this.notifyEvent(event, change));
  }

  /** Subscriptions not yet expired. */
  live(): StoredSubscription[] {
    const now = Date.now();
    return [...this.items.values()].filter((s) => Date.parse(s.expirationDateTime) > now);
  }

  /** Resolves once every notification sent so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async create(raw: string): Promise<{ status: number; body: unknown }> {
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    const changeType = str(body.changeType) ?? '';
    const notificationUrl = str(body.notificationUrl) ?? '';
    const resource = str(body.resource) ?? '';
    const clientState = str(body.clientState);
    if (!changeType || changeType.split(',').some((t) => !CHANGE_TYPES.includes(t.trim())))
      throw new GraphError(400, 'InvalidRequest', `Invalid changeType '${changeType}'.`);
    let url: URL;
    try {
      url = new URL(notificationUrl);
    } catch {
      throw new GraphError(400, 'InvalidRequest', 'The notificationUrl is not a valid absolute URL.');
    }
    if (clientState !== undefined && clientState.length > 128)
      throw new GraphError(400, 'InvalidRequest', 'clientState can be at most 128 characters long.');
    const watches = /^\/?me\/events$/i.test(resource) ? 'events' : 'messages';
    const folderId = watches === 'events' ? undefined : this.folderOf(resource);
    const expirationDateTime = this.expiry(body.expirationDateTime);
    await this.validate(url);
    const subscription: StoredSubscription = {
      id: randomUUID(),
      resource,
      watches,
      folderId,
      changeType,
      notificationUrl,
      expirationDateTime,
      ...(clientState !== undefined ? { clientState } : {}),
    };
    this.items.set(subscription.id, subscription);
    return { status: 201, body: this.render(subscription) };
  }

  update(id: string, raw: string): { status: number; body: unknown } {
    const subscription = this.liveOne(id);
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    subscription.expirationDateTime = this.expiry(body.expirationDateTime);
    return { status: 200, body: this.render(subscription) };
  }

  remove(id: string): { status: number; body: unknown } {
    this.liveOne(id);
    this.items.delete(id);
    return { status: 204, body: undefined };
  }

  private liveOne(id: string): StoredSubscription {
    const subscription = this.items.get(id);
    if (!subscription || Date.parse(subscription.expirationDateTime) <= Date.now())
      throw new GraphError(404, 'ResourceNotFound', `The object was not found: subscription ${id}.`);
    return subscription;
  }

  /** `me/mailFolders('inbox')/messages`, `me/mailFolders/{id}/messages` or `me/messages` (a leading / allowed). */
  private folderOf(resource: string): string | undefined {
    const path = resource.replace(/^\//, '');
    if (/^me\/messages$/i.test(path)) return undefined;
    const m = /^me\/mailFolders(?:\('([^']+)'\)|\/([^/]+))\/messages$/i.exec(path);
    const name = m?.[1] ?? m?.[2];
    const folder = name ? this.store.folder(name) : undefined;
    if (!folder)
      throw new GraphError(400, 'InvalidRequest', `Resource '${resource}' is not supported (emulator).`);
    return folder.id;
  }

  private expiry(value: unknown): string {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(at))
      throw new GraphError(400, 'InvalidRequest', 'expirationDateTime is required and must be a date.');
    if (at <= Date.now())
      throw new GraphError(400, 'InvalidRequest', 'Subscription expiration can only be in the future.');
    if (at > Date.now() + MAX_MINUTES * 60_000)
      throw new GraphError(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`,
      );
    return new Date(at).toISOString();
  }

  /** The handshake: POST ?validationToken=… (text/plain); 200, text/plain and the decoded token, within 10 s. */
  private async validate(url: URL): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    const entry = this.outgoing('validation', target);
    let ok = false;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(10_000),
      });
      entry.status = res.status;
      const text = await res.text();
      ok =
        res.status === 200 && /^text\/plain/i.test(res.headers.get('content-type') ?? '') && text === token;
    } catch (e) {
      if ((e as { name?: string }).name === 'TimeoutError')
        throw new GraphError(400, 'InvalidRequest', 'Subscription validation request timed out.');
    }
    if (!ok)
      throw new GraphError(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );
  }

  /** A `created` notification to every live subscription watching the message's folder. */
  private notify(message: StoredMessage): void {
    for (const s of this.live()) {
      if (s.watches !== 'messages') continue;
      if (s.folderId !== undefined && s.folderId !== message.folderId) continue;
      if (!s.changeType.split(',').some((t) => t.trim() === 'created')) continue;
      const resource = `Users/${this.store.user.id}/Messages/${message.id}`;
      this.post(s, {
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: s.expirationDateTime,
            changeType: 'created',
            resource,
            clientState: s.clientState ?? null,
            tenantId: this.tenant,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Message',
              '@odata.id': resource,
              '@odata.etag': `W/"${message.changeKey}"`,
              id: message.id,
            },
          },
        ],
      });
    }
  }

  /** A notification to every live subscription on the events whose change types include this one. */
  private notifyEvent(event: StoredEvent, change: 'created' | 'updated' | 'deleted'): void {
    for (const s of this.live()) {
      if (s.watches !== 'events') continue;
      if (!s.changeType.split(',').some((t) => t.trim() === change)) continue;
      const resource = `Users/${this.store.user.id}/Events/${event.id}`;
      this.post(s, {
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: s.expirationDateTime,
            changeType: change,
            resource,
            clientState: s.clientState ?? null,
            tenantId: this.tenant,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Event',
              '@odata.id': resource,
              '@odata.etag': `W/"${String(event.json.changeKey)}"`,
              id: event.id,
            },
          },
        ],
      });
    }
  }

  private post(s: StoredSubscription, body: unknown): void {
    const url = new URL(s.notificationUrl);
    const entry = this.outgoing('notification', url);
    const sent = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    })
      .then(async (res) => {
        entry.status = res.status;
        await res.arrayBuffer();
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
  }

  private outgoing(kind: string, url: URL): LoggedRequest {
    return this.log.record({
      kind,
      method: 'POST',
      path: url.toString(),
      at: Date.now(),
      outgoing: true,
      headers: {},
    });
  }

  private render(s: StoredSubscription) {
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
      id: s.id,
      resource: s.resource,
      applicationId: this.applicationId,
      changeType: s.changeType,
      clientState: s.clientState ?? null,
      notificationUrl: s.notificationUrl,
      expirationDateTime: s.expirationDateTime,
      creatorId: this.store.user.id,
      latestSupportedTlsVersion: 'v1_2',
    };
  }
}
