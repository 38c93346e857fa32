/**
 * Push channels on the primary calendar's events, as https://developers.google.com/calendar/api/guides/push documents
 * them: `events.watch` (POST calendars/{id}/events/watch with a Channel: id, type `web_hook`, address, token,
 * params.ttl) answers the channel with a resourceId and an expiration (ms since the epoch, as a string), and posts a
 * `sync` message at once; every later change to an event posts an `exists` message to every live channel, with no
 * body and the X-Goog-* headers. `channels.stop` (POST channels/stop with id and resourceId) ends one. Outgoing
 * posts are logged as `calendar.notification`, `outgoing`. Test equipment only.
 */
import { randomBytes } from 'node:crypto';
import { GoogleApiError } from '../gmail/errors';
import type { RequestLog } from '../graph/request-log';
import type { GoogleCalendar } from './calendar';

export interface StoredChannel {
  id: string;
  resourceId: string;
  address: string;
  token?: string;
  expiration: number;
  messageNumber: number;
}

/** The longest lifetime granted (a longer ttl is cut to it). */
export const MAX_CHANNEL_MS = 7 * 24 * 3_600_000;
const DEFAULT_CHANNEL_MS = 7 * 24 * 3_600_000;
const CHANNEL_ID = /^[A-Za-z0-9\-_+/=]{1,64}$/;

export class GoogleCalendarChannels {
  readonly items = new Map<string, StoredChannel>();
  private readonly pending = new Set<Promise<void>>();
  /** The calendar's resourceId (Google gives one per watched collection). */
  private readonly resourceId = randomBytes(14).toString('base64url');

  constructor(
    calendar: GoogleCalendar,
    private readonly log: RequestLog,
    private readonly email: string,
  ) {
    calendar.onChanged(() => {
      for (const channel of this.live()) this.post(channel, 'exists');
    });
  }

  live(): StoredChannel[] {
    const now = Date.now();
    return [...this.items.values()].filter((c) => c.expiration > now);
  }

  /** Resolves once every notification sent so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  watch(body: Record<string, unknown>): Record<string, unknown> {
    const id = typeof body.id === 'string' ? body.id : '';
    if (!CHANNEL_ID.test(id)) throw new GoogleApiError(400, 'invalid', 'Invalid channel id.');
    if (body.type !== 'web_hook' && body.type !== 'webhook')
      throw new GoogleApiError(400, 'invalid', 'Invalid channel type.');
    const address = typeof body.address === 'string' ? body.address : '';
    try {
      new URL(address);
    } catch {
      throw new GoogleApiError(400, 'push.webhookUrlNotHttps', 'WebHook callback must be HTTPS: ' + address);
    }
    if ([...this.items.values()].some((c) => c.id === id))
      throw new GoogleApiError(400, 'channelIdNotUnique', 'Channel id not unique.');
    const token = typeof body.token === 'string' ? body.token : undefined;
    if (token !== undefined && token.length > 256)
      throw new GoogleApiError(400, 'invalid', 'Token too long.');
    const params = (body.params ?? {}) as Record<string, unknown>;
    const ttlMs = typeof params.ttl === 'string' ? Number(params.ttl) * 1000 : DEFAULT_CHANNEL_MS;
    const channel: StoredChannel = {
      id,
      resourceId: this.resourceId,
      address,
      ...(token !== undefined ? { token } : {}),
      expiration:
        Date.now() +
        Math.min(Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : DEFAULT_CHANNEL_MS, MAX_CHANNEL_MS),
      messageNumber: 0,
    };
    this.items.set(id, channel);
    this.post(channel, 'sync');
    return {
      kind: 'api#channel',
      id,
      resourceId: channel.resourceId,
      resourceUri: this.resourceUri(),
      ...(token !== undefined ? { token } : {}),
      expiration: String(channel.expiration),
    };
  }

  /** channels.stop: 204; a channel that does not exist (or another resource's) is 404. */
  stop(body: Record<string, unknown>): undefined {
    const channel = typeof body.id === 'string' ? this.items.get(body.id) : undefined;
    if (!channel || channel.resourceId !== body.resourceId)
      throw new GoogleApiError(404, 'notFound', `Channel '${String(body.id)}' not found for project`);
    this.items.delete(channel.id);
    return undefined;
  }

  private resourceUri(): string {
    return `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(this.email)}/events?alt=json`;
  }

  private post(channel: StoredChannel, state: 'sync' | 'exists'): void {
    const url = new URL(channel.address);
    const entry = this.log.record({
      kind: 'calendar.notification',
      method: 'POST',
      path: url.toString(),
      at: Date.now(),
      outgoing: true,
      headers: {},
    });
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': this.resourceUri(),
      'x-goog-resource-state': state,
      'x-goog-message-number': String(++channel.messageNumber),
    };
    if (channel.token !== undefined) headers['x-goog-channel-token'] = channel.token;
    const sent = fetch(url, { method: 'POST', headers, signal: AbortSignal.timeout(3000) })
      .then(async (res) => {
        entry.status = res.status;
        await res.arrayBuffer();
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
  }
}
