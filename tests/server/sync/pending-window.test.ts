// The 24-hour window on both backends, through real runs of a Maildir mailbox: an email skipped because nobody in it
// was a contact or lead keeps its envelope; when a contact appears within 24 hours of it (created in the CRM
// directly, or auto-created by another email) the next run decides it again with a fresh context and saves it, with
// the body read again from the mailbox at `full`; every other rule still applies; envelopes older than 24 hours go.
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { addUserBlacklistEntries } from '../../../server/db/blacklist-repo';
import { latestDecision } from '../../../server/db/decision-log-repo';
import { recordSavedEmail } from '../../../server/db/ledger-repo';
import { listPending } from '../../../server/db/pending-envelopes-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { createUser, type User } from '../../../server/db/users-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { RECHECK_MS } from '../../../server/sync/pending-window';
import { runMailbox, type RunDeps } from '../../../server/sync/sync-run';
import { backends, useTestDatabase } from '../../support/db/test-databases';
import { makeEml } from '../../support/dovecot/make-eml';
import { connectMaildir, decisionCount } from './sync-helpers';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

describe.each(backends)('the 24-hour window (%s)', (backend) => {
  const t = useTestDatabase(backend);
  const dirs: string[] = [];
  let crm: EmbeddedCrm;
  let clock: Date;
  let deps: RunDeps;

  beforeAll(async () => {
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    crm = new EmbeddedCrm(t.db);
    deps = {
      db: t.db,
      crm,
      lock: createMailboxLock(t.db, backend),
      sources: new SourceCache(defaultMailSourceFactory()),
      intervalMs: 60_000,
      batchSize: 100,
      maxBatchesPerRun: 5,
      now: () => clock,
    };
  });
  beforeEach(() => {
    clock = new Date();
  });
  /** The recheck interval passes (a contact created in the CRM itself is looked for then). */
  const recheckInterval = () => {
    clock = new Date(clock.getTime() + RECHECK_MS + 1000);
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** A rep with a Maildir mailbox connected two days ago; `run` syncs it once. */
  async function rep(name: string) {
    const user: User = await createUser(t.db, {
      addresses: [`${name}@ourco.com`],
      displayName: name,
      crmUserId: 'usr-admin',
      connectedAt: new Date(Date.now() - 48 * HOUR).toISOString(),
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), `window-${name}-`));
    dirs.push(dir);
    const mailbox = await connectMaildir(t.db, user.id, dir, new Date(Date.now() - 48 * HOUR));
    const deliver = (id: string, from: string, options: { date?: Date; body?: string } = {}) =>
      deliverToMaildir(
        dir,
        'INBOX',
        makeEml({ messageId: id, from, to: `${name}@ourco.com`, subject: `About ${id}`, ...options }),
      );
    const run = () => runMailbox(deps, mailbox.id, { force: true });
    return { user, mailbox, dir, deliver, run };
  }

  const activityOf = async (messageId: string) => {
    const { rows } = await sql<{ body: string; n: number }>`
      select max(body) as body, count(*)::int as n from crm_activities
       where source_message_id = ${messageId} and origin = 'automatic'`.execute(t.db);
    return rows[0]!.n === 0 ? undefined : { body: rows[0]!.body, count: Number(rows[0]!.n) };
  };

  it('keeps the envelope of a skipped email and saves it, body read again at full, once a contact appears in the CRM', async () => {
    const { user, mailbox, deliver, run } = await rep('rita');
    await deliver('w1@acme.com', 'Nora New <nora.new@acme.com>', { body: 'The price list, as promised.' });
    expect(await run()).toMatchObject({ outcome: 'synced', looked: 1, saved: 0 });
    const first = await latestDecision(t.db, user.id, 'w1@acme.com');
    expect(first?.decision.reason).toBe('no_known_participant');
    expect(first?.decision.trace.at(-1)).toMatch(
      /^Its addresses are kept until .* \(24 hours from the email\)/,
    );
    const [waiting] = await listPending(t.db, mailbox.id, clock);
    expect(waiting).toMatchObject({
      messageId: 'w1@acme.com',
      from: 'nora.new@acme.com',
      to: ['rita@ourco.com'],
    });
    expect(JSON.stringify(waiting)).not.toContain('price list'); // the envelope only, never the body

    // Nobody yet: the next run looks again, decides nothing and logs nothing.
    const logged = await decisionCount(t.db, user.id);
    expect(await run()).toMatchObject({ outcome: 'synced', looked: 0, saved: 0 });
    expect(await decisionCount(t.db, user.id)).toBe(logged);

    // Someone creates the contact in the CRM itself (as in Salesforce): the CRM is asked again about waiting
    // addresses every few minutes (not at every run), and that lookup finds her.
    const [created] = await crm.createContacts([
      {
        email: 'nora.new@acme.com',
        firstName: 'Nora',
        lastName: 'New',
        accountId: 'acc-acme',
        ownerId: 'usr-admin',
      },
    ]);
    expect(await run()).toMatchObject({ outcome: 'synced', looked: 0, saved: 0 });
    recheckInterval();
    expect(await run()).toMatchObject({ outcome: 'synced', looked: 1, saved: 1 });
    const again = await latestDecision(t.db, user.id, 'w1@acme.com');
    expect(again?.decision).toMatchObject({ action: 'save', reason: 'autoshare', content: 'full' });
    expect(again?.decision.who).toEqual([{ kind: 'contact', id: created!.ok && created!.id }]);
    expect(again?.decision.trace[0]).toMatch(
      /^Decided again within 24 hours of the email \(first looked at .*\): the CRM now has contact \S+ for nora\.new@acme\.com\.$/,
    );
    expect((await activityOf('w1@acme.com'))?.body).toContain('The price list, as promised.');
    expect(await listPending(t.db, mailbox.id, clock)).toEqual([]);
    expect(await run()).toMatchObject({ looked: 0, saved: 0 });
    expect((await activityOf('w1@acme.com'))?.count).toBe(1);
  });

  it('saves a waiting email in the run where another email auto-creates its contact (rule 9)', async () => {
    const { user, deliver, run } = await rep('otto');
    await updateSyncSettings(t.db, user.id, { autoCreateContacts: false });
    await deliver('w2a@acme.com', 'omar.open@acme.com');
    expect(await run()).toMatchObject({ looked: 1, saved: 0 });
    await updateSyncSettings(t.db, user.id, { autoCreateContacts: true });
    await deliver('w2b@acme.com', 'omar.open@acme.com');
    expect(await run()).toMatchObject({ looked: 2, saved: 2 });
    const [omar] = await crm.findPeopleByEmails(['omar.open@acme.com']);
    for (const id of ['w2a@acme.com', 'w2b@acme.com']) {
      const entry = await latestDecision(t.db, user.id, id);
      expect(entry?.decision.who).toEqual([{ kind: 'contact', id: omar!.id }]);
    }
    expect((await latestDecision(t.db, user.id, 'w2a@acme.com'))?.decision.trace[0]).toContain(
      `the CRM now has contact ${omar!.id} for omar.open@acme.com.`,
    );
  });

  it("a contact auto-created by a colleague's mailbox makes the waiting email due at once in this one", async () => {
    const first = await rep('fred');
    const second = await rep('gwen');
    await updateSyncSettings(t.db, first.user.id, { autoCreateContacts: false });
    await updateSyncSettings(t.db, second.user.id, { autoCreateContacts: true });
    await first.deliver('w8a@acme.com', 'flo.friend@acme.com');
    expect(await first.run()).toMatchObject({ looked: 1, saved: 0 });
    await second.deliver('w8b@acme.com', 'flo.friend@acme.com');
    expect(await second.run()).toMatchObject({ looked: 1, saved: 1 });
    // No recheck interval has passed: the auto-creation itself made the envelope due.
    expect(await first.run()).toMatchObject({ looked: 1, saved: 1 });
    const [flo] = await crm.findPeopleByEmails(['flo.friend@acme.com']);
    expect((await latestDecision(t.db, first.user.id, 'w8a@acme.com'))?.decision.who).toEqual([
      { kind: 'contact', id: flo!.id },
    ]);
  });

  it('decides again with a fresh context: a blacklist entry added meanwhile skips it, nothing is saved', async () => {
    const { user, mailbox, deliver, run } = await rep('bella');
    await deliver('w3@acme.com', 'bo.blocked@acme.com');
    await run();
    await addUserBlacklistEntries(t.db, user.id, ['bo.blocked@acme.com']);
    await crm.createContacts([{ email: 'bo.blocked@acme.com', accountId: 'acc-acme', ownerId: 'usr-admin' }]);
    recheckInterval();
    expect(await run()).toMatchObject({ looked: 1, saved: 0 });
    const entry = await latestDecision(t.db, user.id, 'w3@acme.com');
    expect(entry?.decision).toMatchObject({ action: 'skip', reason: 'blacklisted' });
    expect(entry?.decision.trace[0]).toMatch(/^Decided again within 24 hours/);
    expect(await activityOf('w3@acme.com')).toBeUndefined();
    expect(await listPending(t.db, mailbox.id, clock)).toEqual([]);
  });

  it('an email saved meanwhile by another mailbox stays one activity for the organisation', async () => {
    const { user, deliver, run } = await rep('sara');
    await deliver('w4@acme.com', 'sid.shared@acme.com');
    await run();
    await recordSavedEmail(t.db, {
      messageId: 'w4@acme.com',
      activityId: 'act-by-colleague',
      links: [],
      savedBy: 'demo-admin',
      mode: 'manual',
    });
    await crm.createContacts([{ email: 'sid.shared@acme.com', accountId: 'acc-acme', ownerId: 'usr-admin' }]);
    recheckInterval();
    expect(await run()).toMatchObject({ looked: 1, saved: 0 });
    expect((await latestDecision(t.db, user.id, 'w4@acme.com'))?.decision.reason).toBe('already_saved');
    expect(await activityOf('w4@acme.com')).toBeUndefined();
  });

  it('at full, an email gone from the mailbox is not saved, and the log says why', async () => {
    const { user, deliver, run } = await rep('gina');
    const delivered = await deliver('w5@acme.com', 'gil.gone@acme.com');
    await run();
    await unlink(delivered.path);
    await crm.createContacts([{ email: 'gil.gone@acme.com', accountId: 'acc-acme', ownerId: 'usr-admin' }]);
    recheckInterval();
    expect(await run()).toMatchObject({ looked: 1, saved: 0 });
    const entry = await latestDecision(t.db, user.id, 'w5@acme.com');
    expect(entry?.decision.action).toBe('save'); // what the rules said; the log's last sentence says it was not made
    expect(entry?.decision.trace.at(-1)).toBe(
      'Its full content could not be read again from the mailbox (the email was moved or deleted meanwhile). Not saved.',
    );
    expect(await activityOf('w5@acme.com')).toBeUndefined();
  });

  it('drops envelopes once 24 hours have passed since the email, and keeps none of an older email', async () => {
    const { user, mailbox, deliver, run } = await rep('elsa');
    await deliver('w6@acme.com', 'ed.expired@acme.com', { date: new Date(Date.now() - 23 * HOUR) });
    await deliver('w7@acme.com', 'ed.expired@acme.com', { date: new Date(Date.now() - 25 * HOUR) });
    expect(await run()).toMatchObject({ looked: 2, saved: 0 });
    expect((await listPending(t.db, mailbox.id, clock)).map((e) => e.messageId)).toEqual(['w6@acme.com']);
    expect((await latestDecision(t.db, user.id, 'w7@acme.com'))?.decision.trace.join(' ')).not.toContain(
      'kept until',
    );
    // Two hours later the first one's window is over too: the run's cleanup deletes it.
    clock = new Date(Date.now() + 2 * HOUR);
    await crm.createContacts([{ email: 'ed.expired@acme.com', accountId: 'acc-acme', ownerId: 'usr-admin' }]);
    expect(await run()).toMatchObject({ looked: 0, saved: 0 });
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pending_envelopes where mailbox_id = ${mailbox.id}`.execute(t.db);
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await latestDecision(t.db, user.id, 'w6@acme.com'))?.decision.reason).toBe(
      'no_known_participant',
    );
    expect(await activityOf('w6@acme.com')).toBeUndefined();
  });
});
