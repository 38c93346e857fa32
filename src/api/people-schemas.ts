import { z } from 'zod';
import { recordRefSchema } from './core-schemas';

// The people and New records shapes shared by the email's view and the meeting's view. The two differ only by the
// role a person has on the item (from/to/cc/bcc on an email, organizer/required/optional on a meeting), so each
// view builds its schemas from its own role enum.

export const recentActivitySchema = z.object({
  id: z.string(),
  type: z.enum(['email', 'call', 'meeting', 'task', 'note']),
  subject: z.string(),
  date: z.string(),
  ownerName: z.string().optional(),
  files: z.array(z.string()).optional(),
});
const opportunitySchema = z.object({
  ref: recordRefSchema,
  name: z.string(),
  stage: z.string().optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  closeDate: z.string().optional(),
  mine: z.boolean(),
  url: z.string().optional(),
});
export const accountSchema = z.object({
  ref: recordRefSchema,
  name: z.string(),
  url: z.string().optional(),
  opportunities: z.array(opportunitySchema),
});

/** A record the rep can pick when saving, with its page in the CRM when it has one. */
export const pickableSchema = z.object({
  ref: recordRefSchema,
  name: z.string(),
  url: z.string().optional(),
});

/** A person in the CRM on the item, with the role `field` they have on it. */
export function personSchema<R extends z.ZodType>(role: R) {
  return z.object({
    ref: recordRefSchema,
    name: z.string(),
    title: z.string().optional(),
    url: z.string().optional(),
    address: z.string(),
    field: role,
    deleted: z.boolean(),
    linkedByAutoshare: z.boolean(),
    account: accountSchema.optional(),
    recentActivities: z.array(recentActivitySchema),
  });
}

/** An address not in the CRM yet, offered as a new contact or lead. */
export function suggestionSchema<R extends z.ZodType>(role: R) {
  return z.object({
    address: z.string(),
    displayName: z.string().optional(),
    field: role,
    kind: z.enum(['contact', 'lead']),
    account: z.object({ ref: recordRefSchema, name: z.string() }).optional(),
    roleAddress: z.boolean(),
    personalAddress: z.boolean(),
    prefill: z.object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      company: z.string(),
      accountId: z.string().optional(),
    }),
  });
}
