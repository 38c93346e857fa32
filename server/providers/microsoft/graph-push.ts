/**
 * Keeps a Graph mailbox's inbox subscription alive while a worker holds its source, so change notifications reach
 * the HTTP server (graph-notification-routes.ts), which brings the mailbox's run forward. The watch itself
 * never calls onChange: notifications arrive over HTTP, at whichever process serves them.
 *
 * Several workers may hold the same mailbox's source, so the subscription lives in a shared store (mailbox_push,
 * passed in as functions: this file knows no database): a live one is reused, and a renewal is claimed in the store
 * first (an optimistic update on the expiry), so only one worker PATCHes Graph; the others just reload. Failures
 * are logged and retried later: polling works without push.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { graphStatus } from './graph-errors';
import {
  createInboxSubscription,
  deleteSubscription,
  newClientState,
  renewSubscription,
} from './graph-subscriptions';

export interface GraphPushRecord {
  subscriptionId: string;
  expiresAt: string;
}

export interface GraphPushStore {
  /** The mailbox's stored Graph subscription (undefined: none yet, or the mailbox is gone). */
  load(): Promise<GraphPushRecord | undefined>;
  /** Stores a new subscription (only a hash of clientState is kept). */
  save(record: { subscriptionId: string; clientState: string; expiresAt: Date }): Promise<void>;
  /** Moves the stored expiry only if it is still `previousExpiresAt`: true when this call won. */
  renew(previousExpiresAt: string, expiresAt: Date): Promise<boolean>;
}

export interface GraphPushOptions {
  /** Where Graph posts notifications (https in production; Graph validates it when subscribing). */
  notificationUrl: string;
  store: GraphPushStore;
  /** Lifetime asked for a new or renewed subscription (default 70 h: within every documented mail maximum). */
  lifetimeMs?: number;
  /** Renew this long before expiry (default 2 h). */
  renewBeforeMs?: number;
  /** A stored subscription is reused only if it lives at least this much longer (default 1 h). */
  reuseMinMs?: number;
  /** Wait before trying again after a failure (default 10 min). */
  retryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

const HOUR = 60 * 60 * 1000;

export async function watchGraphInbox(
  client: Client,
  options: GraphPushOptions,
): Promise<{ stop(): Promise<void> }> {
  const lifetimeMs = options.lifetimeMs ?? 70 * HOUR;
  const renewBeforeMs = options.renewBeforeMs ?? 2 * HOUR;
  const reuseMinMs = options.reuseMinMs ?? HOUR;
  const retryMs = options.retryMs ?? 10 * 60 * 1000;
  const { store } = options;
  const log = options.log ?? (() => {});
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let known: GraphPushRecord | undefined;

  const at = (record: GraphPushRecord) => Date.parse(record.expiresAt);
  const same = (a: GraphPushRecord | undefined, b: GraphPushRecord | undefined) =>
    a !== undefined && b !== undefined && a.subscriptionId === b.subscriptionId && at(a) === at(b);
  const live = (record: GraphPushRecord | undefined): record is GraphPushRecord =>
    record !== undefined && at(record) - Date.now() > reuseMinMs;

  const schedule = (ms: number, step: () => Promise<void>, what: string) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (stopped) return;
        step().catch((error: unknown) => {
          log(`Microsoft Graph subscription: ${what} failed; trying again later`, error);
          schedule(retryMs, step, what);
        });
      },
      Math.max(0, ms),
    );
    timer.unref();
  };
  const planRenewal = () => {
    if (known) schedule(at(known) - renewBeforeMs - Date.now(), renew, 'renewal');
  };

  /** Subscribes afresh (instead of `replacing`), unless another worker stored a live one meanwhile. */
  const create = async (replacing: GraphPushRecord | undefined) => {
    const clientState = newClientState();
    const created = await createInboxSubscription(client, {
      notificationUrl: options.notificationUrl,
      clientState,
      expiresAt: new Date(Date.now() + lifetimeMs),
    });
    const now = await store.load();
    if (live(now) && !same(now, replacing)) {
      await deleteSubscription(client, created.id).catch(() => undefined);
      known = now;
      return planRenewal();
    }
    try {
      await store.save({ subscriptionId: created.id, clientState, expiresAt: created.expiresAt });
    } catch (error) {
      // The mailbox was disconnected meanwhile (the row is gone): leave nothing behind at Graph.
      await deleteSubscription(client, created.id).catch(() => undefined);
      throw error;
    }
    known = { subscriptionId: created.id, expiresAt: created.expiresAt.toISOString() };
    planRenewal();
  };

  const ensure = async () => {
    const stored = await store.load();
    if (live(stored)) {
      known = stored;
      return planRenewal();
    }
    await create(stored);
  };

  const renew = async () => {
    const stored = await store.load();
    // Disconnected (the row cascades with the mailbox): nothing to renew, and never a new one.
    if (!stored) return;
    if (!same(stored, known)) {
      // Another worker renewed or replaced it: follow the store.
      known = stored;
      if (at(stored) - Date.now() > renewBeforeMs) return planRenewal();
    }
    const next = new Date(Date.now() + lifetimeMs);
    if (!(await store.renew(stored.expiresAt, next))) {
      known = await store.load();
      return planRenewal();
    }
    try {
      const granted = await renewSubscription(client, stored.subscriptionId, next);
      known = { subscriptionId: stored.subscriptionId, expiresAt: next.toISOString() };
      // Graph may grant less than asked: store what it said, so the next renewal comes in time.
      if (granted.getTime() < next.getTime() && (await store.renew(next.toISOString(), granted)))
        known = { subscriptionId: stored.subscriptionId, expiresAt: granted.toISOString() };
      planRenewal();
    } catch (error) {
      const claimed = { subscriptionId: stored.subscriptionId, expiresAt: next.toISOString() };
      // Gone at Graph (expired, or deleted elsewhere): subscribe again.
      if (graphStatus(error) === 404) return create(claimed);
      // Give the claim back, so this or another worker tries again before the real expiry.
      await store.renew(claimed.expiresAt, new Date(stored.expiresAt)).catch(() => false);
      known = stored;
      throw error;
    }
  };

  try {
    await ensure();
  } catch (error) {
    log('Microsoft Graph subscription could not be made; the mailbox is polled meanwhile', error);
    schedule(retryMs, ensure, 'subscribing');
  }
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
