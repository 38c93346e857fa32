import { sql } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation } from '../../../server/crm/embedded/demo-seed';
import {
  connectMailbox,
  getMailbox,
  recordRunOutcome,
  type Mailbox,
} from '../../../server/db/mailboxes-repo';
import { updateOrganisation } from '../../../server/db/organisation-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { keepPending } from '../../../server/db/pending-envelopes-repo';
import { getUser } from '../../../server/db/users-repo';
import { MailSourceError, type MailCursor, type MailSource } from '../../../server/providers/mail-source';
import { sweepIdle, type SweepDeps } from '../../../server/sync/idle-sweep';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { failureOutcome } from '../../../server/sync/sync-status';
import { backends, useTestDatabase } from '../../support/db/test-databases';
import { decisionCount } from './sync-helpers';

// The batched check of scheduled wake-ups: an idle mailbox costs one source read and a shared write of its schedule;
// anything else (news, a failure, not plainly Active, paused, busy) is left to the full run, untouched.

interface FakeMailbox {
  /** What the next read returns: nothing new, news, or a failure. */
  state: 'idle' | 'news' | MailSourceError;
  reads: { cursor: MailCursor; limit: number | undefined }[];
  /** Runs during a read (to change the row meanwhile, as another worker would). */
  during?: () => Promise<void>;
}

