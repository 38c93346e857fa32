import { z } from 'zod';
import { sharingLevelSchema } from './core-schemas';
import { whatSchema, whoSchema } from './sidebar-api';

// "Save when sent" (issue 18): the rep picks records while writing; the server keeps the pick and hands back an
// opaque signed token. Outlook carries the token in the message itself (an internet header set with
// `item.internetHeaders`, Mailbox 1.8), so nothing blocks sending; when the sent copy appears in Sent Items the sync
// saves it as a manual save with the pick. Gmail's compose trigger cannot set headers: it names the draft's thread
// instead, and the next email the rep sends in that thread is saved with the pick.

/** The internet header Outlook's compose pane sets; it holds the token only, never record names. */
export const SAVE_WHEN_SENT_HEADER = 'x-liaison-save';

export const saveWhenSentRequestSchema = z.object({
  who: whoSchema,
  what: whatSchema,
  /** Defaults to the user's level for outgoing email. */
  level: sharingLevelSchema.optional(),
  /** Also "Auto-save all next emails in this thread" once the sent copy is saved. */
  autosaveThread: z.boolean().default(false),
  /** Gmail: the thread of the reply being written. Outlook leaves it out and sets the header. */
  threadId: z.string().trim().min(1).max(512).optional(),
});
export type SaveWhenSentRequest = z.input<typeof saveWhenSentRequestSchema>;

export const saveWhenSentResponseSchema = z.object({
  header: z.literal(SAVE_WHEN_SENT_HEADER),
  token: z.string(),
  /** After this the pick is stale: a sent copy carrying it is not saved (and its trace says so). */
  expiresAt: z.string(),
});
export type SaveWhenSentResponse = z.infer<typeof saveWhenSentResponseSchema>;
