import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { connectGraph } from './connect';

let emu: GraphEmulator;
beforeAll(async () => {
  emu = await startGraphEmulator();
});
afterAll(async () => {
  await emu.stop();
});

test('a 20-message sync costs 3 delta requests and 2 $batch (headers and attachment names); an idle one 3 deltas', async () => {
  const { source } = await connectGraph(emu);
  const cursor = await source.initialCursor(new Date(Date.now() - 1000));
  emu.log.reset();
  for (let i = 0; i < 12; i++) {
    emu.store.deliver('inbox', {
      subject: `in ${i}`,
      attachments: i % 4 === 0 ? [{ name: `f${i}.pdf` }] : [],
    });
  }
  for (let i = 0; i < 5; i++) emu.store.deliver('sentitems', { subject: `out ${i}` });
  for (let i = 0; i < 3; i++) emu.store.deliver('archive', { subject: `filed ${i}` });
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages).toHaveLength(20);
  const counts = emu.log.snapshot();
  // Headers for all 20 (inbound ones for rule 4a, sent ones for a Save when sent mark) and attachments for 3: 23
  // steps, 20 to a $batch.
  expect(counts.byKind).toEqual({ delta: 3, batch: 2 });
  expect(counts.batched).toEqual({ message: 20, attachments: 3 });
  console.log(`Graph, 20-message sync: ${JSON.stringify(counts)}`);

  // A sync with nothing new: one delta request per folder.
  emu.log.reset();
  const idle = await source.fetchChanges(batch.cursor);
  expect(idle.messages).toHaveLength(0);
  expect(emu.log.snapshot().byKind).toEqual({ delta: 3 });
});
