// Do Not Sync means not kept (issue 14): of an email skipped because of the blacklist, the decision log keeps that
// it was skipped and why, never its subject; the faces that show the log say so in words.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { subjectText } from '../../../dashboard/src/activity/activity-text';
import { formatLogEntry } from '../../../server/cli/explain-logged-command';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { addUserBlacklistEntries } from '../../../server/db/blacklist-repo';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { backends, useTestDatabase } from '../../support/db/test-databases';
import { makeEml } from '../../support/dovecot/make-eml';
import { connectMaildir, runMaildirOnce } from './sync-helpers';

describe.each(backends)('Do Not Sync keeps no subject (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('logs a blacklisted email as skipped and why, without its subject; other emails keep theirs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dns-privacy-'));
    try {
      await seedDemoCrm(t.db);
      await seedDemoOrganisation(t.db);
      await addUserBlacklistEntries(t.db, DEMO_ADMIN.userId, ['globex.com']);
      const mailbox = await connectMaildir(t.db, DEMO_ADMIN.userId, dir, new Date(Date.now() - 5000));
      const date = new Date(Date.now() + 1000);
      const to = `Dana <${DEMO_ADMIN.address}>`;
      await deliverToMaildir(
        dir,
        'INBOX',
        makeEml({
          messageId: 'dns.1@globex.com',
          from: 'Hank <hank@globex.com>',
          to,
          date,
          subject: 'CONFIDENTIAL merger plans',
        }),
      );
      await deliverToMaildir(
        dir,
        'INBOX',
        makeEml({
          messageId: 'kept.1@unknown.example',
          from: 'Zed <zed@unknown.example>',
          to,
          date,
          subject: 'An open subject',
        }),
      );
      const result = await runMaildirOnce(t.db, backend, new EmbeddedCrm(t.db), mailbox.id);
      expect(result).toMatchObject({ outcome: 'synced', looked: 2 });

      const blacklisted = (await latestDecision(t.db, DEMO_ADMIN.userId, 'dns.1@globex.com'))!;
      expect(blacklisted.decision).toMatchObject({ action: 'skip', reason: 'blacklisted' });
      expect(blacklisted.subject).toBe('');
      expect(blacklisted.decision.trace.join(' ')).toMatch(/Do Not Sync|blacklist/i);
      const other = (await latestDecision(t.db, DEMO_ADMIN.userId, 'kept.1@unknown.example'))!;
      expect(other.subject).toBe('An open subject');

      // Nowhere in what the server keeps.
      for (const table of ['decision_log', 'pending_envelopes']) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table)} t where t::text like '%CONFIDENTIAL%'`.execute(
          t.db,
        );
        expect({ table, n: Number(rows[0]!.n) }).toEqual({ table, n: 0 });
      }

      // The faces say why there is no subject.
      expect(subjectText(blacklisted)).toBe('Subject not kept (Do Not Sync)');
      expect(subjectText({ ...other, subject: '' })).toBe('(no subject)');
      expect(formatLogEntry(blacklisted)).toContain(
        'Subject:  (not kept: the email was skipped for Do Not Sync)',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
