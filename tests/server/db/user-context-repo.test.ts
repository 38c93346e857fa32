import {
  addCorporateBlacklistEntries,
  addUserBlacklistEntries,
  effectiveBlacklist,
} from '../../../server/db/blacklist-repo';
import { findSavedEmails, recordSavedEmail, savedMessageIdsAmong } from '../../../server/db/ledger-repo';
import { getOrganisation, updateOrganisation } from '../../../server/db/organisation-repo';
import { getStoredSyncSettings, updateSyncSettings } from '../../../server/db/settings-repo';
import { findThreadSubscriptions, subscribeThread } from '../../../server/db/subscriptions-repo';
import { readUserContext } from '../../../server/db/user-context-repo';
import { createUser, removeUser } from '../../../server/db/users-repo';
import { countingDb } from '../../support/db/count-queries';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

// One statement reads what the single repository reads answer, and every write shows on the next read.

describe.each(backends)('user context on %s', (backend) => {
  const t = useTestDatabase(backend);
  const request = {
    userId: 'u1',
    threadIds: ['thread-a', 'thread-b', 'thread-z'],
    messageIds: ['<m1@x.com>', 'm2@x.com', '<m9@x.com>'],
  };
  beforeEach(async () => {
    await truncateAll(t.db);
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'], displayName: 'Alice' });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'], displayName: 'Bob' });
  });

  it("finds a subscription by the thread's root Message-ID as well as by its thread id", async () => {
    await subscribeThread(t.db, 'u1', 'AAQkCONV=', undefined, undefined, 'root@acme.com');
    await subscribeThread(t.db, 'u2', 'AAQkBOB=', undefined, undefined, 'root@acme.com');
    const byRoot = await readUserContext(t.db, { ...request, threadIds: ['root@acme.com'] });
    expect(byRoot.subscriptions).toEqual([{ threadId: 'AAQkCONV=', rootMessageId: 'root@acme.com' }]);
    const byThread = await readUserContext(t.db, { ...request, threadIds: ['AAQkCONV='] });
    expect(byThread.subscriptions).toEqual(byRoot.subscriptions);
  });

  it('creates the organisation with defaults on the very first read', async () => {
    const context = await readUserContext(t.db, request);
    expect(context.organisation).toEqual(await getOrganisation(t.db));
    expect(context).toMatchObject({ blacklist: [], subscriptions: [], savedMessageIds: [] });
    expect(context.storedSettings).toBeUndefined();
  });

  it('answers in one statement what the repositories answer one by one', async () => {
    await getOrganisation(t.db);
    await updateOrganisation(t.db, { internalDomains: ['ourco.com'], autosharingEnabled: false });
    await updateSyncSettings(t.db, 'u1', { sharing: { inbound: 'subject' } });
    await addUserBlacklistEntries(t.db, 'u1', ['spam@acme.com', 'globex.com']);
    await addUserBlacklistEntries(t.db, 'u2', ['bob-only.com']);
    await addCorporateBlacklistEntries(t.db, ['competitor.com', 'globex.com']);
    await subscribeThread(t.db, 'u1', 'thread-a', { kind: 'opportunity', id: 'opp-1' });
    await subscribeThread(t.db, 'u1', 'thread-b');
    await subscribeThread(t.db, 'u2', 'thread-z');
    const links = [{ kind: 'contact' as const, id: 'c1' }];
    await recordSavedEmail(t.db, {
      messageId: 'm1@x.com',
      activityId: 'a1',
      links,
      savedBy: 'u2',
      mode: 'manual',
    });
    await recordSavedEmail(t.db, {
      messageId: 'm2@x.com',
      activityId: 'a2',
      links,
      savedBy: 'u1',
      mode: 'automatic',
    });

    const counter = countingDb(t.db);
    await readUserContext(counter.db, { ...request, ledger: true }); // PGlite: creates its session function
    counter.reset();
    const context = await readUserContext(counter.db, { ...request, ledger: true });
    expect(counter.count()).toBe(1);
    expect(context.organisation).toEqual(await getOrganisation(t.db));
    expect(context.storedSettings).toEqual(await getStoredSyncSettings(t.db, 'u1'));
    expect(context.blacklist).toEqual(await effectiveBlacklist(t.db, 'u1'));
    expect(context.blacklist).toEqual(['competitor.com', 'globex.com', 'spam@acme.com']);
    expect(context.subscriptions).toEqual(await findThreadSubscriptions(t.db, 'u1', request.threadIds));
    expect(context.savedMessageIds).toEqual(await savedMessageIdsAmong(t.db, request.messageIds));
    const ledger = await findSavedEmails(t.db, request.messageIds);
    expect(context.ledger).toEqual(
      new Map(
        [...ledger].map(([id, entry]) => [
          id,
          { ...entry, savedByName: entry.savedBy === 'u2' ? 'Bob' : 'Alice' },
        ]),
      ),
    );
  });

  it('names no saver once that user is removed', async () => {
    await recordSavedEmail(t.db, {
      messageId: 'm1@x.com',
      activityId: 'a1',
      links: [],
      savedBy: 'u2',
      mode: 'manual',
    });
    await removeUser(t.db, 'u2');
    const context = await readUserContext(t.db, { ...request, ledger: true });
    expect(context.ledger?.get('m1@x.com')).toMatchObject({ activityId: 'a1' });
    expect(context.ledger?.get('m1@x.com')).not.toHaveProperty('savedByName');
  });

  it('leaves the ledger out unless asked', async () => {
    expect(await readUserContext(t.db, request)).not.toHaveProperty('ledger');
  });
});
