import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { recordKey } from '../../../src';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { connectImapMailbox } from '../../../server/providers/imap/imap-connect';
import type { SyncWorker } from '../../../server/sync/sync-worker';
import { backends } from '../../support/db/test-databases';
import { openTestMailbox, type TestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot/start-dovecot';
import { serverSyncWorker } from '../../support/server/mail-providers';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { connectMaildir, decisionCount, waitFor } from './sync-helpers';

// Thread auto-save for a mailbox read over IMAP (a real Dovecot) or from a Maildir: the rep subscribes from the
// Outlook pane, which sends Outlook's conversationId and the header fields it read (Mailbox 1.8), through the HTTP
// API; the next reply in the thread lands in the mailbox carrying only References, and the product's sync worker
// saves it with the record picked in the pane. Sam's auto-sharing is off, so nothing but the subscription saves it.

jest.setTimeout(120_000);

const SAM_IMAP: DovecotUser = { user: 'sam@ourco.com', pass: `pw-${randomBytes(6).toString('hex')}` };
const JANE = 'Jane Doe <jane.doe@acme.com>';
const SAM = 'Sam Seller <sam@ourco.com>';
const EXPANSION = { kind: 'opportunity', id: 'opp-acme-expansion' } as const;

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot({ users: [SAM_IMAP] });
}, 30_000);
afterAll(async () => dovecot?.stop());

interface Delivery {
  /** Connects Sam's mailbox; returns how to put a message in its inbox, and how to clean up. */
  connect(server: TestServer): Promise<{ deliver(eml: string): Promise<void>; close(): Promise<void> }>;
}

const deliveries: [string, Delivery][] = [
  [
    'IMAP on Dovecot',
    {
      connect: async (server) => {
        await connectImapMailbox(
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
        const box: TestMailbox = await openTestMailbox(dovecot, SAM_IMAP.user);
        return { deliver: (eml) => box.append('INBOX', eml).then(() => undefined), close: () => box.close() };
      },
    },
  ],
  [
    'Maildir',
    {
      connect: async (server) => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'thread-autosave-'));
        await connectMaildir(server.deps.db, server.sam.id, dir, new Date(Date.now() - 1000));
        return {
          deliver: (eml) => deliverToMaildir(dir, 'INBOX', eml).then(() => undefined),
          close: () => rm(dir, { recursive: true, force: true }),
        };
      },
    },
  ],
];

describe.each(backends)('thread auto-save end to end (%s)', (backend) => {
  test.each(deliveries)(
    'a subscription made in the Outlook pane saves the next reply read from %s',
    async (_name, delivery) => {
      const server = await startTestServer(backend);
      const tag = randomBytes(4).toString('hex');
      const id = (name: string) => `${name}.${tag}@mail.acme.com`;
      let worker: SyncWorker | undefined;
      let mailbox: Awaited<ReturnType<Delivery['connect']>> | undefined;
      try {
        const sam = await server.token('sam@ourco.com');
        const off = await server.call('PATCH', '/api/settings', {
          as: sam,
          body: { autoshareEmails: false },
        });
        expect(off.body.settings).toMatchObject({ autoshareEmails: false, threadAutosave: true });
        mailbox = await delivery.connect(server);

        // The pane saves Jane's first reply: Outlook's conversationId, and References / In-Reply-To as read
        // with item.getAllInternetHeadersAsync.
        const save = await server.call('POST', '/api/save', {
          as: sam,
          body: {
            message: {
              internetMessageId: `<${id('reply-1')}>`,
              threadId: `AAQkADAwATM0MDAAMS1iNTcw${tag}=`,
              folder: 'inbox',
              from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
              to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
              cc: [],
              bcc: [],
              subject: 'Re: Expansion terms',
              sentAt: new Date().toISOString(),
              bodyText: 'Looks good.',
              headers: { references: `<${id('root')}>`, 'in-reply-to': `<${id('root')}>` },
            },
            who: [{ kind: 'contact', id: 'con-jane-doe' }],
            what: EXPANSION,
            autosaveThread: true,
          },
        });
        expect(save.status).toBe(200);
        expect(save.body.subscribed).toBe(true);

        worker = serverSyncWorker(server, { config: { intervalSeconds: 2, pollSeconds: 0.5 } });
        await worker.start();
        const at = new Date(Date.now() + 1000);
        // The next reply in the thread carries only References; another email from Jane is outside the thread.
        await mailbox.deliver(
          makeEml({
            messageId: id('reply-2'),
            from: JANE,
            to: SAM,
            subject: 'Re: Expansion terms',
            date: at,
            headers: {
              References: `<${id('root')}> <${id('reply-1')}>`,
              'In-Reply-To': `<${id('reply-1')}>`,
            },
          }),
        );
        await mailbox.deliver(
          makeEml({ messageId: id('other'), from: JANE, to: SAM, subject: 'Lunch?', date: at }),
        );
        await waitFor(
          'both decisions',
          async () => (await decisionCount(server.deps.db, server.sam.id)) >= 2,
          60_000,
        );

        const reply = await latestDecision(server.deps.db, server.sam.id, id('reply-2'));
        expect(reply?.decision).toMatchObject({ action: 'save', reason: 'thread_autosave', what: EXPANSION });
        const other = await latestDecision(server.deps.db, server.sam.id, id('other'));
        expect(other?.decision).toMatchObject({ action: 'skip', reason: 'autoshare_off' });

        const [activity] = await server.deps.crm.findActivitiesByMessageIds([id('reply-2')]);
        expect(
          activity && { what: activity.what && recordKey(activity.what), who: activity.who.map(recordKey) },
        ).toEqual({ what: recordKey(EXPANSION), who: ['contact:con-jane-doe'] });
        expect(await server.deps.crm.findActivitiesByMessageIds([id('other')])).toEqual([]);
      } finally {
        await worker?.stop();
        await mailbox?.close();
        await sql`drop schema if exists ${sql.id(`${server.database.schema}_pgboss`)} cascade`
          .execute(server.deps.db)
          .catch(() => {});
        await server.close();
      }
    },
  );
});
