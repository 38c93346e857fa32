import { DEFAULT_HORIZON_DAYS } from '../../src';
import { settingsResponseSchema, syncSettingsPatchSchema } from '../../src/api/user-api';
import { getStoredSyncSettings, getSyncSettings, updateSyncSettings } from '../db/settings-repo';
import { callerOf } from '../app/access-control';
import type { RouteContext } from './route-context';

// A user's sync settings: read, and change any part. Changes apply from the next sync, with no new sign-in.

export const APPLIES_FROM = 'Applies from the next sync, within a minute.';

export function settingsRoutes({ app, deps }: RouteContext): void {
  app.get('/api/settings', {
    config: { access: 'user' },
    schema: { response: { 200: settingsResponseSchema } },
    handler: async (request) => ({
      settings: await getSyncSettings(deps.db, callerOf(request).user.id),
      ownSettings: (await getStoredSyncSettings(deps.db, callerOf(request).user.id)) !== undefined,
      appliesFrom: APPLIES_FROM,
      attachmentLimitMb: deps.config.attachmentLimitMb,
      // The calendar sync runs with the core's horizon (calendar-run.ts): the switches' words name it.
      horizonDays: DEFAULT_HORIZON_DAYS,
    }),
  });
  app.patch('/api/settings', {
    config: { access: 'user' },
    schema: { body: syncSettingsPatchSchema, response: { 200: settingsResponseSchema } },
    handler: async (request) => ({
      settings: await updateSyncSettings(deps.db, callerOf(request).user.id, request.body),
      ownSettings: true,
      appliesFrom: APPLIES_FROM,
      attachmentLimitMb: deps.config.attachmentLimitMb,
      horizonDays: DEFAULT_HORIZON_DAYS,
    }),
  });
}
