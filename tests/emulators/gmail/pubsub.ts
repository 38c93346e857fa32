/**
 * The Gmail emulator's push: `users.watch` / `users.stop`, and, playing Cloud Pub/Sub, a push to the subscription's
 * endpoint when a watched label changes: `{ message: { data: base64 {"emailAddress","historyId"}, messageId,
 * publishTime }, subscription }` with an OIDC token for the subscription's service account, signed by the test's
 * local Google-style key. Test equipment only.
 */
import type { JWTPayload } from 'jose';
import { GoogleApiError } from './errors';
import type { GmailStore, HistoryRecord } from './store';

export interface PubSubPush {
  /** The push subscription's endpoint. */
  endpoint: string;
  /** The push subscription's service account: the token's `email`. */
  serviceAccount: string;
  /** The token's `aud` (Pub/Sub's default: the endpoint). */
  audience?: string;
  /** Signs Google ID tokens (tests/support/oidc: OidcTestServer). */
  signer: { googleToken(claims: { aud: string } & JWTPayload): Promise<string> };
  subscription?: string;
}

export interface PubSubSettings {
  /** The only topic that exists. */
  topic: string;
  /** Whether gmail-api-push@system.gserviceaccount.com may publish to it (default true); false: watch is 403. */
  publisherGranted?: boolean;
  /** Where the topic's push subscription posts; absent: watches work but nothing is pushed. */
  push?: PubSubPush;
}

export interface Delivery {
  emailAddress: string;
  historyId: number;
  status: number;
  /** The Authorization header sent. */
  authorization: string;
}

interface Watch {
  topicName: string;
  labelIds: string[];
  behavior: 'include' | 'exclude';
  expiration: number;
}

export class GmailPubSub {
  settings: PubSubSettings | undefined;
  /** How long a watch lasts (Gmail: 7 days). */
  watchLifetimeMs = 7 * 24 * 3_600_000;
  watch: Watch | undefined;
  readonly deliveries: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private nextMessageId = 2_070_443_601_311_540;

  constructor(private readonly store: GmailStore) {
    store.listeners.push((record) => this.changed(record));
  }

  /** POST users/me/watch. */
  startWatch(body: unknown): { historyId: string; expiration: string } {
    const b = (body ?? {}) as {
      topicName?: unknown;
      labelIds?: unknown;
      labelFilterBehavior?: unknown;
      labelFilterAction?: unknown;
    };
    const topicName = typeof b.topicName === 'string' ? b.topicName : '';
    if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(topicName))
      throw new GoogleApiError(
        400,
        'invalidArgument',
        `Invalid topicName does not match projects/SOME-PROJECT/topics/*`,
      );
    if (!this.settings || this.settings.topic !== topicName)
      throw new GoogleApiError(404, 'notFound', `Resource not found (resource=${topicName.split('/')[3]}).`);
    if (this.settings.publisherGranted === false)
      throw new GoogleApiError(403, 'forbidden', 'User not authorized to perform this action.');
    const behavior = b.labelFilterBehavior ?? b.labelFilterAction ?? 'include';
    if (behavior !== 'include' && behavior !== 'exclude')
      throw new GoogleApiError(400, 'invalidArgument', `Invalid labelFilterBehavior ${String(behavior)}`);
    const labelIds = Array.isArray(b.labelIds) ? b.labelIds.map(String) : [];
    this.watch = { topicName, labelIds, behavior, expiration: Date.now() + this.watchLifetimeMs };
    return { historyId: String(this.store.historyId), expiration: String(this.watch.expiration) };
  }

  /** POST users/me/stop. */
  stopWatch(): void {
    this.watch = undefined;
  }

  /** Resolves once every push started so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private changed(record: HistoryRecord): void {
    const watch = this.watch;
    const push = this.settings?.push;
    if (!watch || !push || watch.expiration <= Date.now() || record.type === 'messageDeleted') return;
    const labels = [...record.labelIds, ...(this.store.messages.get(record.messageId)?.labelIds ?? [])];
    const hit = watch.labelIds.length === 0 || watch.labelIds.some((l) => labels.includes(l));
    if (watch.behavior === 'include' ? !hit : hit) return;
    const sending = this.deliver(push, record.id).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  private async deliver(push: PubSubPush, historyId: number): Promise<void> {
    const emailAddress = this.store.email;
    const messageId = String(this.nextMessageId++);
    const publishTime = new Date().toISOString();
    const token = await push.signer.googleToken({
      aud: push.audience ?? push.endpoint,
      azp: '106757830282963004478',
      sub: '106757830282963004478',
      email: push.serviceAccount,
      email_verified: true,
      hd: undefined,
      at_hash: undefined,
    });
    const authorization = `Bearer ${token}`;
    let status = 0;
    try {
      const res = await fetch(push.endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          message: {
            data: Buffer.from(JSON.stringify({ emailAddress, historyId })).toString('base64'),
            messageId,
            message_id: messageId,
            publishTime,
            publish_time: publishTime,
          },
          subscription: push.subscription ?? 'projects/liaison-test/subscriptions/gmail-push',
        }),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0; // the endpoint did not answer: Pub/Sub would retry later; the emulator only records it
    }
    this.deliveries.push({ emailAddress, historyId, status, authorization });
  }
}
