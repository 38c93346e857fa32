import { z } from 'zod';

// zod schemas for the core's contract types, shared by the server's API and the command line so that bad input
// gets a clear error naming the field. They check shape only; the rules themselves judge addresses and dates.

export const sharingLevelSchema = z.enum(['metadata', 'subject', 'full']);
export const folderSchema = z.enum([
  'inbox',
  'sent',
  'archive',
  'drafts',
  'junk',
  'deleted',
  'outbox',
  'other',
]);
export const emailAddressSchema = z.object({ address: z.string(), name: z.string().optional() });
export const recordRefSchema = z.object({
  kind: z.enum(['contact', 'lead', 'account', 'opportunity']),
  id: z.string().min(1),
});

export const mailMessageSchema = z.object({
  internetMessageId: z.string(),
  threadId: z.string().optional(),
  folder: folderSchema,
  from: emailAddressSchema,
  to: z.array(emailAddressSchema),
  cc: z.array(emailAddressSchema),
  bcc: z.array(emailAddressSchema),
  subject: z.string(),
  sentAt: z.string(),
  bodyText: z.string().optional(),
  attachments: z
    .array(
      z.object({
        name: z.string(),
        size: z.number(),
        contentType: z.string(),
        /** base64, sent only with a save at `full` */
        content: z
          .string()
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, "an attachment's content must be base64")
          .optional(),
      }),
    )
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const syncSettingsSchema = z.object({
  autoshareEmails: z.boolean(),
  threadAutosave: z.boolean(),
  linkToOpportunities: z.boolean(),
  autoCreateContacts: z.boolean(),
  blacklistPolicy: z.enum(['exclude-participant', 'skip-email']),
  sharing: z.object({ inbound: sharingLevelSchema, outbound: sharingLevelSchema }),
  // Added with calendar sharing: settings (and explain contexts) written before it read as off.
  autoshareMeetings: z.boolean().default(false),
  autoshareAppointments: z.boolean().default(false),
});

export const crmPersonSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['contact', 'lead']),
  emails: z.array(z.object({ address: z.string(), primary: z.boolean() })),
  accountId: z.string().optional(),
  createdAt: z.string(),
  converted: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

export const autoshareContextSchema = z.object({
  user: z.object({ id: z.string(), addresses: z.array(z.string()), crmUserId: z.string() }),
  connectedAt: z.string(),
  internalDomains: z.array(z.string()),
  settings: syncSettingsSchema,
  blacklist: z.array(z.string()),
  threadSubscriptions: z.array(z.object({ threadId: z.string(), what: recordRefSchema.optional() })),
  savedMessageIds: z.array(z.string()),
  crm: z.object({
    people: z.array(crmPersonSchema),
    accounts: z.array(z.object({ id: z.string().min(1), domains: z.array(z.string()) })),
    opportunities: z.array(
      z.object({
        id: z.string().min(1),
        accountId: z.string(),
        ownerId: z.string(),
        createdAt: z.string(),
        closed: z.boolean(),
      }),
    ),
    tombstones: z.array(z.string()).optional(),
  }),
});

/** "crm.people[2].emails: expected array" — one line per problem, for people. */
export function describeZodError(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, part) =>
        typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part),
      '',
    );
    return `${path || '(top level)'}: ${issue.message}`;
  });
}
