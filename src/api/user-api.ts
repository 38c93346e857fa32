import { z } from 'zod';
import { recordRefSchema, sharingLevelSchema, syncSettingsSchema } from './core-schemas';

// Request and response shapes of the API routes that concern one user's own settings, shared by the server (which
// validates with them) and the faces (which type their calls with them).

export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const syncSettingsPatchSchema = z
  .object({
    autoshareEmails: z.boolean(),
    threadAutosave: z.boolean(),
    linkToOpportunities: z.boolean(),
    autoCreateContacts: z.boolean(),
    blacklistPolicy: z.enum(['exclude-participant', 'skip-email']),
    sharing: z.object({ inbound: sharingLevelSchema, outbound: sharingLevelSchema }).partial(),
    autoshareMeetings: z.boolean(),
    autoshareAppointments: z.boolean(),
  })
  .partial()
  .strict();
export type SyncSettingsPatch = z.infer<typeof syncSettingsPatchSchema>;

export const settingsResponseSchema = z.object({
  settings: syncSettingsSchema,
  /** True once the user saved settings of their own; false while the organisation's defaults apply as they are
   * (the dashboard's first-run guide reads "choose what is shared" from it). */
  ownSettings: z.boolean(),
  /** Shown after a change: settings apply from the next sync, with no new sign-in. */
  appliesFrom: z.string(),
  /** MB of attachment files saved per email at `full` (the server's setting), for the level's label. */
  attachmentLimitMb: z.number(),
  /** How many days ahead the calendar sync saves meetings and appointments (the engine's horizon). */
  horizonDays: z.number(),
});

/** The dashboard's first-run guide, remembered per user: dismissed, and a Why? trace opened (one of its steps). */
export const guideMemorySchema = z.object({ dismissed: z.boolean(), whyTried: z.boolean() });
/** POST /api/guide: what to mark as done. Marks are never taken back: a dismissed guide stays dismissed. */
export const guideMarkSchema = z
  .object({ dismissed: z.literal(true).optional(), whyTried: z.literal(true).optional() })
  .strict();

export const blacklistAddSchema = z.object({
  /** What the person typed or pasted: entries separated by commas, semicolons, spaces or new lines. */
  entries: z.string().max(100_000),
});
export const blacklistResponseSchema = z.object({
  mine: z.array(z.string()),
  corporate: z.array(z.string()),
});
export const blacklistAddResponseSchema = blacklistResponseSchema.extend({
  added: z.array(z.string()),
  errors: z.array(z.object({ input: z.string(), message: z.string() })),
});

export const subscriptionSchema = z.object({
  threadId: z.string(),
  what: recordRefSchema.optional(),
  /** The subject of the email it was made from, or of the thread's latest email Liaison looked at. */
  subject: z.string().optional(),
  /** The linked record's name in the CRM (absent when the CRM cannot say now). */
  whatName: z.string().optional(),
});
export const subscriptionsResponseSchema = z.object({ subscriptions: z.array(subscriptionSchema) });

export const userSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  addresses: z.array(z.string()),
  role: z.enum(['admin', 'user']),
});
export const sessionResponseSchema = z.object({ user: userSummarySchema, csrfToken: z.string().optional() });

export const decisionLogEntrySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  threadId: z.string().nullable(),
  folder: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  sentAt: z.string(),
  decidedAt: z.string(),
  /** An email (messageId: its Message-ID) or a calendar event (messageId: its key; folder `calendar`; from: the
   * organizer; to: the other participants; sentAt: its start). Absent: an email. */
  kind: z.enum(['email', 'event']).optional(),
  decision: z.object({
    /** Events also `update` (a later copy of a saved event) and `cancel` (marked cancelled, never deleted). */
    action: z.enum(['save', 'skip', 'update', 'cancel']),
    reason: z.string(),
    who: z.array(recordRefSchema),
    what: recordRefSchema.optional(),
    create: z.array(z.object({ address: z.string(), accountId: z.string() })),
    /** Events: the CRM users of colleagues invited. */
    invitees: z.array(z.string()).optional(),
    content: sharingLevelSchema,
    trace: z.array(z.string()),
  }),
});
export const activityQuerySchema = z.object({
  /** Emails (the default), calendar events, or both in one list (`all`). */
  kind: z.enum(['email', 'event', 'all']).default('email'),
  reason: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  /** Where the previous page ended: its answer's `next`. */
  next: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** Where an email on the Activity page is saved now (the ledger), whoever saved it and however. */
export const activitySavedSchema = z.object({
  /** The display name of who saved it (absent when that user was removed since). */
  by: z.string().optional(),
  /** By hand from a sidebar, by auto-sharing, by thread auto-save, or automatically from a colleague's mailbox. */
  how: z.enum(['manual', 'autoshare', 'thread_autosave', 'automatic']),
  at: z.string(),
  links: z.array(recordRefSchema),
  /** True when it was this user's own mailbox or hand. */
  mine: z.boolean(),
});
export const activityEntrySchema = decisionLogEntrySchema.extend({
  saved: activitySavedSchema.optional(),
  /** Events: a meeting (someone other than the user takes part) or an appointment (the user alone), from the
   * participants logged; absent when the log kept none (a removal at the source). */
  eventKind: z.enum(['meeting', 'appointment']).optional(),
});
export const activityResponseSchema = z.object({
  /** One row per email, its latest decision, with where it is saved now. */
  entries: z.array(activityEntrySchema),
  hidden: z.boolean(),
  /** Present when there are more: pass it as `next` to get the following page. */
  next: z.string().optional(),
  /** Names of the linked records, by `kind:id` (recordKey), where the CRM knows them. */
  names: z.record(z.string(), z.string()).optional(),
});

export const dryRunRequestSchema = z.object({
  settings: syncSettingsPatchSchema,
  days: z.number().int().min(1).max(30).default(7),
});
/** What a dry run counts for one kind of item: looked at, would be saved, would be skipped (by reason). */
export const dryRunCountsSchema = z.object({
  looked: z.number(),
  saved: z.number(),
  skipped: z.number(),
  /** Skipped, by reason (the core's reason codes). */
  byReason: z.record(z.string(), z.number()),
});
export const dryRunResponseSchema = z.object({
  days: z.number(),
  looked: z.number(),
  saved: z.number(),
  skipped: z.number(),
  byReason: z.record(z.string(), z.number()),
  /** The calendar's events looked at in the period, decided again the same way (their own counts and reasons), and
   * the same counts for meetings and for appointments apart. */
  events: dryRunCountsSchema
    .extend({ meetings: dryRunCountsSchema, appointments: dryRunCountsSchema })
    .optional(),
});
