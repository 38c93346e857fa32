import type { z } from 'zod';
import type {
  activityEntrySchema,
  activityResponseSchema,
  blacklistAddResponseSchema,
  blacklistResponseSchema,
  dryRunResponseSchema,
  guideMemorySchema,
  sessionResponseSchema,
  settingsResponseSchema,
  subscriptionsResponseSchema,
  syncSettingsPatchSchema,
} from '../../../src/api/user-api';
import type { syncSettingsSchema } from '../../../src/api/core-schemas';
import type {
  adminUserSchema,
  adminUsersResponseSchema,
  autosharingResponseSchema,
  includeAgainResponseSchema,
  organisationSchema,
  signInLinkResponseSchema,
} from '../../../src/api/admin-api';
import type { mailboxStatusSchema } from '../../../src/api/mailbox-api';

// The API's shapes as the dashboard sees them: types only, from the schemas the server validates with (zod itself
// stays out of the browser bundle).

export type Session = z.infer<typeof sessionResponseSchema>;
export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type SyncSettingsPatch = z.infer<typeof syncSettingsPatchSchema>;
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;
export type GuideMemory = z.infer<typeof guideMemorySchema>;
export type DryRunResponse = z.infer<typeof dryRunResponseSchema>;
export type BlacklistResponse = z.infer<typeof blacklistResponseSchema>;
export type BlacklistAddResponse = z.infer<typeof blacklistAddResponseSchema>;
export type SubscriptionsResponse = z.infer<typeof subscriptionsResponseSchema>;
export type ActivityResponse = z.infer<typeof activityResponseSchema>;
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type AdminUser = z.infer<typeof adminUserSchema>;
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;
export type AutosharingResponse = z.infer<typeof autosharingResponseSchema>;
export type IncludeAgainResponse = z.infer<typeof includeAgainResponseSchema>;
export type SignInLink = z.infer<typeof signInLinkResponseSchema>;
export type MailboxStatus = z.infer<typeof mailboxStatusSchema>;

/** GET /api/admin/crm (its schema lives in the route file). */
export interface CrmStatus {
  kind: string;
  salesforce: {
    configured: boolean;
    connected: boolean;
    status?: 'active' | 'inactive';
    statusReason?: string | null;
    instanceUrl?: string;
    connectedAt?: string;
  };
  apiUsage?: { used: number; max: number };
  /** Sentences saying what the org lacks for retry-safety (Task's Message-ID field). */
  advice?: string[];
}
