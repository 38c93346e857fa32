import type { Folder, MailMessage } from '../../src';

// One interface for every mailbox Liaison reads (IMAP, Microsoft Graph, Gmail API, Maildir). The sync engine
// stores the cursor, asks for what changed since it, decides, records, and only then stores the new cursor.
// Sources return message bodies in memory for the `full` sharing level (at once, or on demand through
// `MailBatch.withBody`); the server never stores them.

/** Opaque, JSON-serialisable position in a mailbox (UIDs per folder, delta links, a history id…). */
export type MailCursor = Record<string, unknown>;

export interface MailBatch {
  /** Messages changed since the cursor in readable folders, each with its rulebook `Folder`. */
  messages: MailMessage[];
  /** Where the next call starts; store it only after the batch has been recorded. */
  cursor: MailCursor;
  /** True when the source has more right away (a page limit was reached). */
  more: boolean;
  /**
   * Set by sources that return messages without their body (envelope and header fields only, which is all the
   * rules read): the message of this batch with `bodyText` and `attachments`, for the few saved at `full`.
   * Sources that return whole messages leave it out.
   */
  withBody?(message: MailMessage): Promise<MailMessage>;
  /**
   * Where a message of this batch lives in the source (a Gmail or Graph message id, an IMAP folder and UID, a
   * Maildir file's unique name), for `MailSource.fetchMessage` later; undefined when it cannot be addressed.
   */
  sourceIdOf?(message: MailMessage): string | undefined;
}

export interface MailSource {
  readonly kind: 'imap' | 'graph' | 'gmail' | 'maildir';
  /**
   * The cursor for a mailbox connected at `connectedAt`: nothing that was already there is read later
   * (no historical import).
   */
  initialCursor(connectedAt: Date): Promise<MailCursor>;
  /** What changed since `cursor`, at most `limit` messages. */
  fetchChanges(cursor: MailCursor, options?: { limit?: number }): Promise<MailBatch>;
  /**
   * One message read again, whole (body, and the attachments with their content), by the id `MailBatch.sourceIdOf` gave, in the
   * rulebook folder it was listed in; undefined when it is no longer there (deleted, moved). The 24-hour window
   * reads a body this way when an email skipped earlier is saved at `full`: the server never stores bodies.
   */
  fetchMessage(sourceId: string, folder: Folder): Promise<MailMessage | undefined>;
  /**
   * The newest email in the inbox from `address` (normalised), whole, or undefined when there is none. New records
   * read its signature to prefill a contact (issue 19); the body is dropped after that one request. Optional: a
   * source without it says so to the rep.
   */
  latestFrom?(address: string): Promise<MailMessage | undefined>;
  /** Optional push (IMAP IDLE, provider notifications): calls `onChange` when new mail may be there. */
  watch?(onChange: () => void): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

export type MailSourceErrorKind =
  | 'auth' // credentials refused or sign-in expired: the user must reconnect
  | 'consent_revoked' // the user or admin withdrew the app's access
  | 'rate_limited' // the provider asked to slow down (retryAfterMs)
  | 'unavailable' // network or provider failure: retry later
  | 'not_found'; // the mailbox or folder is gone

/** A failure the engine turns into the mailbox's status (Inactive with a reason) and a retry schedule. */
export class MailSourceError extends Error {
  constructor(
    readonly kind: MailSourceErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailSourceError';
  }
}
