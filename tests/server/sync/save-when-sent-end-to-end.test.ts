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
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import { backends } from '../../support/db/test-databases';
import { openTestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot/start-dovecot';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { connectGraph } from '../providers/microsoft/connect';

// Save when sent end to end (issue 18): Sam picks records in the compose pane (POST /api/save/when-sent), Outlook
// sends the email with the token in its `x-liaison-save` header, and the sent copy lands in Sent Items of a real
// Dovecot (IMAP) or of the Graph emulator. A sync run of the product's source saves it in the embedded CRM with the
// picked records although Sam's auto-sharing is off; a copy whose header was forged is left to the usual rules.

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
beforeAll(async () => {
  [dovecot, graph] = await Promise.all([startDovecot({ users: [SAM_IMAP] }), startGraphEmulator()]);
}, 60_000);
afterAll(async () => Promise.all([dovecot?.stop(), graph?.stop()]));

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

        const run = await runMailbox(
          {
            db: server.deps.db,
            crm: server.deps.crm,
            lock: createMailboxLock(server.deps.db, backend),
            sources: connected.sources,
            intervalMs: 60_000,
            batchSize: 50,
            maxBatchesPerRun: 10,
            secrets: server.deps.secrets,
          },
          connected.mailbox.id,
          { force: true },
        );
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
});