describe.each(backends)('idle sweep (%s)', (backend) => {
  const t = useTestDatabase(backend);
  const fakes = new Map<string, FakeMailbox>();
  const sourceOf = (mailbox: Mailbox): MailSource => {
    const fake = fakes.get(String(mailbox.settings.dir))!;
    return {
      kind: 'maildir',
      initialCursor: async () => ({ n: 0 }),
      fetchChanges: async (cursor, options) => {
        fake.reads.push({ cursor, limit: options?.limit });
        await fake.during?.();
        if (fake.state instanceof MailSourceError) throw fake.state;
        if (fake.state === 'idle') return { messages: [], cursor: { ...cursor }, more: false };
        return { messages: [], cursor: { n: Number(cursor.n) + 1 }, more: false };
      },
      fetchMessage: async () => undefined,
      close: async () => {},
    };
  };
  let lock: ReturnType<typeof createMailboxLock>;
  const deps = (): SweepDeps => ({
    db: t.db,
    lock,
    sources: new SourceCache(sourceOf),
    intervalMs: 60_000,
  });
  let users: string[] = [];

  beforeAll(async () => {
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    users = ['sweep-a', 'sweep-b', 'sweep-c', 'sweep-d', 'sweep-e'];
    await sql`insert into users (id, role) select unnest(${users}::text[]), 'user'`.execute(t.db);
  });

  /** A due, Active mailbox for `userId` whose source behaves as `state`. */
  async function mailbox(userId: string, state: FakeMailbox['state'] = 'idle'): Promise<Mailbox> {
    const fake: FakeMailbox = { state, reads: [] };
    fakes.set(`/fake/${userId}`, fake);
    const row = await connectMailbox(t.db, {
      userId,
      kind: 'maildir',
      settings: { dir: `/fake/${userId}` },
      connectedAt: new Date(Date.now() - 3_600_000),
      cursor: { n: 5 },
    });
    await sql`update mailboxes set next_sync_at = now() - interval '1 second', sync_requested_at = null, last_sync_at = null
               where id = ${row.id}`.execute(t.db);
    return row;
  }
  const fake = (userId: string) => fakes.get(`/fake/${userId}`)!;

  beforeEach(async () => {
    lock = createMailboxLock(t.db, backend);
    await updateOrganisation(t.db, { autosharingEnabled: true });
    await sql`update users set included_in_import = true`.execute(t.db);
  });

  it('an idle mailbox is read once from its cursor and only its schedule and last sync are written', async () => {
    const before = Date.now();
    const a = await mailbox('sweep-a');
    const logged = await decisionCount(t.db);
    const result = await sweepIdle(deps(), [a.id]);
    expect(result).toEqual({ idle: [a.id], notDue: [], full: [] });
    expect(fake('sweep-a').reads).toEqual([{ cursor: { n: 5 }, limit: 1 }]);
    const row = (await getMailbox(t.db, a.id))!;
    expect(Date.parse(row.nextSyncAt) - before).toBeGreaterThanOrEqual(60_000);
    expect(Date.parse(row.lastSyncAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(row.cursor).toEqual({ n: 5 });
    expect(Date.parse((await getUser(t.db, 'sweep-a'))!.lastSyncAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await decisionCount(t.db)).toBe(logged);
  });

  it('news, a failing read and a mailbox never read yet go to the full run with their rows untouched', async () => {
    const news = await mailbox('sweep-a', 'news');
    const failing = await mailbox('sweep-b', new MailSourceError('unavailable', 'ECONNRESET'));
    const fresh = await mailbox('sweep-c');
    await sql`update mailboxes set cursor = null where id = ${fresh.id}`.execute(t.db);
    const rows = await Promise.all([news, failing, fresh].map((m) => getMailbox(t.db, m.id)));
    const result = await sweepIdle(deps(), [news.id, failing.id, fresh.id]);
    expect(result.idle).toEqual([]);
    expect(result.full.sort()).toEqual([news.id, failing.id, fresh.id].sort());
    expect(fake('sweep-c').reads).toEqual([]);
    expect(await Promise.all([news, failing, fresh].map((m) => getMailbox(t.db, m.id)))).toEqual(rows);
  });

  it('an Inactive mailbox is not checked here: the full run retries it and records the outcome', async () => {
    const a = await mailbox('sweep-a');
    await recordRunOutcome(
      t.db,
      a,
      failureOutcome(new Error('boom'), 0, new Date(Date.now() - 120_000)),
      new Date(),
    );
    const result = await sweepIdle(deps(), [a.id]);
    expect(result.full).toEqual([a.id]);
    expect(fake('sweep-a').reads).toEqual([]);
  });

  it('a mailbox not due yet is only put back; a paused one goes to the full run, which says paused', async () => {
    const early = await mailbox('sweep-a');
    await sql`update mailboxes set next_sync_at = now() + interval '1 minute' where id = ${early.id}`.execute(
      t.db,
    );
    const excluded = await mailbox('sweep-b');
    await sql`update users set included_in_import = false where id = 'sweep-b'`.execute(t.db);
    expect(await sweepIdle(deps(), [early.id, excluded.id])).toEqual({
      idle: [],
      notDue: [early.id],
      full: [excluded.id],
    });
    await updateOrganisation(t.db, { autosharingEnabled: false });
    const other = await mailbox('sweep-c');
    expect(await sweepIdle(deps(), [other.id])).toEqual({ idle: [], notDue: [], full: [other.id] });
    expect([fake('sweep-a'), fake('sweep-b'), fake('sweep-c')].map((f) => f.reads.length)).toEqual([0, 0, 0]);
  });

  it('a mailbox this process is running is left to that run', async () => {
    const a = await mailbox('sweep-a');
    let release = () => {};
    const held = lock.withLocalLock(a.id, () => new Promise<void>((r) => (release = r)));
    const result = await sweepIdle(deps(), [a.id]);
    release();
    await held;
    expect(result.full).toEqual([a.id]);
    expect(fake('sweep-a').reads).toEqual([]);
  });

  it('a failure recorded meanwhile by another worker is not overwritten with Active', async () => {
    const a = await mailbox('sweep-a');
    const failedAt = new Date();
    fake('sweep-a').during = () =>
      recordRunOutcome(t.db, a, failureOutcome(new Error('boom'), 0, failedAt), failedAt);
    await sweepIdle(deps(), [a.id]);
    const row = (await getMailbox(t.db, a.id))!;
    expect(row).toMatchObject({ status: 'inactive', consecutiveFailures: 1, lastSyncAt: null });
    expect(Date.parse(row.nextSyncAt)).toBe(failedAt.getTime() + 60_000);
  });

  it('"sync now" asked during the check brings the next run forward instead of an interval away', async () => {
    const a = await mailbox('sweep-a');
    fake('sweep-a').during = async () => {
      await sql`update mailboxes set sync_requested_at = now() + interval '1 second' where id = ${a.id}`.execute(
        t.db,
      );
    };
    const before = Date.now();
    await sweepIdle(deps(), [a.id]);
    const row = (await getMailbox(t.db, a.id))!;
    expect(Date.parse(row.nextSyncAt) - before).toBeLessThan(10_000);
  });

  it('a mailbox whose user shares meetings or appointments runs in full: its calendar changes apart from its mail', async () => {
    const a = await mailbox('sweep-a');
    const b = await mailbox('sweep-b');
    const c = await mailbox('sweep-c');
    await updateSyncSettings(t.db, 'sweep-a', { autoshareMeetings: true });
    await updateSyncSettings(t.db, 'sweep-b', { autoshareMeetings: false, autoshareAppointments: true });
    const result = await sweepIdle(deps(), [a.id, b.id, c.id]);
    expect(result.full.sort()).toEqual([a.id, b.id].sort());
    expect(result.idle).toEqual([c.id]);
    // The organisation's default counts for a user who never chose.
    await updateOrganisation(t.db, { defaultSettings: { autoshareAppointments: true } });
    await sql`update mailboxes set next_sync_at = now() - interval '1 second' where id = ${c.id}`.execute(
      t.db,
    );
    expect((await sweepIdle(deps(), [c.id])).full).toEqual([c.id]);
    await updateOrganisation(t.db, { defaultSettings: { autoshareAppointments: false } });
    await updateSyncSettings(t.db, 'sweep-a', { autoshareMeetings: false });
    await updateSyncSettings(t.db, 'sweep-b', { autoshareAppointments: false });
  });

  it('a batch of many: only the idle ones are written, in one go', async () => {
    const rows = await Promise.all(users.map((u, i) => mailbox(u, i % 2 === 0 ? 'idle' : 'news')));
    const result = await sweepIdle(
      deps(),
      rows.map((r) => r.id),
    );
    expect(result.idle.sort()).toEqual([rows[0]!.id, rows[2]!.id, rows[4]!.id].sort());
    expect(result.full.sort()).toEqual([rows[1]!.id, rows[3]!.id].sort());
    const after = await Promise.all(rows.map((r) => getMailbox(t.db, r.id)));
    expect(after.map((r) => r!.lastSyncAt !== null)).toEqual([true, false, true, false, true]);
  });
  it('a mailbox with an envelope in the 24-hour window due for a check runs in full (its run asks the CRM); an expired one does not', async () => {
    const waiting = await mailbox('sweep-d');
    const expired = await mailbox('sweep-e');
    const envelope = (id: string, expiresAt: Date) => ({
      message: {
        internetMessageId: id,
        folder: 'inbox' as const,
        from: { address: 'nobody.yet@acme.com' },
        to: [],
        cc: [],
        bcc: [],
        subject: 'Hello',
        sentAt: new Date().toISOString(),
      },
      seenAt: new Date(Date.now() - 10 * 60_000), // the CRM was last asked ten minutes ago: due again
      expiresAt,
    });
    await keepPending(t.db, waiting.id, [envelope('open@acme.com', new Date(Date.now() + 3_600_000))]);
    await keepPending(t.db, expired.id, [envelope('over@acme.com', new Date(Date.now() - 1000))]);
    const result = await sweepIdle(deps(), [waiting.id, expired.id]);
    expect(result).toEqual({ idle: [expired.id], notDue: [], full: [waiting.id] });
  });
});
