import { randomBytes } from 'node:crypto';
import { recordKey } from '../../../src';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { connectMailbox, type Mailbox } from '../../../server/db/mailboxes-repo';
import { connectImapMailbox } from '../../../server/providers/imap/imap-connect';
import type { MailSource } from '../../../server/providers/mail-source';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { syncSourceOptions } from '../../../server/sync/start-sync';
import { runMailbox } from '../../../server/sync/sync-run';
import { startGmailEmulator, type GmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import { backends } from '../../support/db/test-databases';
import { openTestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot/start-dovecot';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { connectGmail } from '../providers/google/connect';
import { connectGraph } from '../providers/microsoft/connect';

// Save when sent end to end (issue 18): Sam picks records in the compose pane (POST /api/save/when-sent), Outlook
// sends the email with the token in its `x-liaison-save` header, and the sent copy lands in Sent Items of a real
// Dovecot (IMAP) or of the Graph emulator. A sync run of the product's source saves it in the embedded CRM with the
// picked records although Sam's auto-sharing is off; a copy whose header was forged is left to the usual rules.
// Gmail's compose trigger cannot set a header: its pick names the reply's thread, and the Gmail emulator's sent reply
// in that thread is saved with it.

jest.setTimeout(120_000);

const SAM_IMAP: DovecotUser = { user: 'sam@ourco.com', pass: `pw-${randomBytes(6).toString('hex')}` };
const JANE = { kind: 'contact', id: 'con-jane-doe' } as const;
const EXPANSION = { kind: 'opportunity', id: 'opp-acme-expansion' } as const;

interface SentCopy {
  messageId: string;
  subject: string;
  date: Date;
  headers: Record<string, string>;
}

/** Connects Sam's mailbox on one provider; `send` puts a sent copy in its Sent Items. */
interface Provider {
  connect(server: TestServer): Promise<{
    mailbox: Mailbox;
    sources: SourceCache;
    send(copy: SentCopy): Promise<void>;
    close(): Promise<void>;
  }>;
}

let dovecot: DovecotServer;
let graph: GraphEmulator;
let gmail: GmailEmulator;
beforeAll(async () => {
  [dovecot, graph, gmail] = await Promise.all([
    startDovecot({ users: [SAM_IMAP] }),
    startGraphEmulator(),
    startGmailEmulator(),
  ]);
}, 60_000);
afterAll(async () => Promise.all([dovecot?.stop(), graph?.stop(), gmail?.stop()]));

/** One forced run of a mailbox by the product's engine, checking Save when sent marks with the server's key. */
function runOnce(
  server: TestServer,
  backend: (typeof backends)[number],
  sources: SourceCache,
  mailboxId: string,
) {
  return runMailbox(
    {
      db: server.deps.db,
      crm: server.deps.crm,
      lock: createMailboxLock(server.deps.db, backend),
      sources,
      intervalMs: 60_000,
      batchSize: 50,
      maxBatchesPerRun: 10,
      secrets: server.deps.secrets,
    },
    mailboxId,
    { force: true },
  );
}

const providers: [string, Provider][] = [
  [
    'IMAP on Dovecot',
    {
      connect: async (server) => {
        // Sent Items exists before the mailbox is connected, as in a real account (created once per Dovecot).
        const box = await openTestMailbox(dovecot, SAM_IMAP.user);
        await box.createSpecialUseFolders().catch(() => undefined);
        const mailbox = await connectImapMailbox(
          {
            db: server.deps.db,
            secrets: server.deps.secrets,
            now: () => new Date(),
            config: { imapPrivateHosts: true },
          },
          server.sam,
          {
            host: dovecot.host,
            port: dovecot.port,
            secure: false,
            user: SAM_IMAP.user,
            password: SAM_IMAP.pass,
          },
        );
        const factory = defaultMailSourceFactory(
          syncSourceOptions(server.deps, server.deps.secrets, server.deps.config),
        );
        return {
          mailbox,
          sources: new SourceCache(factory),
          send: async (copy) => {
            const eml = makeEml({
              messageId: copy.messageId,
              from: 'Sam Seller <sam@ourco.com>',
              to: 'Jane Doe <jane.doe@acme.com>',
              subject: copy.subject,
              date: copy.date,
              headers: copy.headers,
            });
            await box.append('Sent', eml);
          },
          close: () => box.close(),
        };
      },
    },
  ],
  [
    'the Graph emulator',
    {
      connect: async (server) => {
        const { source } = await connectGraph(graph);
        const connectedAt = new Date(Date.now() - 1000);
        const mailbox = await connectMailbox(server.deps.db, {
          userId: server.sam.id,
          kind: 'graph',
          settings: {},
          connectedAt,
          cursor: await source.initialCursor(connectedAt),
        });
        return {
          mailbox,
          sources: new SourceCache((): MailSource => source),
          send: async (copy) => {
            graph.store.deliver('sentitems', {
              internetMessageId: `<${copy.messageId}>`,
              from: { address: 'sam@ourco.com', name: 'Sam Seller' },
              to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
              subject: copy.subject,
              sentDateTime: copy.date.toISOString(),
              headers: copy.headers,
            });
          },
          close: async () => {},
        };
      },
    },
  ],
];

describe.each(backends)('Save when sent end to end (%s)', (backend) => {
  test.each(providers)(
    'a sent copy read from %s is saved with the records picked while writing',
    async (_name, provider) => {
      const server = await startTestServer(backend);
      const tag = randomBytes(4).toString('hex');
      const id = (name: string) => `${name}.${tag}@ourco.com`;
      let connected: Awaited<ReturnType<Provider['connect']>> | undefined;
      try {
        const sam = await server.token('sam@ourco.com');
        const off = await server.call('PATCH', '/api/settings', {
          as: sam,
          body: { autoshareEmails: false },
        });
        expect(off.body.settings).toMatchObject({ autoshareEmails: false });
        connected = await provider.connect(server);

        // The compose pane keeps the pick and sets the header with the answer's token.
        const picked = await server.call('POST', '/api/save/when-sent', {
          as: sam,
          body: { who: [JANE], what: EXPANSION, autosaveThread: false },
        });
        expect(picked.status).toBe(200);
        const { header, token } = picked.body as { header: string; token: string };
        const forged = `${token.slice(0, -6)}${token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
        const date = new Date(Date.now() + 1000);
        await connected.send({
          messageId: id('picked'),
          subject: 'Expansion terms',
          date,
          headers: { [header]: token },
        });
        await connected.send({
          messageId: id('forged'),
          subject: 'Expansion terms',
          date,
          headers: { [header]: forged },
        });

        const run = await runOnce(server, backend, connected.sources, connected.mailbox.id);
        expect(run).toMatchObject({ outcome: 'synced', looked: 2, saved: 1 });

        const saved = await latestDecision(server.deps.db, server.sam.id, id('picked'));
        expect(saved?.decision).toMatchObject({
          action: 'save',
          reason: 'manual',
          who: [JANE],
          what: EXPANSION,
        });
        const [activity] = await server.deps.crm.findActivitiesByMessageIds([id('picked')]);
        expect(
          activity && { who: activity.who.map(recordKey), what: activity.what && recordKey(activity.what) },
        ).toEqual({
          who: ['contact:con-jane-doe'],
          what: 'opportunity:opp-acme-expansion',
        });

        const ignored = await latestDecision(server.deps.db, server.sam.id, id('forged'));
        expect(ignored?.decision).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
        expect(ignored?.decision.trace).toContain(
          'This email carried a Save when sent mark that Liaison could not accept (its signature is not Liaison’s), so the usual rules decided.',
        );
        expect(await server.deps.crm.findActivitiesByMessageIds([id('forged')])).toEqual([]);
      } finally {
        await connected?.sources.drop(connected.mailbox.id).catch(() => {});
        await connected?.close();
        await server.close();
      }
    },
  );
  test('a Gmail reply sent in the thread picked from the compose trigger is saved with the pick, no header needed', async () => {
    const server = await startTestServer(backend);
    const tag = randomBytes(4).toString('hex');
    const id = (name: string) => `${name}.${tag}@ourco.com`;
    const { source } = await connectGmail(gmail);
    const connectedAt = new Date(Date.now() - 1000);
    const mailbox = await connectMailbox(server.deps.db, {
      userId: server.sam.id,
      kind: 'gmail',
      settings: {},
      connectedAt,
      cursor: await source.initialCursor(connectedAt),
    });
    const sources = new SourceCache((): MailSource => source);
    try {
      const sam = await server.token('sam@ourco.com');
      await server.call('PATCH', '/api/settings', { as: sam, body: { autoshareEmails: false } });
      const thread = `thr${tag}`;
      // The add-on's compose trigger names the draft's thread.
      const picked = await server.call('POST', '/api/save/when-sent', {
        as: sam,
        body: { who: [JANE], what: EXPANSION, autosaveThread: true, threadId: thread },
      });
      expect(picked.status).toBe(200);
      const sent = (name: string, threadId: string) =>
        gmail.store.deliver(['SENT'], {
          from: 'Sam Seller <sam@ourco.com>',
          to: ['Jane Doe <jane.doe@acme.com>'],
          subject: 'Re: Expansion terms',
          messageId: `<${id(name)}>`,
          threadId,
          date: new Date(Date.now() + 1000),
        });
      sent('reply', thread);
      sent('elsewhere', `other${tag}`);

      expect(await runOnce(server, backend, sources, mailbox.id)).toMatchObject({
        outcome: 'synced',
        saved: 1,
      });
      const reply = await latestDecision(server.deps.db, server.sam.id, id('reply'));
      expect(reply?.decision).toMatchObject({
        action: 'save',
        reason: 'manual',
        who: [JANE],
        what: EXPANSION,
      });
      const elsewhere = await latestDecision(server.deps.db, server.sam.id, id('elsewhere'));
      expect(elsewhere?.decision).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
      const [activity] = await server.deps.crm.findActivitiesByMessageIds([id('reply')]);
      expect(activity?.who.map(recordKey)).toEqual(['contact:con-jane-doe']);
      // "Auto-save all next emails in this thread" was ticked: the thread is subscribed with the picked record.
      const sub = await server.deps.db
        .selectFrom('thread_subscriptions')
        .select(['what_kind', 'what_id'])
        .where('user_id', '=', server.sam.id)
        .where('thread_id', '=', thread)
        .executeTakeFirst();
      expect(sub).toEqual({ what_kind: 'opportunity', what_id: 'opp-acme-expansion' });
    } finally {
      await sources.drop(mailbox.id).catch(() => {});
      await server.close();
    }
  });
});
