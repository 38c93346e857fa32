// A user's SyncSettings: what they changed, layered over the organisation's defaults.
import type { Kysely } from 'kysely';
import type { SyncSettings } from '../../src';
import type { Database } from './database-types';
import { cleanSyncSettingsPatch, mergeSyncSettings, type SyncSettingsPatch } from './default-sync-settings';
import { jsonb } from './jsonb';
import { getOrganisation } from './organisation-repo';

/** The settings in force for a user: the organisation's defaults with the user's own changes on top. */
export async function getSyncSettings(db: Kysely<Database>, userId: string): Promise<SyncSettings> {
  const [organisation, row] = await Promise.all([
    getOrganisation(db),
    db.selectFrom('user_settings').select('settings').where('user_id', '=', userId).executeTakeFirst(),
  ]);
  return mergeSyncSettings(organisation.defaultSettings, row?.settings);
}

/** Only what the user changed (to merge over organisation defaults the caller already has). */
export async function getStoredSyncSettings(db: Kysely<Database>, userId: string): Promise<unknown> {
  const row = await db
    .selectFrom('user_settings')
    .select('settings')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.settings;
}

/** Applies a partial change and returns the settings in force. Only what the user changed is stored. */
export async function updateSyncSettings(
  db: Kysely<Database>,
  userId: string,
  patch: SyncSettingsPatch,
): Promise<SyncSettings> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('user_settings')
      .select('settings')
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    const stored = mergePatch(row?.settings, patch);
    await trx
      .insertInto('user_settings')
      .values({ user_id: userId, settings: jsonb(stored) })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ settings: jsonb(stored), updated_at: new Date() }),
      )
      .execute();
  });
  return getSyncSettings(db, userId);
}

/** Forgets the user's own changes: the organisation's defaults apply again. */
export async function resetSyncSettings(db: Kysely<Database>, userId: string): Promise<SyncSettings> {
  await db.deleteFrom('user_settings').where('user_id', '=', userId).execute();
  return getSyncSettings(db, userId);
}

function mergePatch(stored: unknown, patch: SyncSettingsPatch): SyncSettingsPatch {
  return cleanSyncSettingsPatch(stored, patch);
}
