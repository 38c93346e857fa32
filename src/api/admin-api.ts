import { z } from 'zod';
import { syncSettingsSchema } from './core-schemas';
import { syncSettingsPatchSchema } from './user-api';

// The admin routes' shapes.

export const organisationSchema = z.object({
  internalDomains: z.array(z.string()),
  defaultSettings: syncSettingsSchema,
  autosharingEnabled: z.boolean(),
  showExtractedInfo: z.boolean(),
  crmKind: z.string(),
  corporateBlacklist: z.array(z.string()),
  /** Who autosharing can read: so the page never shows a bare "On" while no mailbox is read. */
  usersImport: z.object({
    included: z.number(),
    /** Included and with a mailbox connected. */
    readable: z.number(),
    /** Left out since the last stop, included before it: "include them again" offers these. */
    includedBeforeStop: z.number(),
  }),
  /** MB of attachment files saved per email at `full` (the server's setting), for the level's label. */
  attachmentLimitMb: z.number(),
  /** How many days ahead the calendar sync saves meetings and appointments (the engine's horizon). */
  horizonDays: z.number(),
});
export const organisationPatchSchema = z
  .object({
    internalDomains: z.array(z.string().min(1)).max(100),
    defaultSettings: syncSettingsPatchSchema,
    showExtractedInfo: z.boolean(),
  })
  .partial()
  .strict();

export const autosharingRequestSchema = z.object({ enabled: z.boolean() });
export const autosharingResponseSchema = z.object({
  autosharingEnabled: z.boolean(),
  usersExcluded: z.number(),
  activitiesChanged: z.number(),
});

export const includeAgainResponseSchema = z.object({ usersIncluded: z.number() });

export const adminUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  addresses: z.array(z.string()),
  role: z.enum(['admin', 'user']),
  crmUserId: z.string(),
  includedInImport: z.boolean(),
  connectedAt: z.string().nullable(),
  status: z.enum(['Active', 'Inactive']),
  reason: z.string().optional(),
  whatToDo: z.string().optional(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  saved: z.object({ manual: z.number(), automatic: z.number() }),
  /** Their calendar: whether they share meetings or appointments, and whether Liaison can read it. */
  calendar: z.object({
    sharing: z.boolean(),
    /** off: they share neither; not_connected: no mailbox; needs_consent: they must reconnect and accept calendar
     * access; error: the last read failed for another reason (retried at each sync); connected: read. */
    state: z.enum(['off', 'not_connected', 'connected', 'needs_consent', 'error']),
    /** The last good read of the calendar. */
    lastSyncAt: z.string().nullable(),
    /** Why the last read failed, in words. */
    error: z.string().nullable(),
  }),
  /** The provider accounts this user signs in with, bound at their first sign-in. */
  signInAccounts: z.array(
    z.object({
      provider: z.enum(['microsoft', 'google']),
      /** Microsoft tenant id (empty for Google). */
      tenant: z.string(),
      /** Microsoft object id, or Google's `sub`. */
      subject: z.string(),
      boundAt: z.string(),
    }),
  ),
});
export const adminUsersResponseSchema = z.object({ users: z.array(adminUserSchema) });
export const newUserSchema = z.object({
  addresses: z.array(z.string().min(3)).min(1).max(20),
  displayName: z.string().max(200).optional(),
  role: z.enum(['admin', 'user']).default('user'),
  crmUserId: z.string().max(64).optional(),
  includedInImport: z.boolean().default(true),
});
export const userPatchSchema = z
  .object({
    displayName: z.string().max(200),
    role: z.enum(['admin', 'user']),
    crmUserId: z.string().max(64),
    includedInImport: z.boolean(),
    addresses: z.array(z.string().min(3)).min(1).max(20),
  })
  .partial()
  .strict();
export const signInLinkResponseSchema = z.object({ url: z.string(), expiresInMinutes: z.number() });
export const signInProviderParamsSchema = z.object({
  id: z.string().min(1),
  provider: z.enum(['microsoft', 'google']),
});
