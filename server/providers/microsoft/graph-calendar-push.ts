/**
 * A Microsoft 365 calendar's change notifications: a Graph subscription on the user's events (every change type),
 * kept by the calendar's runs (CalendarPush): each run finds it live and does nothing, or renews it when it has less
 * than `renewBelowMs` left, or subscribes afresh when there is none or Graph lost it (404 on renewal). Runs of one
 * mailbox are serialised by its lock; the renewal is still claimed in the store first (an optimistic update on the
 * expiry), as the mail's watch does, so a run of a worker that lost the lock cannot renew twice. Notifications
 * arrive at graph-notification-routes.ts, which finds the mailbox by subscription id whatever it watches.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarPush } from '../calendar-source';
import { graphStatus } from './graph-errors';
import type { GraphPushRecord } from './graph-push';
import {
  createSubscription,
  deleteSubscription,
  EVENTS_RESOURCE,
  newClientState,
  renewSubscription,
} from './graph-subscriptions';

export interface GraphCalendarPushStore {
  load(): Promise<GraphPushRecord | undefined>;
  save(record: { subscriptionId: string; clientState: string; expiresAt: Date }): Promise<void>;
  renew(previousExpiresAt: string, expiresAt: Date): Promise<boolean>;
  /** Forgets this subscription (not a replacement stored meanwhile). */
  remove(subscriptionId: string): Promise<void>;
}

export interface GraphCalendarPushOptions {
  notificationUrl: string;
  store: GraphCalendarPushStore;
  /** Lifetime asked for (default 70 h, within Graph's documented maximum for events). */
  lifetimeMs?: number;
  /** Renewed at the first run with less than this left (default 24 h). */
  renewBelowMs?: number;
  now?: () => Date;
}

const HOUR = 3_600_000;

export function graphCalendarPush(client: Client, options: GraphCalendarPushOptions): CalendarPush {
  const { store } = options;
  const lifetimeMs = options.lifetimeMs ?? 70 * HOUR;
  const renewBelowMs = options.renewBelowMs ?? 24 * HOUR;
  const now = () => (options.now ? options.now().getTime() : Date.now());

  const subscribe = async (expiresAt: Date) => {
    const clientState = newClientState();
    const created = await createSubscription(client, {
      resource: EVENTS_RESOURCE,
      changeType: 'created,updated,deleted',
      notificationUrl: options.notificationUrl,
      clientState,
      expiresAt,
    });
    try {
      await store.save({ subscriptionId: created.id, clientState, expiresAt: created.expiresAt });
    } catch (error) {
      // The mailbox was disconnected meanwhile: leave nothing behind at Graph.
      await deleteSubscription(client, created.id).catch(() => undefined);
      throw error;
    }
  };

  return {
    async keep() {
      const stored = await store.load();
      const left = stored ? Date.parse(stored.expiresAt) - now() : -1;
      if (stored && left > renewBelowMs) return;
      const next = new Date(now() + lifetimeMs);
      if (!stored || left <= 0) return subscribe(next);
      if (!(await store.renew(stored.expiresAt, next))) return;
      try {
        const granted = await renewSubscription(client, stored.subscriptionId, next);
        // Graph may grant less than asked: keep what it said, so the renewal comes in time.
        if (granted.getTime() < next.getTime()) await store.renew(next.toISOString(), granted);
      } catch (error) {
        if (graphStatus(error) === 404) return subscribe(next);
        // Give the claim back: the next run tries again before the real expiry.
        await store.renew(next.toISOString(), new Date(stored.expiresAt)).catch(() => false);
        throw error;
      }
    },
    async stop() {
      const stored = await store.load();
      if (!stored) return;
      await deleteSubscription(client, stored.subscriptionId).catch(() => undefined);
      await store.remove(stored.subscriptionId);
    },
  };
}
