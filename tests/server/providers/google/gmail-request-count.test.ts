import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { connectGmail } from './connect';

let emu: GmailEmulator;
beforeAll(async () => {
  emu = await startGmailEmulator();
});
afterAll(async () => {
  await emu.stop();
});

test('a 20-message sync costs 1 history request and 1 batch of 20 messages.get; an idle one 1 history request', async () => {
  const { source } = await connectGmail(emu);
  const cursor = await source.initialCursor(new Date());
  emu.log.reset();
  for (let i = 0; i < 12; i++) emu.store.deliver(['INBOX', 'CATEGORY_PERSONAL'], { subject: `in ${i}` });
  for (let i = 0; i < 5; i++) emu.store.deliver(['SENT'], { subject: `out ${i}` });
  for (let i = 0; i < 3; i++) emu.store.deliver([], { subject: `archived ${i}` });
  const batch = await source.fetchChanges(cursor);
  expect(batch.messages).toHaveLength(20);
  const counts = emu.log.snapshot();
  expect(counts.byKind).toEqual({ history: 1, batch: 1 });
  expect(counts.batched).toEqual({ 'messages.get': 20 });
  console.log(`Gmail, 20-message sync: ${JSON.stringify(counts)}`);

  // A sync with nothing new: one history request.
  emu.log.reset();
  const idle = await source.fetchChanges(batch.cursor);
  expect(idle.messages).toHaveLength(0);
  expect(emu.log.snapshot().byKind).toEqual({ history: 1 });
});
