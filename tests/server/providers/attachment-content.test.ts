/** Sources read attachment content only when a save at `full` asks (MailBatch.withBody), never in the batch. */
import { startGmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator } from '../../emulators/graph';
import { connectGmail } from './google/connect';
import { connectGraph } from './microsoft/connect';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('Graph: the batch names the attachments; withBody lists them again with contentBytes', async () => {
  const emu = await startGraphEmulator();
  try {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', {
      subject: 'Files',
      internetMessageId: '<files@ext.example>',
      attachments: [{ name: 'q3.pdf', contentType: 'application/pdf', content: '%PDF q3' }],
    });
    emu.store.deliver('inbox', { subject: 'Plain', internetMessageId: '<plain@ext.example>' });
    const batch = await source.fetchChanges(cursor);
    const [files, plain] = batch.messages;
    expect(files?.attachments).toEqual([{ name: 'q3.pdf', size: 7, contentType: 'application/pdf' }]);
    const before = emu.log.snapshot().total;
    const whole = await batch.withBody!(files!);
    expect(whole.attachments).toEqual([
      { name: 'q3.pdf', size: 7, contentType: 'application/pdf', content: b64('%PDF q3') },
    ]);
    expect(emu.log.snapshot().total).toBe(before + 1);
    // Without attachments nothing is asked of Graph.
    expect(await batch.withBody!(plain!)).toBe(plain);
    expect(emu.log.snapshot().total).toBe(before + 1);
  } finally {
    await emu.stop();
  }
});

test('Gmail: the raw message is decoded for its files only through withBody', async () => {
  const emu = await startGmailEmulator();
  try {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.store.deliver(['INBOX'], {
      subject: 'Files',
      messageId: '<gfiles@ext.example>',
      attachments: [{ name: 'q3.pdf', contentType: 'application/pdf', content: '%PDF q3' }],
    });
    const batch = await source.fetchChanges(cursor);
    const [m] = batch.messages;
    expect(m?.attachments?.[0]).not.toHaveProperty('content');
    const whole = await batch.withBody!(m!);
    expect(whole.attachments).toEqual([
      { name: 'q3.pdf', size: 7, contentType: 'application/pdf', content: b64('%PDF q3') },
    ]);
    expect(whole.threadId).toBe(m!.threadId);
  } finally {
    await emu.stop();
  }
});
