import { z } from 'zod';
import type { SidebarView } from '../sidebar/sidebar-types';
import { mailMessageSchema, recordRefSchema, sharingLevelSchema } from './core-schemas';
import { personSchema, pickableSchema, suggestionSchema } from './people-schemas';

export { accountSchema, recentActivitySchema } from './people-schemas';

// The sidebar routes' shapes. The response schema mirrors `SidebarView`; the type checks at the bottom keep the
// two from drifting apart.

export const sidebarRequestSchema = z.object({ message: mailMessageSchema });

const fieldSchema = z.enum(['from', 'to', 'cc', 'bcc']);
export const savedEmailSchema = z.object({
  activityId: z.string(),
  savedAt: z.string(),
  savedBy: z.string(),
  mode: z.enum(['manual', 'automatic']),
  links: z.array(recordRefSchema),
  canAddWhat: z.boolean().optional(),
});
const decisionSchema = z.object({
  action: z.enum(['save', 'skip']),
  reason: z.string(),
  who: z.array(recordRefSchema),
  what: recordRefSchema.optional(),
  create: z.array(z.object({ address: z.string(), accountId: z.string() })),
  content: sharingLevelSchema,
  trace: z.array(z.string()),
});

export const sidebarViewSchema = z.object({
  messageId: z.string(),
  threadId: z.string(),
  subject: z.string(),
  people: z.array(personSchema(fieldSchema)),
  suggestions: z.array(suggestionSchema(fieldSchema)),
  hiddenBlacklisted: z.number(),
  alreadySaved: z.boolean(),
  saved: savedEmailSchema.optional(),
  thread: z.object({
    autosave: z.boolean(),
    what: recordRefSchema.optional(),
    whatName: z.string().optional(),
  }),
  pickable: z.array(pickableSchema),
  names: z.record(z.string(), z.string()),
  autoshare: z.object({
    decision: decisionSchema,
    line: z.string(),
    trace: z.array(z.string()),
    willSave: z.boolean(),
  }),
  /** MB of attachment files saved per email at `full` (the server's setting), for the level's label. */
  attachmentLimitMb: z.number().optional(),
});

export const whoSchema = z
  .array(
    recordRefSchema.refine(
      (r) => r.kind === 'contact' || r.kind === 'lead',
      'only contacts and leads can be the people an email is linked to',
    ),
  )
  .max(100);
export const whatSchema = recordRefSchema
  .refine(
    (r) => r.kind === 'opportunity' || r.kind === 'account',
    'only an opportunity or an account can be the record an email is related to',
  )
  .optional();

export const saveRequestSchema = z.object({
  /** The email as read by the sidebar; `bodyText` and attachment names are sent only here, when the rep saves. */
  message: mailMessageSchema,
  who: whoSchema,
  what: whatSchema,
  /** Defaults to the user's level for the email's direction. */
  level: sharingLevelSchema.optional(),
  autosaveThread: z.boolean().default(false),
});
export type SaveRequest = z.input<typeof saveRequestSchema>;
export const saveResponseSchema = z.object({
  saved: savedEmailSchema,
  subscribed: z.boolean(),
  /** At `full`, what became of the attachments: saved as files, or named only and why. */
  attachments: z.string().optional(),
  /** Why "Auto-save all next emails in this thread" was not kept, for people (the email itself was saved). */
  threadNotice: z.string().optional(),
});

/** Rulebook section 4: links added to an email saved already (and thread auto-save turned on); no body is sent. */
export const addLinksRequestSchema = z.object({
  message: mailMessageSchema,
  who: whoSchema.default([]),
  what: whatSchema,
  autosaveThread: z.boolean().default(false),
});
export type AddLinksRequest = z.input<typeof addLinksRequestSchema>;

export const createRecordSchema = z.object({
  kind: z.enum(['contact', 'lead']),
  email: z.string().min(3),
  firstName: z.string().max(40).default(''),
  lastName: z.string().min(1, 'a last name is required').max(80),
  company: z.string().max(255).optional(),
  title: z.string().max(128).optional(),
  /** As Salesforce keeps them (Phone, MobilePhone: 40 characters). */
  phone: z.string().trim().max(40).optional(),
  mobilePhone: z.string().trim().max(40).optional(),
  accountId: z.string().optional(),
});
export type CreateRecordRequest = z.input<typeof createRecordSchema>;
export const createRecordResponseSchema = z.object({ ref: recordRefSchema, created: z.boolean() });

export const searchResponseSchema = z.object({
  hits: z.array(
    z.object({
      ref: recordRefSchema,
      name: z.string(),
      email: z.string().optional(),
      subtitle: z.string().optional(),
      url: z.string().optional(),
    }),
  ),
});

// Compile-time: the schema's output and the core's SidebarView are the same shape both ways.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sidebarShapeMatches: Exact<
  Omit<z.output<typeof sidebarViewSchema>, 'autoshare'>,
  Omit<SidebarView, 'autoshare'>
> = true;
void sidebarShapeMatches;
