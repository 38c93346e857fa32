// Attachments at `full`, scheduled autosharing into the embedded CRM on both backends: the source reads the files
// only for the saves at `full`, the activity keeps those within the per-email limit (names the others), the trace
// says which, a retried save stores no file twice, and the sidebar's recent activities name the files.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { activityFiles } from '../../../server/crm/embedded/activity-store';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { getUser } from '../../../server/db/users-repo';
import { createMaildirSource, deliverToMaildir } from '../../../server/providers/maildir';
import type { MailMessage } from '../../../src';
import { processBatch } from '../../../server/sync/sync-batch';
import { buildRfc822 } from '../../emulators/gmail/rfc822';
import { backends, openTestDatabase } from '../../support/db/test-databases';
import { seedScriptedDay } from './scripted-day';
import { connectMaildir } from './sync-helpers';

jest.setTimeout(60_000);

const SMALL = 'hello files';
const BIG = 'x'.repeat(3000);

function eml(id: string, from: string, to: string) {
  return buildRfc822({
    from,
    to: [to],
    subject: `Files ${id}`,
    date: new Date(),
    messageId: `<${id}@files.example>`,
    body: 'See attached.',
    attachments: [
      { name: 'small.txt', contentType: 'text/plain', content: SMALL },
      { name: 'big.bin', contentType: 'application/octet-stream', content: BIG },
    ],
  });
}

describe.each(backends)('attachment files at full through the sync (%s)', (backend) => {
  it('saves the files within the limit with the activity, names the others, and never twice', async () => {
    const handle = await openTestDatabase(backend);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-files-'));
    try {
      const { db } = handle;
      await seedScriptedDay(db, 'files');
      // Inbound at full, outbound at subject.
      await updateSyncSettings(db, DEMO_ADMIN.userId, { sharing: { inbound: 'full', outbound: 'subject' } });
      const mailbox = await connectMaildir(db, DEMO_ADMIN.userId, dir, new Date(Date.now() - 5000));
      await deliverToMaildir(dir, 'INBOX', eml('in', 'Jane Doe <jane.doe@acme.com>', 'admin@ourco.com'));
      await deliverToMaildir(dir, 'Sent', eml('out', 'admin@ourco.com', 'Jane Doe <jane.doe@acme.com>'));

      const source = createMaildirSource({ dir });
      const batch = await source.fetchChanges(mailbox.cursor!);
      // The rules read no attachment content: the batch carries none.
      expect(batch.messages.flatMap((m) => m.attachments ?? []).some((a) => 'content' in a)).toBe(false);
      const read: string[] = [];
      const withBody = batch.withBody!;
      const spied = {
        ...batch,
        withBody: (m: MailMessage) => {
          read.push(m.internetMessageId);
          return withBody(m);
        },
      };
      const crm = new EmbeddedCrm(db);
      const user = (await getUser(db, DEMO_ADMIN.userId))!;
      const deps = { db, crm, attachmentLimitBytes: 2048 };
      const result = await processBatch(deps, mailbox, user, spied);
      expect(result.saved).toBe(2);
      // Only the save at `full` read the message's content.
      expect(read).toEqual(['<in@files.example>']);

      const [inbound] = await crm.findActivitiesByMessageIds(['in@files.example']);
      const [outbound] = await crm.findActivitiesByMessageIds(['out@files.example']);
      const files = await activityFiles(db, [inbound!.id, outbound!.id], true);
      expect(files.map((f) => [f.activityId, f.name, f.contentType, f.size, f.content?.toString()])).toEqual([
        [inbound!.id, 'small.txt', 'text/plain', SMALL.length, SMALL],
      ]);
      const { rows } = await sql<{ body: string }>`
        select body from crm_activities where id = ${inbound!.id}`.execute(db);
      expect(rows[0]!.body.split('\n').slice(-2)).toEqual([
        'Attachments not saved:',
        '- big.bin (3 KB): not saved, past the 2 KB of files saved per email',
      ]);

      const decision = await latestDecision(db, DEMO_ADMIN.userId, 'in@files.example');
      expect(decision?.decision.trace.at(-1)).toBe(
        'Attachments: small.txt saved as a file with the activity; big.bin (3 KB) past the 2 KB of files saved per email: named in the activity, not saved.',
      );
      const outTrace =
        (await latestDecision(db, DEMO_ADMIN.userId, 'out@files.example'))?.decision.trace ?? [];
      expect(outTrace.some((t) => t.startsWith('Attachments:'))).toBe(false);

      // A save repeated after a crash (the CRM wrote, the ledger did not): the same activity, no second file.
      const whole = await withBody(batch.messages.find((m) => m.internetMessageId === '<in@files.example>')!);
      const again = await crm.saveActivities([
        {
          messageId: 'in@files.example',
          subject: 'Files in',
          body: '',
          date: whole.sentAt,
          who: [{ kind: 'contact', id: 'con-jane-doe' }],
          mode: 'automatic',
          files: [
            {
              name: 'small.txt',
              size: SMALL.length,
              contentType: 'text/plain',
              content: Buffer.from(SMALL).toString('base64'),
            },
          ],
        },
      ]);
      expect(again[0]).toMatchObject({ ok: true, id: inbound!.id, created: false });
      expect((await activityFiles(db, [inbound!.id])).length).toBe(1);

      // Where the embedded CRM shows an activity (the sidebar's recent activities), its files are named.
      const recent = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5);
      const shown = recent['contact:con-jane-doe']!.find((a) => a.id === inbound!.id);
      expect(shown?.files).toEqual(['small.txt']);
      await source.close();
    } finally {
      await handle.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
