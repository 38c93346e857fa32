import { deletePush, getPush } from '../../../../server/db/mailbox-push-repo';
import type { Mailbox } from '../../../../server/db/mailboxes-repo';
import type { DatabaseHandle } from '../../../../server/db/open-database';
import type { GraphPushOptions, GraphPushStore } from '../../../../server/providers/microsoft';
import { graphPushStore } from '../../../../server/providers/microsoft/graph-push-store';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { openPushTestMailbox, startNotificationEndpoint } from '../notification-endpoint';
import { backends } from '../../../support/db/test-databases';
import { waitFor } from '../../sync/sync-helpers';
import { connectGraph } from './connect';

jest.setTimeout(60_000);

// A Graph source's watch keeps the inbox subscription alive in mailbox_push (expiries injected short): it renews
// before expiry, stops renewing once stopped, subscribes again when Graph lost it, and of two workers holding the same
// mailbox only one renews (the optimistic claim on the stored expiry); the other follows the store.

describe.each(backends)('Graph inbox subscription upkeep (%s)', (backend) => {
  let database: DatabaseHandle & { dispose(): Promise<void> };
  let emu: GraphEmulator;
  let endpoint: Awaited<ReturnType<typeof startNotificationEndpoint>>;
  let notificationUrl: string;
  let mailbox: Mailbox;

  beforeAll(async () => {
    ({ database, mailbox } = await openPushTestMailbox(backend, 'graph', 'rep@contoso.com'));
    endpoint = await startNotificationEndpoint('/notifications/graph');
    notificationUrl = endpoint.url;
  });
  afterAll(async () => {
    await endpoint?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    emu = await startGraphEmulator();
    await deletePush(database.db, mailbox.id);
  });
  afterEach(async () => emu.stop());

  const watcher = async (push: Partial<GraphPushOptions>) => {
    const { source } = await connectGraph(emu, {
      push: { notificationUrl, store: graphPushStore(database.db, mailbox.id), ...push },
    });
    return source.watch!(() => {});
  };
  /** Two stores whose next two reads, once armed, both return before either goes on: a true race. */
  const racingStores = () => {
    const waiting: (() => void)[] = [];
    let armed = false;
    const store = (): GraphPushStore => {
      const real = graphPushStore(database.db, mailbox.id);
      return {
        ...real,
        load: async () => {
          const row = await real.load();
          if (armed && waiting.length < 2)
            await new Promise<void>((resolve) => {
              waiting.push(resolve);
              if (waiting.length === 2) for (const go of waiting) go();
            });
          return row;
        },
      };
    };
    return { stores: [store(), store()] as const, arm: () => (armed = true) };
  };
  const watcherWith = async (store: GraphPushStore, push: Partial<GraphPushOptions>) => {
    const { source } = await connectGraph(emu, { push: { notificationUrl, store, ...push } });
    return source.watch!(() => {});
  };
  const stored = async () => (await getPush(database.db, mailbox.id))!;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('renews before expiry, stores the new expiry, and stops renewing once stopped', async () => {
    const watch = await watcher({ lifetimeMs: 4000, renewBeforeMs: 2500, reuseMinMs: 1000 });
    const first = await stored();
    expect(emu.log.of('subscribe').map((e) => e.status)).toEqual([201]);
    const [renewal] = await waitFor(
      'a renewal',
      async () => emu.log.of('renew').length > 0 && emu.log.of('renew'),
    );
    expect(renewal).toMatchObject({ method: 'PATCH', path: `/v1.0/subscriptions/${first.subscriptionId}` });
    // Graph saw it before the subscription expired.
    expect(renewal!.at).toBeLessThan(Date.parse(first.expiresAt));
    const renewed = await waitFor('the stored renewal', async () => {
      const now = await stored();
      return Date.parse(now.expiresAt) > Date.parse(first.expiresAt) && now;
    });
    expect(renewed.subscriptionId).toBe(first.subscriptionId);
    expect(Date.parse(emu.subscriptions.items.get(first.subscriptionId)!.expirationDateTime)).toBe(
      Date.parse(renewed.expiresAt),
    );
    await watch.stop();
    const renewals = emu.log.of('renew').length;
    await pause(2500); // past when the next renewal was due
    expect(emu.log.of('renew')).toHaveLength(renewals);
  });

  test('two workers on one mailbox: the live subscription is reused and renewed once', async () => {
    // A subscription that expires in 3 s (made by a worker that then stopped).
    const maker = await watcher({ lifetimeMs: 3000, renewBeforeMs: 0 });
    await maker.stop();
    const first = await stored();
    const options = { lifetimeMs: 3_600_000, renewBeforeMs: 2000, reuseMinMs: 500 };
    const race = racingStores();
    const [a, b] = await Promise.all([
      watcherWith(race.stores[0], options),
      watcherWith(race.stores[1], options),
    ]);
    race.arm();
    try {
      expect(emu.log.of('subscribe')).toHaveLength(1);
      // Both are due at the same moment and both read the same row; one wins the claim and PATCHes Graph.
      const renewed = await waitFor('the renewal', async () => {
        const now = await stored();
        return Date.parse(now.expiresAt) > Date.parse(first.expiresAt) + 3_000_000 && now;
      });
      await pause(500);
      expect(emu.log.of('renew').map((e) => e.status)).toEqual([200]);
      expect(emu.log.of('subscribe')).toHaveLength(1);
      expect(renewed.subscriptionId).toBe(first.subscriptionId);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('a subscription Graph no longer has (404 on renewal) is made again', async () => {
    const watch = await watcher({ lifetimeMs: 3000, renewBeforeMs: 2000, reuseMinMs: 500 });
    try {
      const first = await stored();
      emu.subscriptions.items.clear(); // expired or deleted at Microsoft
      const replaced = await waitFor('a new subscription', async () => {
        const now = await stored();
        return now.subscriptionId !== first.subscriptionId && now;
      });
      expect(emu.log.of('renew').map((e) => e.status)).toEqual([404]);
      expect(emu.subscriptions.live().map((s) => s.id)).toEqual([replaced.subscriptionId]);
    } finally {
      await watch.stop();
    }
  });
});
