import { pgliteDataDir } from './run-liaison';
import { startServer, type RunningServer } from './run-server';

// `liaison serve` with its defaults runs the sync engine in the same process. The engine starts once the server
// listens (pg-boss's start is not something a request waits for): the demo mailbox's emails must still be
// autoshared, and a Ctrl+C while it runs must still end the process cleanly.

jest.setTimeout(300_000);

let data: { dir: string; remove(): void };
let server: RunningServer | undefined;

beforeAll(async () => {
  data = await pgliteDataDir();
});
afterAll(async () => {
  await server?.stop();
  data?.remove();
});

async function waitFor(what: () => boolean, description: string, ms = 180_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline)
      throw new Error(`${description} did not happen:\n${server?.stdout()}\n${server?.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the demo emails and meetings are autoshared by the engine started after the server listens, and SIGTERM ends it with 0', async () => {
  server = await startServer({ LIAISON_DATA_DIR: data.dir, LIAISON_SYNC_WORKERS: 'on' });
  const ready = await fetch(`${server.url}/api/ready`);
  expect(ready.status).toBe(200);
  const saved = /^sync: mailbox \S+: \d+ emails looked at, [1-9]\d* saved$/m;
  await waitFor(() => saved.test(server!.stdout()), 'a sync run saving the demo emails');
  // The demo's invitations: its customer meeting and appointment autoshared, its internal review skipped.
  const calendar = /^sync: mailbox \S+: \d+ calendar events looked at, [1-9]\d* saved/m;
  await waitFor(() => calendar.test(server!.stdout()), 'a sync run saving the demo meetings');
  const link = /(http:\/\/\S+\/auth\/link\?token=\S+)/.exec(server.stdout())![1]!;
  const cookie = ((await fetch(link, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0]!;
  type Entry = { subject: string; decision: { action: string; reason: string } };
  let entries: Entry[] = [];
  const readActivity = async () => {
    const activity = await fetch(`${server!.url}/api/activity?kind=event`, { headers: { cookie } });
    expect(activity.status).toBe(200);
    entries = ((await activity.json()) as { entries: Entry[] }).entries;
  };
  // The invitations arrive over more than one run (the demo delivers them a little after start): wait for all three.
  const demoMeetings = ['Acme renewal walkthrough', 'Prepare the Globex proposal', 'Weekly pipeline review'];
  const deadline = Date.now() + 180_000;
  for (
    await readActivity();
    !demoMeetings.every((s) => entries.some((e) => e.subject === s));
    await readActivity()
  ) {
    if (Date.now() > deadline)
      throw new Error(`the demo meetings were not all decided: ${JSON.stringify(entries)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const decided = (subject: string) =>
    entries.filter((e) => e.subject === subject).map((e) => e.decision.reason);
  expect(decided('Acme renewal walkthrough')).toEqual(['meeting']);
  expect(decided('Prepare the Globex proposal')).toEqual(['appointment']);
  expect(decided('Weekly pipeline review').length).toBeGreaterThan(0);
  expect(new Set(decided('Weekly pipeline review'))).toEqual(new Set(['internal']));
  expect(server.stderr()).toBe('');
  await expect(server.stop()).resolves.toBe(0);
});
