// Rule 4a as mail really arrives (issue 14): every source (Maildir, IMAP on a real Dovecot, Gmail, Graph) passes
// the header fields rule 4a reads, content-type included and repeated fields joined, so a bounce, a read receipt,
// an auto-reply marked twice or by X-Autoreply is `automated` whichever way the mailbox is read.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decideAutoshare, type MailMessage } from '../../../src';
import { createMaildirSource, deliverToMaildir } from '../../../server/providers/maildir';
import type { MailSource } from '../../../server/providers/mail-source';
import { startGmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator } from '../../emulators/graph';
import { contact, context } from '../../rulebook/builders';
import { openTestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { startDovecot, type DovecotServer } from '../../support/dovecot/start-dovecot';
import { connectGmail } from './google/connect';
import { connectGraph } from './microsoft/connect';
import { imapSourceFor } from './imap/imap-test-setup';

jest.setTimeout(60_000);

const REP = 'rep@ourco.com';
const ANN = 'ann@acme.com';
const known = context({ people: [contact('c1', ANN)] });

interface Case {
  name: string;
  /** Header fields besides From, To, Subject, Message-ID, Date; a name may repeat. */
  fields: [string, string][];
  /** The body with its own Content-Type lines (default: plain text). */
  body?: string;
  automated: boolean;
}

const CASES: Case[] = [
  {
    name: 'bounce',
    fields: [['Content-Type', 'multipart/report; report-type=delivery-status; boundary="rep1"']],
    body: [
      '--rep1',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--rep1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.acme.com',
      '--rep1--',
      '',
    ].join('\r\n'),
    automated: true,
  },
  {
    name: 'read-receipt',
    fields: [['Content-Type', 'multipart/report; report-type=disposition-notification; boundary="mdn1"']],
    body: ['--mdn1', 'Content-Type: text/plain', '', 'Read.', '--mdn1--', ''].join('\r\n'),
    automated: true,
  },
  {
    name: 'auto-submitted-twice',
    fields: [
      ['Auto-Submitted', 'no'],
      ['Auto-Submitted', 'auto-replied'],
    ],
    automated: true,
  },
  { name: 'x-autoreply', fields: [['X-Autoreply', 'yes']], automated: true },
  { name: 'x-autorespond', fields: [['X-Autorespond', 'Out of office']], automated: true },
  { name: 'mailman', fields: [['X-Mailman-Version', '2.1.39']], automated: true },
  { name: 'by-a-person', fields: [['Auto-Submitted', 'no (sent by a person)']], automated: false },
];

const messageId = (c: Case) => `<${c.name}@acme.com>`;

function raw(c: Case): string {
  const hasType = c.fields.some(([name]) => name.toLowerCase() === 'content-type');
  return [
    `Message-ID: ${messageId(c)}`,
    `From: Ann <${ANN}>`,
    `To: ${REP}`,
    `Subject: ${c.name}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    ...c.fields.map(([name, value]) => `${name}: ${value}`),
    ...(hasType ? [] : ['Content-Type: text/plain; charset=utf-8']),
    '',
    c.body ?? `About ${c.name}.`,
    '',
  ].join('\r\n');
}

/** What rule 4a makes of each case as the source read it. */
function expectRule4a(messages: MailMessage[]): void {
  for (const c of CASES) {
    const m = messages.find((x) => x.internetMessageId.includes(c.name));
    expect({ name: c.name, read: m !== undefined }).toEqual({ name: c.name, read: true });
    const d = decideAutoshare(m!, known);
    expect({ name: c.name, automated: d.reason === 'automated' }).toEqual({
      name: c.name,
      automated: c.automated,
    });
    if (c.name === 'bounce') expect(m!.headers?.['content-type']).toMatch(/^multipart\/report/i);
  }
}

async function readAll(source: MailSource, cursor: Record<string, unknown>): Promise<MailMessage[]> {
  const batch = await source.fetchChanges(cursor);
  return Promise.all(batch.messages.map((m) => (batch.withBody ? batch.withBody(m) : m)));
}

describe('rule 4a header fields from every source', () => {
  test('Maildir', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rule4a-maildir-'));
    try {
      const source = createMaildirSource({ dir });
      const cursor = await source.initialCursor(new Date(Date.now() - 5000));
      for (const c of CASES) await deliverToMaildir(dir, 'INBOX', raw(c));
      expectRule4a(await readAll(source, cursor));
      await source.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('IMAP (Dovecot)', () => {
    let dovecot: DovecotServer;
    beforeAll(async () => {
      dovecot = await startDovecot({ users: [{ user: REP, pass: 'pw-rep' }] });
    }, 30_000);
    afterAll(async () => dovecot?.stop());

    test('IMAP', async () => {
      const source = imapSourceFor(dovecot, REP);
      const box = await openTestMailbox(dovecot, REP);
      try {
        const cursor = await source.initialCursor(new Date(Date.now() - 5000));
        for (const c of CASES) await box.append('INBOX', raw(c));
        expectRule4a(await readAll(source, cursor));
      } finally {
        await box.close();
        await source.close();
      }
    });
  });

  test('Gmail', async () => {
    const emu = await startGmailEmulator();
    try {
      const { source } = await connectGmail(emu);
      const cursor = await source.initialCursor(new Date(Date.now() - 5000));
      for (const c of CASES) emu.store.deliver(['INBOX'], { raw: raw(c) });
      expectRule4a(await readAll(source, cursor));
      await source.close();
    } finally {
      await emu.stop();
    }
  });

  test('Graph', async () => {
    const emu = await startGraphEmulator();
    try {
      const { source } = await connectGraph(emu);
      const cursor = await source.initialCursor(new Date(Date.now() - 5000));
      for (const c of CASES) {
        const stored = emu.store.deliver('inbox', {
          subject: c.name,
          from: { address: ANN, name: 'Ann' },
          to: [{ address: REP }],
          internetMessageId: messageId(c),
        });
        // Graph lists every header field of the message, a repeated one as often as it occurs.
        stored.internetMessageHeaders.push(...c.fields.map(([name, value]) => ({ name, value })));
        if (!c.fields.some(([name]) => name === 'Content-Type'))
          stored.internetMessageHeaders.push({ name: 'Content-Type', value: 'text/plain; charset="utf-8"' });
      }
      expectRule4a(await readAll(source, cursor));
      await source.close();
    } finally {
      await emu.stop();
    }
  });
});
