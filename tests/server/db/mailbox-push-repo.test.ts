import { connectMailbox } from '../../../server/db/mailboxes-repo';
import {
  deletePush,
  findPushBySubscription,
  getPush,
  mailboxPush,
  pushSecretHash,
  renewPush,
  savePush,
} from '../../../server/db/mailbox-push-repo';
import { createUser } from '../../../server/db/users-repo';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

// Push subscriptions per mailbox: one each, found by what a notification names, renewed by one worker only.

describe.each(backends)('mailbox push subscriptions on %s', (backend) => {
  const t = useTestDatabase(backend);
  let mailboxId = '';
  beforeEach(async () => {
    await truncateAll(t.db);
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    const mailbox = await connectMailbox(t.db, {
      userId: 'u1',
      kind: 'graph',
      settings: { address: 'alice@ourco.com' },
      connectedAt: new Date(),
      cursor: {},
    });
    mailboxId = mailbox.id;
  });

  it('saves, replaces, finds by subscription, keeps only a hash of the secret, and deletes', async () => {
    const expiresAt = new Date('2026-12-09T10:00:00.000Z');
    await savePush(t.db, {
      mailboxId,
      provider: 'graph',
      subscriptionId: 'sub-1',
      secret: 's3cret',
      expiresAt,
    });
    expect(await getPush(t.db, mailboxId)).toEqual({
      mailboxId,
      kind: 'mail',
      provider: 'graph',
      subscriptionId: 'sub-1',
      secretHash: pushSecretHash('s3cret'),
      resourceId: null,
      expiresAt: expiresAt.toISOString(),
    });
    expect(pushSecretHash('s3cret')).not.toContain('s3cret');
    await savePush(t.db, { mailboxId, provider: 'graph', subscriptionId: 'sub-2', expiresAt });
    expect(await findPushBySubscription(t.db, 'graph', 'sub-1')).toEqual([]);
    expect((await findPushBySubscription(t.db, 'graph', 'sub-2')).map((p) => p.secretHash)).toEqual([null]);
    expect(await findPushBySubscription(t.db, 'gmail', 'sub-2')).toEqual([]);
    await deletePush(t.db, mailboxId);
    expect(await getPush(t.db, mailboxId)).toBeUndefined();
  });

  it('a renewal wins only against the expiry it read: the second of two workers loses', async () => {
    const first = new Date('2026-12-09T10:00:00.000Z');
    await savePush(t.db, { mailboxId, provider: 'graph', subscriptionId: 'sub-1', expiresAt: first });
    const later = new Date('2026-12-11T10:00:00.000Z');
    expect(await renewPush(t.db, mailboxId, first.toISOString(), later)).toBe(true);
    expect(await renewPush(t.db, mailboxId, first.toISOString(), new Date('2026-12-12T10:00:00Z'))).toBe(
      false,
    );
    expect((await getPush(t.db, mailboxId))?.expiresAt).toBe(later.toISOString());
  });

  it("a mailbox's calendar push lives beside its mail push: saved, renewed, removed apart", async () => {
    const at = new Date('2026-12-09T10:00:00.000Z');
    await savePush(t.db, { mailboxId, provider: 'gmail', subscriptionId: 'rep@example.org', expiresAt: at });
    const calendar = mailboxPush(t.db, mailboxId, 'google-calendar', 'calendar');
    await calendar.save({ subscriptionId: 'channel-1', secret: 'tok', resourceId: 'res-1', expiresAt: at });
    expect((await getPush(t.db, mailboxId))?.subscriptionId).toBe('rep@example.org');
    expect(await calendar.load()).toMatchObject({ kind: 'calendar', subscriptionId: 'channel-1', resourceId: 'res-1' });
    // The mail's row is another provider's: the calendar's view of it is empty, and the other way round.
    expect(await mailboxPush(t.db, mailboxId, 'google-calendar').load()).toBeUndefined();
    expect(await mailboxPush(t.db, mailboxId, 'gmail', 'calendar').load()).toBeUndefined();
    const later = new Date('2026-12-10T10:00:00.000Z');
    expect(await calendar.renew(at.toISOString(), later)).toBe(true);
    expect((await getPush(t.db, mailboxId))?.expiresAt).toBe(at.toISOString());
    expect((await findPushBySubscription(t.db, 'google-calendar', 'channel-1'))[0]?.expiresAt).toBe(
      later.toISOString(),
    );
    // Removing a channel that was replaced meanwhile leaves the replacement.
    await calendar.save({ subscriptionId: 'channel-2', secret: 'tok2', resourceId: 'res-2', expiresAt: later });
    await calendar.remove('channel-1');
    expect((await calendar.load())?.subscriptionId).toBe('channel-2');
    await calendar.remove('channel-2');
    expect(await calendar.load()).toBeUndefined();
    expect(await getPush(t.db, mailboxId)).toBeDefined();
    await calendar.save({ subscriptionId: 'channel-3', expiresAt: later });
    await deletePush(t.db, mailboxId);
    expect(await calendar.load()).toBeUndefined();
    expect(await getPush(t.db, mailboxId)).toBeUndefined();
  });
});
