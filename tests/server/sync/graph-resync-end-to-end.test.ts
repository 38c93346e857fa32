// The sync engine on the Graph emulator when Graph drops a mailbox's delta state: the documented answers (410 Gone,
// or "a 40X-series error with error codes such as syncStateNotFound": learn.microsoft.com/en-us/graph/delta-query-overview)
// restart the folder, and a mailbox connected months ago resyncs from its last synced point past the 5,000 cap of a
// filtered delta (learn.microsoft.com/en-us/graph/delta-query-messages). Every email ends as exactly one activity.
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { runMailbox } from '../../../server/sync/sync-run';
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import { backends, useTestDatabase } from '../../support/db/test-databases';
import { connectGraph } from '../providers/microsoft/connect';
import { automaticActivities } from './sync-helpers';

const DAY = 86_400_000;

let emu: GraphEmulator;
afterEach(async () => {
  await emu.stop();
});

type Backend = (typeof backends)[number];
type TestDb = ReturnType<typeof useTestDatabase>;

/** Seeds the demo company, connects the emulator's mailbox at `connectedAt`; returns a forced run of it. */
async function setUp(t: TestDb, backend: Backend, connectedAt: Date) {
  await seedDemoCrm(t.db);
  await seedDemoOrganisation(t.db);
  const { source } = await connectGraph(emu);
  const mailbox = await connectMailbox(t.db, {
    userId: DEMO_ADMIN.userId,
    kind: 'graph',
    settings: {},
    connectedAt,
    cursor: await source.initialCursor(connectedAt),
  });
  const deps = {
    db: t.db,
    crm: new EmbeddedCrm(t.db),
    lock: createMailboxLock(t.db, backend),
    sources: new SourceCache(() => source),
    intervalMs: 60_000,
    batchSize: 50,
    maxBatchesPerRun: 100,
  };
  return () => runMailbox(deps, mailbox.id, { force: true });
}

/** An email from a known contact (autoshared). */
const deliver = (id: string, receivedDateTime?: string) =>
  emu.store.deliver('inbox', {
    subject: `Renewal ${id}`,
    from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
    to: [{ address: DEMO_ADMIN.address }],
    internetMessageId: `<${id}@acme.com>`,
    ...(receivedDateTime ? { receivedDateTime } : {}),
  });

async function expectEachOnce(t: TestDb, ids: string[]) {
  const all = await automaticActivities(t.db);
  const activities = new Map([...all].filter(([id]) => id.endsWith('@acme.com')));
  expect([...activities.keys()].sort()).toEqual(ids.map((id) => `${id}@acme.com`).sort());
  expect([...activities.values()].every((n) => n === 1)).toBe(true);
}

describe.each(backends)('Graph: an expired delta link, end to end (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('a 400 syncStateNotFound on the delta link restarts the folder: every email saved once', async () => {
    emu = await startGraphEmulator();
    const run = await setUp(t, backend, new Date(Date.now() - 60_000));
    ['a1', 'a2', 'a3'].forEach((id) => deliver(id));
    expect(await run()).toMatchObject({ outcome: 'synced', saved: 3 });
    ['b1', 'b2'].forEach((id) => deliver(id));
    emu.store.expireDeltaTokens({ status: 400, code: 'syncStateNotFound' });
    expect(await run()).toMatchObject({ outcome: 'synced' });
    deliver('c1');
    expect(await run()).toMatchObject({ outcome: 'synced', saved: 1 });
    await expectEachOnce(t, ['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
  });
});

describe.each(backends)('Graph: a months-old mailbox resyncs, end to end (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('from its last synced point, past the cap of a filtered delta', async () => {
    emu = await startGraphEmulator({ deltaFilterCap: 10 });
    const now = Date.now();
    const run = await setUp(t, backend, new Date(now - 120 * DAY));
    // Months of mail, synced as it came (each round well under the cap).
    const old: string[] = [];
    for (let week = 0; week < 6; week++) {
      for (let i = 0; i < 6; i++) {
        const id = `w${week}-${i}`;
        old.push(id);
        deliver(id, new Date(now - (100 - week * 14) * DAY + i * 60_000).toISOString());
      }
      expect(await run()).toMatchObject({ outcome: 'synced', saved: 6 });
    }
    // The token expires while 15 emails wait (more than the cap), some hours old.
    const waiting = Array.from({ length: 15 }, (_, i) => `n${i}`);
    waiting.forEach((id, i) => deliver(id, new Date(now - (15 - i) * 3_600_000).toISOString()));
    emu.store.expireDeltaTokens({ status: 410, code: 'syncStateNotFound' });
    expect(await run()).toMatchObject({ outcome: 'synced', saved: 15 });
    await expectEachOnce(t, [...old, ...waiting]);
  });
});
