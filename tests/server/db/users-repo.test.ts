import {
  AddressInUseError,
  createUser,
  excludeAllFromImport,
  findUserByAddress,
  getUser,
  getUsers,
  listUsers,
  removeUser,
  setUserAddresses,
  updateUser,
} from '../../../server/db/users-repo';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('users repository on %s', (backend) => {
  const t = useTestDatabase(backend);
  beforeEach(() => truncateAll(t.db));

  it('creates a user with normalised addresses, the first one primary', async () => {
    const user = await createUser(t.db, {
      id: 'u1',
      addresses: [' Alice@OurCo.com ', 'alice.smith@ourco.com', 'alice@ourco.com', 'not-an-address'],
      displayName: 'Alice',
      crmUserId: '005A',
      role: 'admin',
      connectedAt: '2026-01-05T09:00:00Z',
    });
    expect(user).toMatchObject({
      id: 'u1',
      addresses: ['alice@ourco.com', 'alice.smith@ourco.com'],
      displayName: 'Alice',
      crmUserId: '005A',
      role: 'admin',
      includedInImport: true,
      status: 'inactive',
      statusDetails: null,
      lastSyncAt: null,
      connectedAt: '2026-01-05T09:00:00.000Z',
    });
    expect(new Date(user.createdAt).getTime()).not.toBeNaN();
    expect(await getUser(t.db, 'u1')).toEqual(user);
  });

  it('finds a user by any alias, case-insensitively', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['bob@ourco.com', 'robert@ourco.com'] });
    expect((await findUserByAddress(t.db, 'ROBERT@ourco.com'))?.id).toBe('u1');
    expect((await findUserByAddress(t.db, 'bob@ourco.com'))?.id).toBe('u1');
    expect(await findUserByAddress(t.db, 'carol@ourco.com')).toBeUndefined();
  });

  it('refuses an address that belongs to another user, and a user without addresses', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['bob@ourco.com'] });
    await expect(
      createUser(t.db, { id: 'u2', addresses: ['carol@ourco.com', 'BOB@ourco.com'] }),
    ).rejects.toThrow(AddressInUseError);
    expect(await getUser(t.db, 'u2')).toBeUndefined();
    await expect(createUser(t.db, { addresses: ['nobody'] })).rejects.toThrow(/at least one/);
  });

  it('replaces addresses and updates status fields', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['bob@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['carol@ourco.com'] });
    const replaced = await setUserAddresses(t.db, 'u1', ['rob@ourco.com', 'bob@ourco.com']);
    expect(replaced?.addresses).toEqual(['rob@ourco.com', 'bob@ourco.com']);
    await expect(setUserAddresses(t.db, 'u1', ['carol@ourco.com'])).rejects.toThrow(AddressInUseError);

    const updated = await updateUser(t.db, 'u1', {
      status: 'active',
      statusDetails: 'Syncing',
      lastError: 'IMAP timeout',
      lastSyncAt: new Date('2026-02-01T10:00:00Z'),
      role: 'admin',
      crmUserId: '005B',
    });
    expect(updated).toMatchObject({
      status: 'active',
      statusDetails: 'Syncing',
      lastError: 'IMAP timeout',
      lastSyncAt: '2026-02-01T10:00:00.000Z',
      role: 'admin',
      crmUserId: '005B',
    });
    expect(await updateUser(t.db, 'missing', { status: 'active' })).toBeUndefined();
  });

  it('lists users in creation order, fetches several, removes one with its addresses', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['a@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['b@ourco.com'] });
    expect((await listUsers(t.db)).map((u) => u.id)).toEqual(['u1', 'u2']);
    expect((await getUsers(t.db, ['u2', 'u1'])).map((u) => u.id).sort()).toEqual(['u1', 'u2']);
    expect(await removeUser(t.db, 'u1')).toBe(true);
    expect(await removeUser(t.db, 'u1')).toBe(false);
    expect(await findUserByAddress(t.db, 'a@ourco.com')).toBeUndefined();
    // The freed address can be taken again.
    await createUser(t.db, { id: 'u3', addresses: ['a@ourco.com'] });
  });

  it('takes everyone out of import (admin stop)', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['a@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['b@ourco.com'], includedInImport: false });
    await createUser(t.db, { id: 'u3', addresses: ['c@ourco.com'] });
    expect(await excludeAllFromImport(t.db)).toBe(2);
    expect((await listUsers(t.db)).map((u) => u.includedInImport)).toEqual([false, false, false]);
  });
});
