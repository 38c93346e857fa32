/** The settings schemas: calendar sharing switches are accepted and returned, and read as off when absent. */
import { autoshareContextSchema, syncSettingsSchema } from '../../src';
import { syncSettingsPatchSchema } from '../../src/api/user-api';

const legacy = {
  autoshareEmails: true,
  threadAutosave: true,
  linkToOpportunities: false,
  autoCreateContacts: false,
  blacklistPolicy: 'exclude-participant',
  sharing: { inbound: 'subject', outbound: 'full' },
};

describe('sync settings schema', () => {
  test('settings written before calendar sharing read as off', () => {
    expect(syncSettingsSchema.parse(legacy)).toEqual({
      ...legacy,
      autoshareMeetings: false,
      autoshareAppointments: false,
    });
  });

  test('the switches are kept when given, and must be true or false', () => {
    const on = { ...legacy, autoshareMeetings: true, autoshareAppointments: true };
    expect(syncSettingsSchema.parse(on)).toEqual(on);
    expect(syncSettingsSchema.safeParse({ ...legacy, autoshareMeetings: 'yes' }).success).toBe(false);
  });

  test('a patch may change either switch alone; a patch of the wrong type is refused', () => {
    expect(syncSettingsPatchSchema.parse({ autoshareMeetings: true })).toEqual({ autoshareMeetings: true });
    expect(syncSettingsPatchSchema.parse({ autoshareAppointments: false })).toEqual({
      autoshareAppointments: false,
    });
    expect(syncSettingsPatchSchema.safeParse({ autoshareAppointments: 1 }).success).toBe(false);
  });

  test('an explain context written before calendar sharing still parses, with the switches off', () => {
    const ctx = {
      user: { id: 'u1', addresses: ['rep@ourco.com'], crmUserId: 'crm-u1' },
      connectedAt: '2026-01-01T00:00:00Z',
      internalDomains: ['ourco.com'],
      settings: legacy,
      blacklist: [],
      threadSubscriptions: [],
      savedMessageIds: [],
      crm: { people: [], accounts: [], opportunities: [] },
    };
    expect(autoshareContextSchema.parse(ctx).settings).toMatchObject({
      autoshareMeetings: false,
      autoshareAppointments: false,
    });
  });
});
