// One email listed twice in one batch (a provider showing it in two folders, or twice as items): one decision, one
// decision-log row, counted once in the run's figures.
import { sql } from 'kysely';
import type { MailMessage } from '../../../src';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import type { MailSource } from '../../../server/providers/mail-source';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { runMailbox } from '../../../server/sync/sync-run';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('the same Message-ID twice in one batch (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('is decided, logged and counted once', async () => {
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    const email = (folder: MailMessage['folder'], id: string): MailMessage => ({
      internetMessageId: id,
      folder,
      from: { address: 'jane.doe@acme.com' },
      to: [{ address: DEMO_ADMIN.address }],
      cc: [],
      bcc: [],
      subject: 'Renewal',
      sentAt: new Date().toISOString(),
    });
    let served = false;
    const source: MailSource = {
      kind: 'maildir',
      initialCursor: async () => ({ n: 0 }),
      fetchChanges: async () => {
        const messages = served
          ? []
          : [email('inbox', '<twice@acme.com>'), email('archive', ' twice@acme.com ')];
        served = true;
        return { messages, cursor: { n: 1 }, more: false };
      },
      fetchMessage: async () => undefined,
      close: async () => {},
    };
    const mailbox = await connectMailbox(t.db, {
      userId: DEMO_ADMIN.userId,
      kind: 'maildir',
      settings: { dir: '/nowhere' },
      connectedAt: new Date(Date.now() - 60_000),
      cursor: { n: 0 },
    });
    const result = await runMailbox(
      {
        db: t.db,
        crm: new EmbeddedCrm(t.db),
        lock: createMailboxLock(t.db, backend),
        sources: new SourceCache(() => source),
        intervalMs: 60_000,
        batchSize: 100,
        maxBatchesPerRun: 5,
      },
      mailbox.id,
      { force: true },
    );
    expect(result).toMatchObject({ outcome: 'synced', looked: 1, saved: 1 });
    const { rows } = await sql<{ action: string; reason: string }>`
      select action, reason from decision_log where message_id = 'twice@acme.com'`.execute(t.db);
    expect(rows).toEqual([{ action: 'save', reason: 'autoshare' }]);
  });
});
