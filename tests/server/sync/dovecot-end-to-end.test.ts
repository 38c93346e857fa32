import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { recordKey } from '../../../src';
import { DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { getUser } from '../../../server/db/users-repo';
import { SecretBox } from '../../../server/secrets';
import { connectImapMailbox } from '../../../server/providers/imap/imap-connect';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { createSyncWorker, type SyncWorker } from '../../../server/sync/sync-worker';
import { backends, openTestDatabase } from '../../support/db/test-databases';
import { openTestMailbox, type TestMailbox } from '../../support/dovecot/imap-test-mailbox';
import { makeEml } from '../../support/dovecot/make-eml';
import { startDovecot, type DovecotServer, type DovecotUser } from '../../support/dovecot/start-dovecot';
import { scriptedDay, seedScriptedDay, SAM, type ScriptedMessage } from './scripted-day';
import { automaticActivities, decisionCount, waitFor } from './sync-helpers';

// End to end on a real Dovecot: the demo admin's and Sam's IMAP mailboxes are connected the way "My mailbox" does
// it (one login, password sealed), a scripted day of mail lands in their folders, and the real engine (pg-boss
// worker, IMAP source with IDLE) syncs it into the embedded CRM. The expected outcome of every message is written
// by hand from the rulebook's text (shared/spec/sync-rules.md), never computed by decideAutoshare.
//
// The context (seedScriptedDay): internal domain ourco.com; the admin's blacklist holds globex.com (policy
// exclude-participant); auto-creation on; links to opportunities on; a thread subscription on the initech-thread
// root with what = account acc-initech. Demo CRM: Acme (acme.com) with open opportunity opp-acme-renewal owned by
// the admin (opp-acme-expansion is Sam's, opp-acme-2025 closed); Initech (initech.io) whose only open opportunity
// is Sam's; contacts Jane Doe, John Smith (Acme), Max Mustermann (gmail.com, Acme), Bill Lumbergh (Initech), Peter
// Gibbons (Initech, soft-deleted); leads Bruce Wayne (no account) and Pepper Potts.

jest.setTimeout(120_000);

type Folder = 'INBOX' | 'Sent' | 'Archive' | 'Junk' | 'Drafts' | 'Trash';
interface Case extends Omit<ScriptedMessage, 'folder'> {
  folder: Folder;
}

const ADMIN = 'Dana Admin <admin@ourco.com>';
const ADMIN_IMAP: DovecotUser = { user: DEMO_ADMIN.address, pass: `pw-${randomBytes(6).toString('hex')}` };
const SAM_IMAP: DovecotUser = { user: SAM.address, pass: `pw-${randomBytes(6).toString('hex')}` };

/** Cases beyond the shared scripted day: IMAP folders, leads, header subtleties, soft-deleted contacts. */
function imapDay(at: Date, tag: string): Case[] {
  const id = (n: string) => `${n}.${tag}@dovecot.example`;
  const eml = (name: string, fields: Omit<Parameters<typeof makeEml>[0], 'messageId'>) =>
    makeEml({ messageId: id(name), date: at, ...fields });
  const save = (who: string[], what: string) => ({ action: 'save' as const, reason: 'autoshare', who, what });
  const skip = (reason: string) => ({ action: 'skip' as const, reason });
  return [
    // Rule 1: only inbox, sent and archive are read. Archive is read like the inbox.
    {
      id: id('archived-john'),
      folder: 'Archive',
      eml: eml('archived-john', { from: 'John Smith <john.smith@acme.com>', to: ADMIN }),
      // Rule 11: Acme's open opportunities owned by the admin: only opp-acme-renewal.
      expect: save(['contact:con-john-smith'], 'opportunity:opp-acme-renewal'),
    },
    // Rule 8: a lead (From) and a contact (Cc) are both linked, in participant order; rule 11 takes the contact's
    // account (leads have none) and its opportunity.
    {
      id: id('lead-and-contact'),
      folder: 'INBOX',
      eml: eml('lead-and-contact', {
        from: 'Bruce Wayne <bruce@wayne-enterprises.com>',
        to: ADMIN,
        cc: 'John Smith <john.smith@acme.com>',
      }),
      expect: save(['lead:lea-bruce-wayne', 'contact:con-john-smith'], 'opportunity:opp-acme-renewal'),
    },
    // Rule 11: a lead alone has no account: nothing to link it to.
    {
      id: id('lead-pepper'),
      folder: 'INBOX',
      eml: eml('lead-pepper', { from: 'Pepper Potts <pepper@stark.com>', to: ADMIN }),
      expect: skip('no_opportunity_or_account'),
    },
    // Rule 4a: an auto-reply is automated even from a known contact.
    {
      id: id('out-of-office'),
      folder: 'INBOX',
      eml: eml('out-of-office', {
        from: 'John Smith <john.smith@acme.com>',
        to: ADMIN,
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
      expect: skip('automated'),
    },
    // Rule 4a: List-Unsubscribe alone does not count.
    {
      id: id('sales-tool'),
      folder: 'INBOX',
      eml: eml('sales-tool', {
        from: 'John Smith <john.smith@acme.com>',
        to: ADMIN,
        headers: { 'List-Unsubscribe': '<mailto:unsub@acme.com>' },
      }),
      expect: save(['contact:con-john-smith'], 'opportunity:opp-acme-renewal'),
    },
    // Rule 9: a role address at Acme is never auto-created; nobody else to link.
    {
      id: id('noreply'),
      folder: 'INBOX',
      eml: eml('noreply', { from: 'Acme <noreply@acme.com>', to: ADMIN }),
      expect: skip('no_known_participant'),
    },
    // Rule 8: a contact at a personal address matches like any other.
    {
      id: id('max-gmail'),
      folder: 'INBOX',
      eml: eml('max-gmail', { from: 'Max <max.mustermann@gmail.com>', to: ADMIN }),
      expect: save(['contact:con-max-mustermann'], 'opportunity:opp-acme-renewal'),
    },
    // Rule 8: soft-deleted people still match; rule 11: Initech's only open opportunity is Sam's, so the account.
    {
      id: id('deleted-peter'),
      folder: 'INBOX',
      eml: eml('deleted-peter', { from: 'Peter <peter@initech.io>', to: ADMIN }),
      expect: save(['contact:con-peter-gibbons'], 'account:acc-initech'),
    },
    // Rule 7 (exclude-participant): the blacklisted Globex address is taken out, Jane remains.
    {
      id: id('globex-and-jane'),
      folder: 'INBOX',
      eml: eml('globex-and-jane', {
        from: 'Hank <hank@globex.com>',
        to: ADMIN,
        cc: 'Jane Doe <jane.doe@acme.com>',
      }),
      expect: save(['contact:con-jane-doe'], 'opportunity:opp-acme-renewal'),
    },
    // Rule 6 does not apply with one external participant; sent mail is read.
    {
      id: id('sent-to-bill'),
      folder: 'Sent',
      eml: eml('sent-to-bill', { from: ADMIN, to: 'Sam <sam@ourco.com>, Bill <bill@initech.io>' }),
      expect: save(['contact:con-bill-lumbergh'], 'account:acc-initech'),
    },
    // Rule 2: in the inbox but not addressed to the user (a Bcc the header does not show).
    {
      id: id('not-mine'),
      folder: 'INBOX',
      eml: eml('not-mine', { from: 'Jane Doe <jane.doe@acme.com>', to: 'Bob <bob@acme.com>' }),
      expect: skip('not_users_message'),
    },
    // Rule 1: junk, drafts and deleted items are never read: no decision, no activity.
    {
      id: id('junk'),
      folder: 'Junk',
      eml: eml('junk', { from: 'Jane Doe <jane.doe@acme.com>', to: ADMIN }),
      expect: skip('never_read'),
    },
    {
      id: id('draft'),
      folder: 'Drafts',
      eml: eml('draft', { from: ADMIN, to: 'Jane Doe <jane.doe@acme.com>' }),
      expect: skip('never_read'),
    },
    {
      id: id('trash'),
      folder: 'Trash',
      eml: eml('trash', { from: 'John Smith <john.smith@acme.com>', to: ADMIN }),
      expect: skip('never_read'),
    },
  ];
}

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot({ users: [ADMIN_IMAP, SAM_IMAP] });
}, 30_000);
afterAll(async () => dovecot?.stop());

describe.each(backends)('scheduled autosharing end to end on Dovecot (%s)', (backend) => {
  it('saves exactly what the rulebook predicts, once, with the decision log reasons', async () => {
    const handle = await openTestDatabase(backend);
    const secrets = await SecretBox.load({ env: { LIAISON_SECRET_KEY: randomBytes(32).toString('base64') } });
    const tag = `${backend}-${randomBytes(3).toString('hex')}`;
    const boxes: TestMailbox[] = [];
    let worker: SyncWorker | undefined;
    const errors: unknown[] = [];
    try {
      const { db } = handle;
      await seedScriptedDay(db, tag);
      const admin = (await getUser(db, DEMO_ADMIN.userId))!;
      const sam = (await getUser(db, SAM.userId))!;
      const adminBox = await openTestMailbox(dovecot, ADMIN_IMAP.user);
      const samBox = await openTestMailbox(dovecot, SAM_IMAP.user);
      boxes.push(adminBox, samBox);
      await adminBox.createSpecialUseFolders().catch(() => undefined);
      await samBox.createSpecialUseFolders().catch(() => undefined);

      // Already in the mailbox before the connection (dated later, so only the cursor keeps it out): never read.
      const before = `already-there.${tag}@dovecot.example`;
      await adminBox.append(
        'INBOX',
        makeEml({
          messageId: before,
          from: 'Jane Doe <jane.doe@acme.com>',
          to: ADMIN,
          date: new Date(Date.now() + 3_600_000),
        }),
      );

      // Connected as "My mailbox" connects: one login, password sealed, cursor at the connection time.
      const now = () => new Date();
      const connect = (user: typeof admin, account: DovecotUser) =>
        connectImapMailbox({ db, secrets, now, config: { imapPrivateHosts: true } }, user, {
          host: dovecot.host,
          port: dovecot.port,
          secure: false,
          user: account.user,
          password: account.pass,
        });
      await connect(admin, ADMIN_IMAP);
      await connect(sam, SAM_IMAP);
      const crm = new EmbeddedCrm(db);
      worker = createSyncWorker({
        database: handle,
        crm,
        sources: defaultMailSourceFactory({ secrets }),
        config: { intervalSeconds: 2, pollSeconds: 0.5 },
        onError: (e) => errors.push(e),
      });
      await worker.start();

      const at = new Date(Date.now() + 1000);
      const day: Case[] = [...scriptedDay(at, tag), ...imapDay(at, tag)];
      for (const m of day) await adminBox.append(m.folder, m.eml);
      const read = day.filter((m) => m.expect.reason !== 'never_read');
      await waitFor(
        'a decision for every readable message',
        async () => (await decisionCount(db, DEMO_ADMIN.userId)) >= read.length,
        60_000,
      );
      // Sam was in Cc of the first message: his mailbox sees the same email, which is already saved.
      await samBox.append('INBOX', day[0]!.eml);
      await waitFor("Sam's decision", async () => (await decisionCount(db, SAM.userId)) >= 1, 60_000);

      for (const m of day) {
        const entry = await latestDecision(db, DEMO_ADMIN.userId, m.id);
        const got = entry ? { action: entry.decision.action, reason: entry.decision.reason } : 'never read';
        const want = m.expect.reason === 'never_read' ? 'never read' : { ...m.expect };
        expect({ id: m.id, got }).toEqual({
          id: m.id,
          got: typeof want === 'string' ? want : { action: want.action, reason: want.reason },
        });
        if (entry) expect(entry.decision.trace.length).toBeGreaterThan(2);
      }
      expect(await decisionCount(db, DEMO_ADMIN.userId)).toBe(read.length);
      expect(await latestDecision(db, DEMO_ADMIN.userId, before)).toBeUndefined();
      expect((await latestDecision(db, SAM.userId, day[0]!.id))?.decision.reason).toBe('already_saved');

      // Exactly one activity per saved email, none for anything else.
      const saves = day.filter((m) => m.expect.action === 'save');
      const activities = await automaticActivities(db);
      const ours = [...activities.entries()].filter(([messageId]) => messageId.includes(tag));
      expect(ours.map(([messageId]) => messageId).sort()).toEqual(saves.map((m) => m.id).sort());
      expect(ours.every(([, n]) => n === 1)).toBe(true);

      const records = await crm.findActivitiesByMessageIds(saves.map((m) => m.id));
      for (const m of saves) {
        const activity = records.find((a) => a.messageId === m.id)!;
        const link = {
          id: m.id,
          what: activity.what ? recordKey(activity.what) : undefined,
          who: activity.who.map(recordKey),
        };
        expect(link).toEqual({
          id: m.id,
          what: m.expect.what,
          who: m.expect.who ?? link.who,
        });
        expect(activity.ownerId).toBe(DEMO_ADMIN.crmUserId);
      }
      // Rule 9: Wile E. Coyote at Acme was created as a contact under Acme and linked.
      const [created] = await crm.findPeopleByEmails(['wile.coyote@acme.com']);
      expect(created).toMatchObject({ kind: 'contact', accountId: 'acc-acme' });
      const wile = records.find((a) => a.messageId === day.find((m) => m.expect.created)!.id)!;
      expect(wile.who).toEqual([{ kind: 'contact', id: created!.id }]);

      expect((await getUser(db, DEMO_ADMIN.userId))?.status).toBe('active');
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from saved_emails where message_id like ${`%${tag}%`}`.execute(db);
      expect(Number(rows[0]!.n)).toBe(saves.length);
      expect(errors).toEqual([]);
    } finally {
      if (errors.length) console.error(errors);
      await worker?.stop();
      await Promise.all(boxes.map((b) => b.close()));
      await handle.dispose();
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
    }
  });
});
