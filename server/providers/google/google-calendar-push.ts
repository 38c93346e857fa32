/**
 * A Google calendar's change notifications: a push channel on its events (`events.watch`, type `web_hook`,
 * https://developers.google.com/calendar/api/guides/push), kept by the calendar's runs (CalendarPush). Google
 * channels cannot be renewed: once the stored one has less than `renewBelowMs` left, a run opens a new channel,
 * stores it, and only then stops the old one (`channels.stop`, with the resourceId Google gave it), so no change
 * falls between the two. The channel's token is a secret only Google and Liaison know: Google echoes it in
 * X-Goog-Channel-Token, and only its SHA-256 is stored. Notifications arrive at google-calendar-notification-routes.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarPush } from '../calendar-source';

export interface GoogleChannelRecord {
  subscriptionId: string;
  resourceId: string | null;
  expiresAt: string;
}

export interface GoogleCalendarPushStore {
  load(): Promise<GoogleChannelRecord | undefined>;
  save(record: { subscriptionId: string; secret: string; resourceId: string; expiresAt: Date }): Promise<void>;
  /** Moves the stored expiry only if it is still `previousExpiresAt`: true when this call won. */
  renew(previousExpiresAt: string, expiresAt: Date): Promise<boolean>;
  /** Forgets this channel (not a replacement stored meanwhile). */
  remove(subscriptionId: string): Promise<void>;
}

export interface GoogleCalendarPushOptions {
  /** Where Google posts (https with a valid certificate in production). */
  address: string;
  store: GoogleCalendarPushStore;
  /** The channel's lifetime asked for (`params.ttl`; default 7 days). Google may grant less. */
  lifetimeMs?: number;
  /** Replaced at the first run with less than this left (default 24 h). */
  renewBelowMs?: number;
  now?: () => Date;
}

const HOUR = 3_600_000;

export function googleCalendarPush(api: calendar_v3.Calendar, options: GoogleCalendarPushOptions): CalendarPush {
  const { store } = options;
  const lifetimeMs = options.lifetimeMs ?? 7 * 24 * HOUR;
  const renewBelowMs = options.renewBelowMs ?? 24 * HOUR;
  const now = () => (options.now ? options.now().getTime() : Date.now());

  const stopChannel = async (channel: GoogleChannelRecord) => {
    if (!channel.resourceId) return;
    try {
      await api.channels.stop({ requestBody: { id: channel.subscriptionId, resourceId: channel.resourceId } });
    } catch {
      // Expired or stopped already, or Google unreachable: the channel lapses at its expiry anyway.
    }
  };

  const open = async () => {
    const id = randomUUID();
    const token = randomBytes(48).toString('base64url');
    const asked = now() + lifetimeMs;
    const { data } = await api.events.watch({
      calendarId: 'primary',
      requestBody: {
        id,
        type: 'web_hook',
        address: options.address,
        token,
        params: { ttl: String(Math.floor(lifetimeMs / 1000)) },
      },
    });
    if (!data.resourceId) throw new Error('Google Calendar opened a channel without a resourceId');
    const granted = Number(data.expiration);
    const expiresAt = new Date(Number.isFinite(granted) && granted > 0 ? Math.min(granted, asked) : asked);
    const channel = { subscriptionId: id, resourceId: data.resourceId, expiresAt: expiresAt.toISOString() };
    try {
      await store.save({ subscriptionId: id, secret: token, resourceId: data.resourceId, expiresAt });
    } catch (error) {
      // The mailbox was disconnected meanwhile: leave nothing behind at Google.
      await stopChannel(channel);
      throw error;
    }
  };

  return {
    async keep() {
      const stored = await store.load();
      if (!stored) return open();
      if (Date.parse(stored.expiresAt) - now() > renewBelowMs) return;
      // Claimed first, so of two racing runs one opens the new channel: the stored expiry is moved to look live for
      // a quarter of an hour more than the renewal margin (a run that stops half-way is taken over after that).
      const claim = new Date(now() + renewBelowMs + 15 * 60_000);
      if (!(await store.renew(stored.expiresAt, claim))) return;
      try {
        await open();
      } catch (error) {
        await store.renew(claim.toISOString(), new Date(stored.expiresAt)).catch(() => false);
        throw error;
      }
      await stopChannel(stored);
    },
    async stop() {
      const stored = await store.load();
      if (!stored) return;
      await stopChannel(stored);
      await store.remove(stored.subscriptionId);
    },
  };
}
