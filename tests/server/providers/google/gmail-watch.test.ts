import { sql } from 'kysely';
import { getPush } from '../../../../server/db/mailbox-push-repo';
import { connectMailbox, type Mailbox } from '../../../../server/db/mailboxes-repo';
import { createUser } from '../../../../server/db/users-repo';
import { GmailMailSource, type GmailPushOptions } from '../../../../server/providers/google';
import { gmailPushOptions } from '../../../../server/providers/google/gmail-push-store';
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { backends, openTestDatabase } from '../../../support/db/test-databases';
import { waitFor } from '../../sync/sync-helpers';
import { connectGmail } from './connect';

// A Gmail source given a Pub/Sub topic keeps the mailbox's watch: users.watch as Google documents it, the watch
// stored under the mailbox's address, reused by another worker's source, renewed once a day old by exactly one of
// the workers holding it, and a refused watch costs nothing but a log line.

const TOPIC = 'projects/liaison-test/topics/gmail';
const DAY = 24 * 3_600_000;

describe.each(backends)('Gmail watch (%s)', (backend) => {
  let emu: GmailEmulator;
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  let mailbox: Mailbox;
  beforeEach(async () => {
    emu = await startGmailEmulator({ email: 'Rep@Example.org' });
    emu.pubsub.settings = { topic: TOPIC };
    handle = await openTestDatabase(backend);
    const user = await createUser(handle.db, { addresses: ['rep@example.org'] });
    mailbox = await connectMailbox(handle.db, {
      userId: user.id,
      kind: 'gmail',
      settings: {},
      connectedAt: new Date(),
      cursor: {},
    });
  }, 60_000);
  afterEach(async () => {
    await emu.stop();
    await handle.dispose();
  });

  const source = async (over: Partial<GmailPushOptions> = {}, logs: string[] = []) => {
    const push = { ...gmailPushOptions(handle.db, TOPIC, (l) => logs.push(l))(mailbox), ...over };
    return (await connectGmail(emu, { push })).source;
  };
  const watchCalls = () => emu.log.of('watch').length;

  test('users.watch on the INBOX to the topic; the watch is stored under the address; another source reuses it', async () => {
    const first = await source();
    const stop = await first.watch!(() => {});
    const [call] = emu.log.of('watch');
    expect(call).toMatchObject({ method: 'POST', path: '/gmail/v1/users/me/watch', status: 200 });
    expect(emu.pubsub.watch).toMatchObject({ topicName: TOPIC, labelIds: ['INBOX'], behavior: 'include' });
    const stored = await getPush(handle.db, mailbox.id);
    expect(stored).toMatchObject({ provider: 'gmail', subscriptionId: 'rep@example.org', secretHash: null });
    expect(Date.parse(stored!.expiresAt)).toBe(emu.pubsub.watch!.expiration);

    const second = await source();
    const stop2 = await second.watch!(() => {});
    expect(watchCalls()).toBe(1);
    await stop.stop();
    await stop2.stop();

    // A stored watch with less than a day left is not reused.
    await sql`update mailbox_push set expires_at = ${new Date(Date.now() + DAY / 2)}`.execute(handle.db);
    const third = await (await source()).watch!(() => {});
    expect(watchCalls()).toBe(2);
    expect(Date.parse((await getPush(handle.db, mailbox.id))!.expiresAt)).toBe(emu.pubsub.watch!.expiration);
    await third.stop();
  });

  test('a day-old watch is renewed by exactly one of two workers; a fresh one by none', async () => {
    const a = await source();
    const b = await source();
    const stops = [await a.watch!(() => {}), await b.watch!(() => {})];
    expect(watchCalls()).toBe(1);
    expect(await Promise.all([a.renewWatch!(), b.renewWatch!()])).toEqual(['not_due', 'not_due']);

    // Injected: the stored watch is now a day and a bit old (less than 6 of its 7 days left).
    const aged = new Date(Date.now() + 5 * DAY);
    await sql`update mailbox_push set expires_at = ${aged}`.execute(handle.db);
    const outcomes = await Promise.all([a.renewWatch!(), b.renewWatch!()]);
    expect(outcomes.filter((o) => o === 'renewed')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'renewed')).toHaveLength(1);
    expect(watchCalls()).toBe(2);
    const renewed = await getPush(handle.db, mailbox.id);
    expect(Date.parse(renewed!.expiresAt)).toBe(emu.pubsub.watch!.expiration);
    expect(Date.parse(renewed!.expiresAt)).toBeGreaterThan(Date.now() + 6 * DAY);
    for (const s of stops) await s.stop();
  });

  test("the hourly check is the source's own timer (here every 50 ms), and stop() ends it", async () => {
    const s = await source({ checkEveryMs: 50 });
    const watching = await s.watch!(() => {});
    await sql`update mailbox_push set expires_at = ${new Date(Date.now() + 2 * DAY)}`.execute(handle.db);
    await waitFor('the timer to renew', async () => watchCalls() === 2, 30_000);
    await watching.stop();
    await sql`update mailbox_push set expires_at = ${new Date(Date.now() + 2 * DAY)}`.execute(handle.db);
    await new Promise((r) => setTimeout(r, 400)); // eight of its ticks, had it not stopped
    expect(watchCalls()).toBe(2);
  });

  test('a refused watch (no Publisher grant on the topic: 403) is logged; no watch is stored; the source still reads', async () => {
    emu.pubsub.settings = { topic: TOPIC, publisherGranted: false };
    const logs: string[] = [];
    const s = await source({}, logs);
    const cursor = await s.initialCursor(new Date());
    const watching = await s.watch!(() => {});
    expect(emu.log.of('watch').map((e) => e.status)).toContain(403);
    expect(await getPush(handle.db, mailbox.id)).toBeUndefined();
    expect(logs.join('\n')).toMatch(/gmail push: no watch .*403.*still read on its schedule/);
    emu.store.deliver(['INBOX'], { subject: 'still polled' });
    expect((await s.fetchChanges(cursor)).messages.map((m) => m.subject)).toEqual(['still polled']);
    await watching.stop();
  });

  test('users.stop ends the watch at Gmail', async () => {
    const s = await source();
    await (await s.watch!(() => {})).stop();
    expect(emu.pubsub.watch).toBeDefined(); // stopping the worker's timer leaves the shared watch alone
    await s.stopWatch();
    expect(emu.log.of('stop')).toMatchObject([{ method: 'POST', status: 204 }]);
    expect(emu.pubsub.watch).toBeUndefined();
  });

  test('without the push option a Gmail source has no watch', async () => {
    const { source: plain } = await connectGmail(emu);
    expect((plain as GmailMailSource).watch).toBeUndefined();
  });
});
