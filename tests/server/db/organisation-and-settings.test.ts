import { DEFAULT_SYNC_SETTINGS } from '../../../server/db/default-sync-settings';
import { getOrganisation, updateOrganisation } from '../../../server/db/organisation-repo';
import { getSyncSettings, resetSyncSettings, updateSyncSettings } from '../../../server/db/settings-repo';
import { jsonb } from '../../../server/db/jsonb';
import { createUser } from '../../../server/db/users-repo';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('organisation and settings on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('creates the organisation with defaults on first read', async () => {
    const org = await getOrganisation(t.db);
    expect(org).toMatchObject({
      internalDomains: [],
      defaultSettings: DEFAULT_SYNC_SETTINGS,
      autosharingEnabled: true,
      showExtractedInfo: true,
      crmKind: 'embedded',
    });
    expect(org.defaultSettings.blacklistPolicy).toBe('exclude-participant');
    await getOrganisation(t.db);
    const rows = await t.db.selectFrom('organisation').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('updates fields, normalising and deduplicating internal domains', async () => {
    const org = await updateOrganisation(t.db, {
      internalDomains: ['OurCo.com', '@ourco.com', 'ourco.co.uk.', ' '],
      autosharingEnabled: false,
      showExtractedInfo: false,
      defaultSettings: { sharing: { inbound: 'subject' } },
    });
    expect(org.internalDomains).toEqual(['ourco.com', 'ourco.co.uk']);
    expect(org.autosharingEnabled).toBe(false);
    expect(org.showExtractedInfo).toBe(false);
    expect(org.defaultSettings.sharing).toEqual({
      inbound: 'subject',
      outbound: DEFAULT_SYNC_SETTINGS.sharing.outbound,
    });
    expect(await getOrganisation(t.db)).toEqual(org);
    await updateOrganisation(t.db, { autosharingEnabled: true });
    expect((await getOrganisation(t.db)).internalDomains).toEqual(['ourco.com', 'ourco.co.uk']);
  });

  it('gives a user the organisation defaults, then their own changes on top', async () => {
    const user = await createUser(t.db, { addresses: ['settings@ourco.com'] });
    const org = await getOrganisation(t.db);
    expect(await getSyncSettings(t.db, user.id)).toEqual(org.defaultSettings);

    const changed = await updateSyncSettings(t.db, user.id, {
      autoCreateContacts: true,
      blacklistPolicy: 'skip-email',
      sharing: { outbound: 'metadata' },
    });
    expect(changed).toEqual({
      ...org.defaultSettings,
      autoCreateContacts: true,
      blacklistPolicy: 'skip-email',
      sharing: { inbound: org.defaultSettings.sharing.inbound, outbound: 'metadata' },
    });

    // A later organisation default change reaches fields the user never touched.
    await updateOrganisation(t.db, {
      defaultSettings: { linkToOpportunities: false, sharing: { inbound: 'full' } },
    });
    const after = await getSyncSettings(t.db, user.id);
    expect(after.linkToOpportunities).toBe(false);
    expect(after.sharing).toEqual({ inbound: 'full', outbound: 'metadata' });
    expect(after.blacklistPolicy).toBe('skip-email');

    expect(await resetSyncSettings(t.db, user.id)).toEqual((await getOrganisation(t.db)).defaultSettings);
  });

  it('ignores unknown fields and values of the wrong type', async () => {
    const user = await createUser(t.db, { addresses: ['settings2@ourco.com'] });
    const before = await getSyncSettings(t.db, user.id);
    const bad = {
      autoshareEmails: 'yes',
      blacklistPolicy: 'nope',
      sharing: { inbound: 'everything' },
      extra: 1,
    };
    const after = await updateSyncSettings(t.db, user.id, bad as never);
    expect(after).toEqual(before);
    const stored = await t.db
      .selectFrom('user_settings')
      .select('settings')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored[0]?.settings).toEqual({});
  });
  it('reads calendar sharing as off where settings were stored before it existed, and turns it on per user', async () => {
    expect(DEFAULT_SYNC_SETTINGS).toMatchObject({ autoshareMeetings: false, autoshareAppointments: false });
    const user = await createUser(t.db, { addresses: ['calendar@ourco.com'] });
    const legacy = { autoshareEmails: true, sharing: { inbound: 'subject', outbound: 'full' } };
    await t.db
      .updateTable('organisation')
      .set({ default_settings: jsonb(legacy) })
      .execute();
    await t.db
      .insertInto('user_settings')
      .values({ user_id: user.id, settings: jsonb({ autoCreateContacts: true }) })
      .execute();
    const before = await getSyncSettings(t.db, user.id);
    expect(before).toMatchObject({
      autoCreateContacts: true,
      autoshareMeetings: false,
      autoshareAppointments: false,
    });
    const after = await updateSyncSettings(t.db, user.id, { autoshareMeetings: true });
    expect(after).toMatchObject({
      autoCreateContacts: true,
      autoshareMeetings: true,
      autoshareAppointments: false,
    });
    expect(await getSyncSettings(t.db, user.id)).toEqual(after);
  });
});
