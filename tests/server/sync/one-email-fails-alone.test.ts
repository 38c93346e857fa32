// A message that still fails fails only itself (issue 14): should the database refuse one email's log row, or the
// CRM one email's activity, that email is logged with the reason, the others of the batch are saved, the cursor
// moves on and the mailbox stays Active.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { NewActivity } from '../../../server/crm/crm-adapter';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { getMailbox } from '../../../server/db/mailboxes-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { backends, useTestDatabase } from '../../support/db/test-databases';
import { makeEml } from '../../support/dovecot/make-eml';
import { connectMaildir, runMaildirOnce } from './sync-helpers';

/** The embedded CRM, except that a call carrying an activity about "crm-refuses" fails as a whole. */
class PickyCrm extends EmbeddedCrm {
  override async saveActivities(items: NewActivity[]) {
    if (items.some((a) => a.subject.includes('crm-refuses')))
      throw new Error('INVALID_FIELD: the CRM refused it');
    return super.saveActivities(items);
  }
}

describe.each(backends)('one email fails alone (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('a refused log row or activity is logged with its reason; the rest is saved and the mailbox stays Active', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fails-alone-'));
    try {
      await seedDemoCrm(t.db);
      await seedDemoOrganisation(t.db);
      // The database refuses, for this test, any log row whose subject names "poison" (a data error, as a NUL was).
      await sql`
        create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.subject like '%poison%' then
            raise exception 'refused for the test' using errcode = '22023';
          end if;
          return new;
        end $$`.execute(t.db);
      await sql`create trigger refuse_poison before insert on decision_log
                for each row execute function refuse_poison()`.execute(t.db);

      const mailbox = await connectMaildir(t.db, DEMO_ADMIN.userId, dir, new Date(Date.now() - 5000));
      const date = new Date(Date.now() + 1000);
      const send = (id: string, subject: string) =>
        deliverToMaildir(
          dir,
          'INBOX',
          makeEml({
            messageId: id,
            from: 'Jane Doe <jane.doe@acme.com>',
            to: DEMO_ADMIN.address,
            subject,
            date,
          }),
        );
      await send('poison.1@acme.com', 'A poison subject');
      await send('refused.1@acme.com', 'The crm-refuses subject');
      await send('fine.1@acme.com', 'A fine subject');

      const result = await runMaildirOnce(t.db, backend, new PickyCrm(t.db), mailbox.id);
      expect(result).toMatchObject({ outcome: 'synced', looked: 3 });

      const poison = (await latestDecision(t.db, DEMO_ADMIN.userId, 'poison.1@acme.com'))!;
      expect(poison.decision).toMatchObject({ action: 'skip', reason: 'invalid_message' });
      expect(poison.decision.trace.join(' ')).toContain(
        'Liaison could not record this email as it came (the database refused it: refused for the test)',
      );
      const refused = (await latestDecision(t.db, DEMO_ADMIN.userId, 'refused.1@acme.com'))!;
      expect(refused.decision.trace.join(' ')).toContain(
        'The CRM refused the activity: INVALID_FIELD: the CRM refused it Not saved.',
      );
      const fine = (await latestDecision(t.db, DEMO_ADMIN.userId, 'fine.1@acme.com'))!;
      expect(fine.decision).toMatchObject({ action: 'save', reason: 'autoshare' });

      const row = (await getMailbox(t.db, mailbox.id))!;
      expect(row.status).toBe('active');
      // The cursor moved past all three: the next run reads nothing again.
      const again = await runMaildirOnce(t.db, backend, new PickyCrm(t.db), mailbox.id);
      expect(again).toMatchObject({ outcome: 'synced', looked: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
