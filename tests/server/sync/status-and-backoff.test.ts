import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { connectMailbox, getMailbox } from '../../../server/db/mailboxes-repo';
import { updateOrganisation } from '../../../server/db/organisation-repo';
import { getUser } from '../../../server/db/users-repo';
import { MailSourceError, type MailSource } from '../../../server/providers/mail-source';
import { backoffMs } from '../../../server/sync/backoff';
import { createMailboxLock } from '../../../server/sync/mailbox-lock';
import { SourceCache } from '../../../server/sync/source-cache';
import { runMailbox, type RunDeps } from '../../../server/sync/sync-run';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe('backoff', () => {
  it('waits 1, 2, 4 … minutes, at most 30, and honours a longer Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect(backoffMs(1, 5 * 60_000)).toBe(5 * 60_000);
    expect(backoffMs(3, 1000)).toBe(4 * 60_000);
  });
});

describe.each(backends)('mailbox status transitions (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let failure: MailSourceError | undefined;
  const source: MailSource = {
    kind: 'maildir',
    initialCursor: async () => ({ n: 0 }),
    fetchChanges: async (cursor) => {
      if (failure) throw failure;
      return { messages: [], cursor, more: false };
    },
    fetchMessage: async () => undefined,
    close: async () => {},
  };
  let clock = new Date(Date.now() + 1000);
  const deps = (): RunDeps => ({
    db: t.db,
    crm: new EmbeddedCrm(t.db),
    lock: createMailboxLock(t.db, backend),
    sources: new SourceCache(() => source),
    intervalMs: 60_000,
    batchSize: 100,
    maxBatchesPerRun: 5,
    now: () => clock,
  });

  it('goes Inactive with the reason, backs off, and a reconnect clears it', async () => {
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    const connect = () =>
      connectMailbox(t.db, {
        userId: DEMO_ADMIN.userId,
        kind: 'maildir',
        settings: { dir: '/nowhere' },
        connectedAt: new Date(Date.now() - 86_400_000),
        cursor: { n: 0 },
      });
    const mailbox = await connect();

    expect(await runMailbox(deps(), mailbox.id, { force: true })).toMatchObject({ outcome: 'synced' });
    expect((await getUser(t.db, DEMO_ADMIN.userId))?.status).toBe('active');

    failure = new MailSourceError('auth', 'AUTHENTICATIONFAILED Invalid credentials');
    const nexts: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(await runMailbox(deps(), mailbox.id, { force: true })).toMatchObject({ outcome: 'failed' });
      const row = (await getMailbox(t.db, mailbox.id))!;
      nexts.push((Date.parse(row.nextSyncAt) - clock.getTime()) / 60_000);
    }
    expect(nexts).toEqual([1, 2, 4, 8, 16, 30, 30]);
    let row = (await getMailbox(t.db, mailbox.id))!;
    expect(row).toMatchObject({
      status: 'inactive',
      statusReason: 'sign_in_expired',
      consecutiveFailures: 7,
    });
    const user = (await getUser(t.db, DEMO_ADMIN.userId))!;
    expect(user.status).toBe('inactive');
    expect(user.statusDetails).toMatch(/reconnect/);
    expect(user.lastError).toMatch(/Invalid credentials/);

    // Not due yet: a scheduled wake-up does nothing.
    expect(await runMailbox(deps(), mailbox.id)).toEqual({ outcome: 'not_due' });

    failure = new MailSourceError('consent_revoked', 'consent revoked');
    await runMailbox(deps(), mailbox.id, { force: true });
    expect((await getMailbox(t.db, mailbox.id))?.statusReason).toBe('consent_revoked');
    failure = new MailSourceError('unavailable', 'ECONNRESET');
    await runMailbox(deps(), mailbox.id, { force: true });
    expect((await getMailbox(t.db, mailbox.id))?.statusReason).toBe('provider_error');

    // Reconnect: Active again, failures forgotten, due at once.
    failure = undefined;
    row = await connect();
    clock = new Date(Date.now() + 1000);
    expect(row).toMatchObject({ status: 'active', statusReason: null, consecutiveFailures: 0 });
    expect(await runMailbox(deps(), mailbox.id)).toMatchObject({ outcome: 'synced' });
    expect((await getUser(t.db, DEMO_ADMIN.userId))?.status).toBe('active');

    // Admin stop pauses every schedule; start resumes it.
    await updateOrganisation(t.db, { autosharingEnabled: false });
    expect(await runMailbox(deps(), mailbox.id, { force: true })).toEqual({ outcome: 'paused' });
    await updateOrganisation(t.db, { autosharingEnabled: true });
    expect(await runMailbox(deps(), mailbox.id, { force: true })).toMatchObject({ outcome: 'synced' });
    clock = new Date(clock.getTime() + 1000);
  });
});
