import { deletePush, getPush, renewPush } from '../../../../server/db/mailbox-push-repo';
import type { Mailbox } from '../../../../server/db/mailboxes-repo';
import type { DatabaseHandle } from '../../../../server/db/open-database';
import type { GraphCalendarPushOptions } from '../../../../server/providers/microsoft/graph-calendar-push';
import { graphPushStore } from '../../../../server/providers/microsoft/graph-push-store';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { openPushTestMailbox, startNotificationEndpoint } from '../notification-endpoint';
import { backends } from '../../../support/db/test-databases';
import { connectGraphCalendar } from './graph-calendar-connect';

jest.setTimeout(60_000);

// A Microsoft 365 calendar's subscription on its events, kept by the calendar's runs (CalendarPush.keep): made at
// the first run, left alone while it has more than a day left, renewed once it has less (claimed in the store, so
// one of two racing runs renews), made again when Graph lost it, and deleted when calendars stop being shared. The
// clock of the push is moved by hand; Graph's own (the emulator's) is the real one.

const HOUR = 3_600_000;

describe.each(backends)('Graph calendar subscription upkeep (%s)', (backend) => {
  let database: DatabaseHandle & { dispose(): Promise<void> };
  let emu: GraphEmulator;
  let endpoint: Awaited<ReturnType<typeof startNotificationEndpoint>>;
  let notificationUrl: string;
  let mailbox: Mailbox;
  let clock: number;

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
    clock = Date.now();
    await deletePush(database.db, mailbox.id);
  });
  afterEach(async () => emu.stop());

  const push = async (options: Partial<GraphCalendarPushOptions> = {}) => {
    const { source } = await connectGraphCalendar(emu, {
      push: {
        notificationUrl,
        store: graphPushStore(database.db, mailbox.id, 'calendar'),
        now: () => new Date(clock),
        ...options,
      },
    });
    return source.push!;
  };
  const stored = async () => (await getPush(database.db, mailbox.id, 'calendar'))!;

  test('the first run subscribes on the events, every change type; later runs leave a live one alone', async () => {
    const calendar = await push();
    await calendar.keep();
    const first = await stored();
    const [subscription] = emu.subscriptions.live();
    expect(subscription).toMatchObject({
      id: first.subscriptionId,
      resource: 'me/events',
      changeType: 'created,updated,deleted',
      notificationUrl,
    });
    expect(first).toMatchObject({ kind: 'calendar', provider: 'graph' });
    expect(first.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The mail's push is another row: none here.
    expect(await getPush(database.db, mailbox.id)).toBeUndefined();
    clock += 40 * HOUR; // 30 hours left: more than a day
    await calendar.keep();
    expect(emu.log.of('subscribe')).toHaveLength(1);
    expect(emu.log.of('renew')).toHaveLength(0);
  });

  test('renewed once it has less than a day left; of two racing runs one renews', async () => {
    await (await push()).keep();
    const first = await stored();
    clock += 50 * HOUR; // 20 hours left
    const [a, b] = [await push(), await push()];
    await Promise.all([a.keep(), b.keep()]);
    expect(emu.log.of('renew').map((e) => [e.method, e.path, e.status])).toEqual([
      ['PATCH', `/v1.0/subscriptions/${first.subscriptionId}`, 200],
    ]);
    const renewed = await stored();
    expect(renewed.subscriptionId).toBe(first.subscriptionId);
    expect(Date.parse(renewed.expiresAt)).toBe(clock + 70 * HOUR);
    expect(emu.subscriptions.items.get(first.subscriptionId)?.expirationDateTime).toBe(renewed.expiresAt);
  });

  test('a subscription Graph lost (404 on renewal) or one already expired is made again', async () => {
    const calendar = await push();
    await calendar.keep();
    const first = await stored();
    emu.subscriptions.items.delete(first.subscriptionId);
    clock += 50 * HOUR;
    await calendar.keep();
    const second = await stored();
    expect(emu.log.of('renew').map((e) => e.status)).toEqual([404]);
    expect(second.subscriptionId).not.toBe(first.subscriptionId);
    expect(emu.subscriptions.live().map((s) => s.id)).toEqual([second.subscriptionId]);
    // Expired by the push's clock: no renewal tried, a new one made.
    clock += 10 * HOUR;
    await renewPush(database.db, mailbox.id, second.expiresAt, new Date(clock - 1000), 'calendar');
    await calendar.keep();
    expect(emu.log.of('renew')).toHaveLength(1);
    expect((await stored()).subscriptionId).not.toBe(second.subscriptionId);
  });

  test('a renewal Graph refuses gives the claim back, so the next run tries again', async () => {
    const calendar = await push();
    await calendar.keep();
    const first = await stored();
    clock += 50 * HOUR;
    emu.faults.add({ kind: 'renew', times: 1, status: 503, code: 'ServiceUnavailable' });
    await expect(calendar.keep()).rejects.toThrow();
    expect((await stored()).expiresAt).toBe(first.expiresAt);
    await calendar.keep();
    expect(emu.log.of('renew').map((e) => e.status)).toEqual([503, 200]);
  });

  test('stop deletes it at Graph and forgets it', async () => {
    const calendar = await push();
    await calendar.keep();
    const { subscriptionId } = await stored();
    await calendar.stop();
    expect(emu.log.of('unsubscribe').map((e) => [e.path, e.status])).toEqual([
      [`/v1.0/subscriptions/${subscriptionId}`, 204],
    ]);
    expect(emu.subscriptions.items.size).toBe(0);
    expect(await getPush(database.db, mailbox.id, 'calendar')).toBeUndefined();
    await calendar.stop(); // nothing left: nothing asked
    expect(emu.log.of('unsubscribe')).toHaveLength(1);
  });
});
