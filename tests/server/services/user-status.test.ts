import type { Organisation } from '../../../server/db/organisation-repo';
import type { User } from '../../../server/db/users-repo';
import { userStatus } from '../../../server/services/user-status';

// What the admin reads beside each user: the first reason that applies, and what to do about it.

const organisation = { autosharingEnabled: true } as Organisation;
const user = (patch: Partial<User>): User => ({
  id: 'u1',
  addresses: ['sam@ourco.com'],
  displayName: 'Sam',
  crmUserId: 'usr-sam',
  role: 'user',
  includedInImport: true,
  status: 'inactive',
  statusDetails: null,
  lastError: null,
  lastSyncAt: null,
  connectedAt: '2026-12-01T09:00:00.000Z',
  createdAt: '2026-12-01T09:00:00.000Z',
  ...patch,
});

describe('user status for the admin', () => {
  test('stopped for the organisation, then not included, then not connected, in that order', () => {
    expect(userStatus(user({}), { ...organisation, autosharingEnabled: false }).reason).toBe(
      'Autosharing is stopped for the organisation.',
    );
    expect(userStatus(user({ includedInImport: false }), organisation).reason).toBe(
      'Not included in import.',
    );
    expect(userStatus(user({ connectedAt: null }), organisation).reason).toBe('Mailbox not connected.');
  });

  test('"What to do" names the control that fixes it, as the dashboard labels it', () => {
    const stopped = { ...organisation, autosharingEnabled: false };
    expect(userStatus(user({}), stopped).whatToDo).toBe(
      'Press "Enable Smart autosharing" on the Smart autosharing page, then turn on the Import switch beside them on the Users page.',
    );
    expect(userStatus(user({ includedBeforeStop: true }), stopped).whatToDo).toMatch(
      /^Press "Enable Smart autosharing" on the Smart autosharing page, then "Include again…" there/,
    );
    expect(userStatus(user({ includedInImport: false }), organisation).whatToDo).toBe(
      'Turn on the Import switch beside them on the Users page (it reads "Left out" now).',
    );
    expect(
      userStatus(user({ includedInImport: false, includedBeforeStop: true }), organisation).whatToDo,
    ).toMatch(/"Include again…" on the Smart autosharing page/);
    expect(userStatus(user({ connectedAt: null }), organisation).whatToDo).toMatch(
      /My mailbox page; "Sign-in link" beside them on the Users page/,
    );
    // No page of the dashboard is called "Admin" or "Users for import".
    for (const u of [user({}), user({ includedInImport: false }), user({ connectedAt: null })])
      for (const org of [organisation, stopped])
        expect(userStatus(u, org).whatToDo ?? '').not.toMatch(/Admin page|under Users for import/);
  });

  test('connected and never synced: waiting for the first sync, not a failure', () => {
    expect(userStatus(user({}), organisation)).toMatchObject({
      status: 'Inactive',
      reason: 'Mailbox connected; the first sync has not run yet.',
    });
  });

  test('a failed sync shows its details, or says it failed when there are none', () => {
    const details = 'The mailbox sign-in expired or was refused: reconnect the mailbox.';
    expect(userStatus(user({ statusDetails: details, lastError: 'AUTH' }), organisation)).toMatchObject({
      status: 'Inactive',
      reason: details,
      lastError: 'AUTH',
    });
    expect(userStatus(user({ lastError: 'boom' }), organisation).reason).toBe('The last sync failed.');
  });

  test('Active when the last run went well', () => {
    expect(
      userStatus(user({ status: 'active', lastSyncAt: '2026-12-01T09:01:00.000Z' }), organisation),
    ).toEqual({
      status: 'Active',
      lastSyncAt: '2026-12-01T09:01:00.000Z',
      lastError: null,
    });
  });
});
