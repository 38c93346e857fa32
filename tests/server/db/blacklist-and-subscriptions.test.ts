import {
  addCorporateBlacklistEntries,
  addUserBlacklistEntries,
  effectiveBlacklist,
  listCorporateBlacklist,
  listUserBlacklist,
  removeCorporateBlacklistEntries,
  removeUserBlacklistEntries,
} from '../../../server/db/blacklist-repo';
import {
  findThreadSubscriptions,
  listThreadSubscriptions,
  subscribeThread,
  unsubscribeThread,
} from '../../../server/db/subscriptions-repo';
import { recordDecisions } from '../../../server/db/decision-log-repo';
import { createUser } from '../../../server/db/users-repo';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('blacklists and thread subscriptions on %s', (backend) => {
  const t = useTestDatabase(backend);
  beforeEach(async () => {
    await truncateAll(t.db);
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'] });
  });

  it('stores normalised user entries, reports what was new, and dedupes', async () => {
    expect(
      await addUserBlacklistEntries(t.db, 'u1', ['Spam@Acme.com', '@globex.com', 'initech.io.', '']),
    ).toEqual(['globex.com', 'initech.io', 'spam@acme.com']);
    expect(await addUserBlacklistEntries(t.db, 'u1', ['spam@acme.com', 'GLOBEX.com', 'new.com'])).toEqual([
      'new.com',
    ]);
    expect(await listUserBlacklist(t.db, 'u1')).toEqual([
      'globex.com',
      'initech.io',
      'new.com',
      'spam@acme.com',
    ]);
    expect(await listUserBlacklist(t.db, 'u2')).toEqual([]);
  });

  it('removes user entries and reports which were there', async () => {
    await addUserBlacklistEntries(t.db, 'u1', ['a@acme.com', 'globex.com']);
    expect(await removeUserBlacklistEntries(t.db, 'u1', ['A@acme.com', 'missing.com'])).toEqual([
      'a@acme.com',
    ]);
    expect(await listUserBlacklist(t.db, 'u1')).toEqual(['globex.com']);
    expect(await removeUserBlacklistEntries(t.db, 'u1', [])).toEqual([]);
  });

  it('keeps a corporate list and merges it with each user list', async () => {
    expect(await addCorporateBlacklistEntries(t.db, ['HR@ourco.com', 'payroll.com'])).toEqual([
      'hr@ourco.com',
      'payroll.com',
    ]);
    expect(await addCorporateBlacklistEntries(t.db, ['payroll.com'])).toEqual([]);
    await addUserBlacklistEntries(t.db, 'u1', ['payroll.com', 'x@acme.com']);
    expect(await listCorporateBlacklist(t.db)).toEqual(['hr@ourco.com', 'payroll.com']);
    expect(await effectiveBlacklist(t.db, 'u1')).toEqual(['hr@ourco.com', 'payroll.com', 'x@acme.com']);
    expect(await effectiveBlacklist(t.db, 'u2')).toEqual(['hr@ourco.com', 'payroll.com']);
    expect(await removeCorporateBlacklistEntries(t.db, ['hr@ourco.com'])).toEqual(['hr@ourco.com']);
    expect(await effectiveBlacklist(t.db, 'u2')).toEqual(['payroll.com']);
  });

  it('subscribes, replaces, lists, finds and removes thread subscriptions', async () => {
    expect(await subscribeThread(t.db, 'u1', 'T1')).toEqual({ threadId: 'T1' });
    expect(await subscribeThread(t.db, 'u1', 'T2', { kind: 'opportunity', id: 'opp-1' })).toEqual({
      threadId: 'T2',
      what: { kind: 'opportunity', id: 'opp-1' },
    });
    await subscribeThread(t.db, 'u1', 'T1', { kind: 'account', id: 'acc-1' });
    await subscribeThread(t.db, 'u2', 'T1');

    const mine = await listThreadSubscriptions(t.db, 'u1');
    expect(mine).toHaveLength(2);
    expect(mine).toContainEqual({ threadId: 'T1', what: { kind: 'account', id: 'acc-1' } });
    expect(await findThreadSubscriptions(t.db, 'u1', ['T2', 'T3', 'T2'])).toEqual([
      { threadId: 'T2', what: { kind: 'opportunity', id: 'opp-1' } },
    ]);
    expect(await findThreadSubscriptions(t.db, 'u2', ['T1'])).toEqual([{ threadId: 'T1' }]);
    expect(await findThreadSubscriptions(t.db, 'u1', [])).toEqual([]);

    expect(await unsubscribeThread(t.db, 'u1', 'T1')).toBe(true);
    expect(await unsubscribeThread(t.db, 'u1', 'T1')).toBe(false);
    expect(await listThreadSubscriptions(t.db, 'u1')).toEqual([
      { threadId: 'T2', what: { kind: 'opportunity', id: 'opp-1' } },
    ]);
  });

  it("stores the thread's root Message-ID too and finds a subscription by either id", async () => {
    const opp = { kind: 'opportunity' as const, id: 'opp-1' };
    await subscribeThread(t.db, 'u1', 'AAQkCONV=', opp, 'Terms', 'root@acme.com');
    await subscribeThread(t.db, 'u1', 'GMAIL-1');
    await subscribeThread(t.db, 'u2', 'OTHER', undefined, undefined, 'root@acme.com');
    const stored = { threadId: 'AAQkCONV=', rootMessageId: 'root@acme.com', what: opp };
    expect(await findThreadSubscriptions(t.db, 'u1', ['root@acme.com'])).toEqual([stored]);
    expect(await findThreadSubscriptions(t.db, 'u1', ['AAQkCONV='])).toEqual([stored]);
    expect(await findThreadSubscriptions(t.db, 'u1', ['GMAIL-1', 'root@acme.com'])).toEqual([
      stored,
      { threadId: 'GMAIL-1' },
    ]);
    // Saving again from a face that could not read the headers keeps the root already known.
    await subscribeThread(t.db, 'u1', 'AAQkCONV=', { kind: 'account', id: 'acc-1' });
    expect(await findThreadSubscriptions(t.db, 'u1', ['root@acme.com'])).toEqual([
      { threadId: 'AAQkCONV=', rootMessageId: 'root@acme.com', what: { kind: 'account', id: 'acc-1' } },
    ]);
    // The list for people stays as it was: subject, record, the thread id to unsubscribe with.
    expect(await listThreadSubscriptions(t.db, 'u1')).toContainEqual({
      threadId: 'AAQkCONV=',
      what: { kind: 'account', id: 'acc-1' },
      subject: 'Terms',
    });
  });

  it('refuses a thread linked to a person, and an empty thread id', async () => {
    await expect(subscribeThread(t.db, 'u1', 'T1', { kind: 'contact', id: 'c1' })).rejects.toThrow(
      /opportunity or account/,
    );
    await expect(subscribeThread(t.db, 'u1', ' ')).rejects.toThrow(/thread id/);
  });
  it("lists each thread by the saved email's subject, else by the thread's latest email in the decision log", async () => {
    await subscribeThread(t.db, 'u1', 'T-saved', undefined, 'Renewal terms');
    await subscribeThread(t.db, 'u1', 'T-logged');
    await subscribeThread(t.db, 'u1', 'T-unknown');
    const logged = (subject: string, decidedAt: string, userId = 'u1') => ({
      userId,
      direction: 'inbound' as const,
      decidedAt,
      message: {
        internetMessageId: `<${subject}@acme.com>`,
        threadId: 'T-logged',
        folder: 'inbox' as const,
        from: { address: 'jane@acme.com' },
        to: [{ address: 'alice@ourco.com' }],
        cc: [],
        subject,
        sentAt: decidedAt,
      },
      decision: {
        action: 'skip' as const,
        reason: 'already_saved' as const,
        who: [],
        create: [],
        content: 'full' as const,
        trace: [],
      },
    });
    await recordDecisions(t.db, [
      logged('First', '2026-12-01T09:00:00Z'),
      logged('Re: First', '2026-12-02T09:00:00Z'),
      logged("Bob's own", '2026-12-03T09:00:00Z', 'u2'),
    ]);
    const subjects = Object.fromEntries(
      (await listThreadSubscriptions(t.db, 'u1')).map((s) => [s.threadId, s.subject]),
    );
    expect(subjects).toEqual({ 'T-saved': 'Renewal terms', 'T-logged': 'Re: First', 'T-unknown': undefined });

    // A thread subscribed in Outlook, whose emails the IMAP sync logged under the root (References only).
    await subscribeThread(t.db, 'u1', 'AAQk-conv=', undefined, undefined, 'imap-root@acme.com');
    const imap = logged('Re: From IMAP', '2026-12-04T09:00:00Z');
    await recordDecisions(t.db, [
      {
        ...imap,
        message: { ...imap.message, threadId: undefined, headers: { references: '<imap-root@acme.com>' } },
      },
    ]);
    const listed = await listThreadSubscriptions(t.db, 'u1');
    expect(listed.find((s) => s.threadId === 'AAQk-conv=')?.subject).toBe('Re: From IMAP');
  });
});
