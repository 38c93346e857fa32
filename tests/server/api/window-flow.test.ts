// The end-to-end case of the 24-hour window over real HTTP, on both databases: sync skips an email from an
// unknown sender; the rep opens it in the pane (the sidebar suggests the contact), creates the contact with
// POST /api/records, and the email is saved within seconds (the creation runs the mailbox at once: its schedule is
// ten minutes away), at `full` with the body read again from the mailbox.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { createSyncWorker, type SyncWorker } from '../../../server/sync/sync-worker';
import { backends } from '../../support/db/test-databases';
import { makeEml } from '../../support/dovecot/make-eml';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { connectMaildir, waitFor } from '../sync/sync-helpers';

jest.setTimeout(90_000);

describe.each(backends)(
  'an email from an unknown sender, then its contact created in the pane (%s)',
  (backend) => {
    let server: TestServer;
    let worker: SyncWorker | undefined;
    let dir: string;
    beforeAll(async () => {
      server = await startTestServer(backend);
      dir = await mkdtemp(path.join(os.tmpdir(), 'window-flow-'));
    }, 90_000);
    afterAll(async () => {
      await worker?.stop();
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    test('the skipped email is saved once the contact exists, with its body read again from the mailbox', async () => {
      const { db } = server.deps;
      await connectMaildir(db, server.sam.id, dir, new Date(Date.now() - 5000));
      const runs: string[] = [];
      worker = createSyncWorker({
        database: server.database,
        crm: server.deps.crm,
        sources: defaultMailSourceFactory(),
        config: { intervalSeconds: 600, pollSeconds: 0.5 },
        onRun: (id, result) => runs.push(result.outcome),
      });
      server.deps.syncNow = (id) => worker!.trigger(id);
      await worker.start();

      await deliverToMaildir(
        dir,
        'INBOX',
        makeEml({
          messageId: 'nina-1@acme.com',
          from: 'Nina North <nina.north@acme.com>',
          to: 'Sam Seller <sam@ourco.com>',
          subject: 'New prices',
          body: 'Here are the new prices for next year.',
        }),
      );
      await worker.trigger((await sql<{ id: string }>`select id from mailboxes`.execute(db)).rows[0]!.id);
      const skipped = await waitFor('the skip', () => latestDecision(db, server.sam.id, 'nina-1@acme.com'));
      expect(skipped.decision.reason).toBe('no_known_participant');

      // The rep opens the email in the pane: Nina is a New records suggestion under Acme.
      const sam = await server.token('sam@ourco.com');
      const message = {
        internetMessageId: '<nina-1@acme.com>',
        folder: 'inbox',
        from: { address: 'nina.north@acme.com', name: 'Nina North' },
        to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
        cc: [],
        bcc: [],
        subject: 'New prices',
        sentAt: skipped.sentAt,
      };
      const view = await server.call('POST', '/api/sidebar', { as: sam, body: { message } });
      expect(view.status).toBe(200);
      expect(view.body.suggestions).toEqual([
        expect.objectContaining({
          address: 'nina.north@acme.com',
          kind: 'contact',
          account: expect.objectContaining({ ref: { kind: 'account', id: 'acc-acme' } }),
        }),
      ]);

      const runsBefore = runs.length;
      const created = await server.call('POST', '/api/records', {
        as: sam,
        body: {
          kind: 'contact',
          email: 'nina.north@acme.com',
          firstName: 'Nina',
          lastName: 'North',
          accountId: 'acc-acme',
        },
      });
      expect(created.status).toBe(200);

      const saved = await waitFor('the save', async () => {
        const entry = await latestDecision(db, server.sam.id, 'nina-1@acme.com');
        return entry?.decision.action === 'save' ? entry : undefined;
      });
      // A run asked for by the creation, not the schedule. Its onRun comes after its transaction, so it is waited for
      // (the save above can be seen a moment before the run reports).
      await waitFor('the run the creation asked for', async () =>
        runs.length > runsBefore ? true : undefined,
      );
      expect(saved.decision.who).toEqual([created.body.ref]);
      expect(saved.decision.content).toBe('full');
      expect(saved.decision.trace[0]).toMatch(
        /^Decided again within 24 hours of the email \(first looked at \S+, when nobody in it could be linked\): /,
      );
      expect(saved.decision.trace[0]).toContain(
        `the CRM now has contact ${created.body.ref.id} for nina.north@acme.com.`,
      );
      const { rows } = await sql<{ body: string }>`
      select body from crm_activities where source_message_id = 'nina-1@acme.com' and origin = 'automatic'`.execute(
        db,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.body).toContain('Here are the new prices for next year.');

      const after = await server.call('POST', '/api/sidebar', { as: sam, body: { message } });
      expect(after.body.saved).toBeTruthy();
    });
  },
);
