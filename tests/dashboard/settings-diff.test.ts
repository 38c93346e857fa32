import type { SyncSettings } from '../../dashboard/src/api/types';
import { changeCount, settingsDiff } from '../../dashboard/src/settings/settings-diff';

const saved: SyncSettings = {
  autoshareEmails: true,
  threadAutosave: true,
  linkToOpportunities: true,
  autoCreateContacts: false,
  blacklistPolicy: 'exclude-participant',
  sharing: { inbound: 'full', outbound: 'full' },
  autoshareMeetings: false,
  autoshareAppointments: false,
};

describe('settingsDiff', () => {
  test('no change, no patch', () => {
    expect(settingsDiff(saved, { ...saved, sharing: { ...saved.sharing } })).toEqual({});
    expect(changeCount({})).toBe(0);
  });

  test('only what changed, one sharing direction at a time', () => {
    const patch = settingsDiff(saved, {
      ...saved,
      autoshareEmails: false,
      blacklistPolicy: 'skip-email',
      sharing: { inbound: 'metadata', outbound: 'full' },
    });
    expect(patch).toEqual({
      autoshareEmails: false,
      blacklistPolicy: 'skip-email',
      sharing: { inbound: 'metadata' },
    });
    expect(changeCount(patch)).toBe(3);
  });

  test('the calendar switches are changes of their own', () => {
    const patch = settingsDiff(saved, { ...saved, autoshareMeetings: true, autoshareAppointments: true });
    expect(patch).toEqual({ autoshareMeetings: true, autoshareAppointments: true });
    expect(changeCount(patch)).toBe(2);
  });
});
