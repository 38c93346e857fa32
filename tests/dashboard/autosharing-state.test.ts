import { autosharingState, includeAgainLabel } from '../../dashboard/src/admin/autosharing-state';

// The Smart autosharing page's badge: a green "On" only while some mailbox is read; otherwise it says why.

const org = (
  autosharingEnabled: boolean,
  included: number,
  readable: number,
  includedBeforeStop: number,
) => ({
  autosharingEnabled,
  usersImport: { included, readable, includedBeforeStop },
});

describe('Smart autosharing state', () => {
  test('on with nobody included (after a restart): a warning, and one click to include those included before', () => {
    expect(autosharingState(org(true, 0, 0, 3))).toEqual({
      badge: 'On, no user included',
      color: 'warning',
      text: 'No user is included in import, so no mailbox is read. 3 users were included before autosharing was stopped.',
      includeAgain: 3,
    });
    expect(includeAgainLabel(3)).toBe('Include again the 3 users included before the stop');
    expect(includeAgainLabel(1)).toBe('Include again the user included before the stop');
    expect(autosharingState(org(true, 0, 0, 0))).toMatchObject({ color: 'warning', includeAgain: 0 });
  });

  test('on with users included but no mailbox connected: a warning that says so', () => {
    expect(autosharingState(org(true, 2, 0, 0))).toMatchObject({
      badge: 'On, no mailbox connected',
      color: 'warning',
    });
  });

  test('green "On" only when a mailbox is read; stopped is a warning', () => {
    expect(autosharingState(org(true, 2, 1, 0))).toMatchObject({ badge: 'On', color: 'success' });
    expect(autosharingState(org(false, 0, 0, 2))).toMatchObject({
      badge: 'Stopped',
      color: 'warning',
      includeAgain: 0,
    });
    for (const [inc, read] of [
      [0, 0],
      [3, 0],
    ] as const)
      expect(autosharingState(org(true, inc, read, 1)).color).not.toBe('success');
  });
});
