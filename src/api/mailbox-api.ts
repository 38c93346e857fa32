import { z } from 'zod';

// Shapes of the "My mailbox" routes: the signed-in user's own mailbox (status, connect Microsoft 365, Google or
// IMAP, disconnect). Shared by the server (which validates with them) and the dashboard (which types its calls).

export const mailboxKindSchema = z.enum(['imap', 'graph', 'gmail', 'maildir']);
export type MailboxKind = z.infer<typeof mailboxKindSchema>;

/** Why a mailbox is Inactive (stable codes; `reason` and `details` carry the words people read). */
export const mailboxStatusCodeSchema = z.enum([
  'autosharing_stopped',
  'not_included',
  'not_connected',
  'sign_in_expired',
  'consent_revoked',
  'provider_error',
  'sync_error',
]);

export const mailboxStatusSchema = z.object({
  /** False when the user has no mailbox connected (then `mailbox` is null and the status Inactive). */
  connected: z.boolean(),
  mailbox: z
    .object({
      kind: mailboxKindSchema,
      /** The mailbox's address (the account signed in with, or the IMAP user name). */
      address: z.string(),
      /** Mail that arrived before this time is never read (no historical import). */
      connectedAt: z.string(),
      /** IMAP only: where it connects (never the password). */
      imap: z.object({ host: z.string(), port: z.number(), secure: z.boolean() }).optional(),
    })
    .nullable(),
  status: z.enum(['Active', 'Inactive']),
  statusCode: mailboxStatusCodeSchema.nullable(),
  /** Why it is Inactive, in a sentence. */
  reason: z.string().optional(),
  whatToDo: z.string().optional(),
  /** The last error as the provider reported it (Inactive only). */
  details: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  /** When the engine runs this mailbox next (earlier when IMAP IDLE announces mail). */
  nextSyncAt: z.string().nullable(),
  /** What the engine decided for this user's mail so far. */
  counts: z.object({ looked: z.number(), saved: z.number(), skipped: z.number() }),
  /** The mailbox's calendar (meetings and appointments); null without a mailbox. */
  calendar: z
    .object({
      /** Whether the user shares meetings or appointments: the calendar is read only then. */
      sharing: z.boolean(),
      /** When it was last read. */
      lastSyncAt: z.string().nullable(),
      /** Why it could not be read at its last run, and what to do (a consent to give again); null when it was. */
      error: z.string().nullable(),
    })
    .nullable(),
  /** Which connection kinds this server can offer (Microsoft 365 and Google need OAuth settings). */
  available: z.object({ graph: z.boolean(), gmail: z.boolean(), imap: z.boolean() }),
});
export type MailboxStatus = z.infer<typeof mailboxStatusSchema>;

/** POST /api/mailbox/graph/connect and /api/mailbox/gmail/connect. */
export const oauthConnectRequestSchema = z.object({
  /** Pre-fills the provider's account picker. */
  loginHint: z.string().max(320).optional(),
});
export const oauthConnectResponseSchema = z.object({
  /** Open this URL (same window): the provider sends the browser back to the server, which returns to the page. */
  authorizeUrl: z.string(),
});

/** Query of the providers' redirects back (GET /mailbox/microsoft/callback, GET /mailbox/google/callback). */
export const oauthCallbackQuerySchema = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/** POST /api/mailbox/imap: the server logs in once with these before saving anything. */
export const imapConnectRequestSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65535).default(993),
    /** TLS from the first byte (993); false uses STARTTLS when the server offers it (143). */
    secure: z.boolean().default(true),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(1000),
  })
  .strict();
export type ImapConnectRequest = z.infer<typeof imapConnectRequestSchema>;

/**
 * Where the providers' redirects send the browser back in the dashboard: `#/mailbox?connected=<kind>`, or
 * `#/mailbox?error=<code>&message=<text>` when the connection did not complete.
 */
export const MAILBOX_PAGE_PATH = '/#/mailbox';
