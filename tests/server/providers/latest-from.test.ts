import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailSource } from '../../../server/providers/mail-source';
import { createMaildirSource } from '../../../server/providers/maildir';
import { deliverToMaildir } from '../../../server/providers/maildir/deliver-to-maildir';
import { startGmailEmulator, type GmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import { openTestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer } from '../../support/dovecot/start-dovecot';
import { connectGmail } from './google/connect';
import { imapSourceFor, testUsers } from './imap/imap-test-setup';
import { connectGraph } from './microsoft/connect';

// Each provider's search for the newest inbox email from one address (issue 19's prefill reads its signature): the
// newest one, whole; only that sender (not a look-alike address, not sent mail); none gives undefined.

const signature = (title: string) => `Thanks.\n\nBest,\nNina Patel\n${title}\nVertex Health\n`;

async function expectNewest(source: MailSource): Promise<void> {
  const found = await source.latestFrom!('nina@vertex.example');
  expect(found?.subject).toBe('Newer');
  expect(found?.bodyText).toContain('Director of IT');
  expect(found?.folder).toBe('inbox');
  expect(await source.latestFrom!('nobody@vertex.example')).toBeUndefined();
}

describe('MailSource.latestFrom', () => {
  let dovecot: DovecotServer;
  let graph: GraphEmulator;
  let gmail: GmailEmulator;
  let dir: string;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: testUsers(['latest']) });
    graph = await startGraphEmulator();
    gmail = await startGmailEmulator();
    dir = await mkdtemp(join(tmpdir(), 'liaison-latest-'));
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await graph?.stop();
    await gmail?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('IMAP (Dovecot): SEARCH FROM, the parsed sender checked, the newest read whole', async () => {
    const box = await openTestMailbox(dovecot, 'latest');
    await box.createSpecialUseFolders();
    const nina = 'Nina Patel <nina@vertex.example>';
    await box.append(
      'INBOX',
      makeEml({ messageId: 'a@t', from: nina, subject: 'Older', body: signature('IT Manager') }),
    );
    await box.append(
      'INBOX',
      makeEml({ messageId: 'b@t', from: nina, subject: 'Newer', body: signature('Director of IT') }),
    );
    // SEARCH FROM is a substring match: this address contains Nina's.
    await box.append(
      'INBOX',
      makeEml({ messageId: 'c@t', from: 'x.nina@vertex.example.org', subject: 'Look-alike' }),
    );
    await box.append('Sent', makeEml({ messageId: 'd@t', from: nina, subject: 'In Sent' }));
    const source = imapSourceFor(dovecot, 'latest');
    try {
      await expectNewest(source);
    } finally {
      await source.close();
      await box.close();
    }
  });

  test('Microsoft 365 (Graph emulator): $filter on the sender after receivedDateTime, newest first', async () => {
    const nina = { address: 'Nina@Vertex.example', name: 'Nina Patel' };
    graph.store.deliver('inbox', {
      subject: 'Older',
      from: nina,
      bodyText: signature('IT Manager'),
      receivedDateTime: '2026-03-01T09:00:00Z',
    });
    graph.store.deliver('inbox', {
      subject: 'Newer',
      from: nina,
      bodyText: signature('Director of IT'),
      receivedDateTime: '2026-03-02T09:00:00Z',
    });
    graph.store.deliver('inbox', {
      subject: 'Other',
      from: { address: 'x.nina@vertex.example.org' },
      receivedDateTime: '2026-03-03T09:00:00Z',
    });
    graph.store.deliver('sentitems', {
      subject: 'In Sent',
      from: nina,
      receivedDateTime: '2026-03-04T09:00:00Z',
    });
    const { source } = await connectGraph(graph);
    await expectNewest(source);
    const asked = graph.log.entries
      .map((r) => decodeURIComponent(r.path.replace(/\+/g, ' ')))
      .filter((p) => p.includes('from/emailAddress'));
    expect(asked[0]).toContain(
      "$filter=receivedDateTime ge 1900-01-01T00:00:00Z and from/emailAddress/address eq 'nina@vertex.example'",
    );
  });

  test('Gmail (emulator): from: and in:inbox, the newest read whole', async () => {
    const nina = 'Nina Patel <nina@vertex.example>';
    gmail.store.deliver(['INBOX'], {
      subject: 'Older',
      from: nina,
      body: signature('IT Manager'),
      date: new Date('2026-03-01T09:00:00Z'),
    });
    gmail.store.deliver(['INBOX'], {
      subject: 'Newer',
      from: nina,
      body: signature('Director of IT'),
      date: new Date('2026-03-02T09:00:00Z'),
    });
    gmail.store.deliver(['SENT'], { subject: 'In Sent', from: nina, date: new Date('2026-03-04T09:00:00Z') });
    const { source } = await connectGmail(gmail);
    await expectNewest(source);
  });

  test('Maildir: the inbox newest first by delivery', async () => {
    const nina = 'Nina Patel <nina@vertex.example>';
    await deliverToMaildir(
      dir,
      'INBOX',
      makeEml({ messageId: 'a@t', from: nina, subject: 'Older', body: signature('IT Manager') }),
      { mtime: new Date('2026-03-01T09:00:00Z') },
    );
    await deliverToMaildir(
      dir,
      'INBOX',
      makeEml({ messageId: 'b@t', from: nina, subject: 'Newer', body: signature('Director of IT') }),
      { mtime: new Date('2026-03-02T09:00:00Z') },
    );
    await deliverToMaildir(dir, 'Sent', makeEml({ messageId: 'd@t', from: nina, subject: 'In Sent' }), {
      mtime: new Date('2026-03-04T09:00:00Z'),
    });
    await expectNewest(createMaildirSource({ dir }));
  });
});
