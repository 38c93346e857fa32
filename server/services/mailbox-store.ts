// Saves a mailbox the user proved they can sign in to: the secret sealed with SecretBox (associated data = mailbox
// id), settings without any secret, the source's cursor for the connection time (no historical import). The
// mailbox must be one of the user's own addresses, else the rules would skip all its mail as someone else's.
import type { Kysely } from 'kysely';
import { normalizeAddress } from '../../src';
import { HttpError } from '../app/http-error';
import type { Database } from '../db/database-types';
import {
  connectMailbox,
  disconnectMailbox,
  getMailboxOfUser,
  type Mailbox,
  type MailboxKind,
} from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import type { MailCursor } from '../providers/mail-source';
import type { SecretBox } from '../secrets';

export interface MailboxStoreDeps {
  db: Kysely<Database>;
  secrets: SecretBox;
  /** Where a failed token revocation is reported (the server's log). */
  warn?: (line: string) => void;
  /** Runs a mailbox at once when this process has a sync worker (else the workers' next pass takes it). */
  syncNow?: (mailboxId: string) => Promise<void>;
  /**
   * Disconnects the user's mailbox before another account replaces it: the full disconnect (mailbox-disconnect.ts)
   * also revokes and unsubscribes at the provider. Without it, only the row goes.
   */
  release?: (userId: string) => Promise<unknown>;
}

export interface VerifiedMailbox {
  kind: Exclude<MailboxKind, 'maildir'>;
  /** The account signed in with (an email address; for IMAP, the user name). */
  address: string;
  /** Settings the source factory reads (server/sync/mail-source-factory.ts); never a secret. */
  settings: Record<string, unknown>;
  secret: Record<string, unknown>;
  connectedAt: Date;
  cursor: MailCursor;
}

/** Refuses a mailbox whose address is an email address that is not one of the user's. */
export function checkAddressIsUsers(user: User, address: string): void {
  if (!address.includes('@')) return; // an IMAP user name that is not an address: nothing to compare
  const normalized = normalizeAddress(address);
  if (user.addresses.includes(normalized)) return;
  throw new HttpError(
    409,
    'mailbox_not_yours',
    `You signed in as ${normalized}, which is not one of your addresses in Liaison (${user.addresses.join(', ')}). ` +
      `Connect your own mailbox, or ask your Liaison admin to add ${normalized} to your addresses.`,
    { address: normalized },
  );
}

/**
 * Stores the connection. Reconnecting the same account keeps the cursor and connection time (mail that arrived
 * while it was broken is still read) and clears Inactive; another account or kind starts afresh at `connectedAt`.
 */
export async function storeVerifiedMailbox(
  deps: MailboxStoreDeps,
  user: User,
  verified: VerifiedMailbox,
): Promise<Mailbox> {
  checkAddressIsUsers(user, verified.address);
  const existing = await getMailboxOfUser(deps.db, user.id);
  if (existing && (existing.kind !== verified.kind || addressOf(existing) !== verified.address.toLowerCase()))
    await (deps.release ? deps.release(user.id) : disconnectMailbox(deps.db, user.id));
  const mailbox = await connectMailbox(deps.db, {
    userId: user.id,
    kind: verified.kind,
    settings: { ...verified.settings, address: verified.address.toLowerCase() },
    sealSecret: (mailboxId) => deps.secrets.seal(JSON.stringify(verified.secret), mailboxId),
    connectedAt: verified.connectedAt,
    cursor: verified.cursor,
  });
  // The first sync (or the retry after a reconnect) starts now rather than at the workers' next pass; the
  // connection is stored either way, so a failure to ask only delays it.
  await deps.syncNow?.(mailbox.id).catch(() => undefined);
  return mailbox;
}

/** The account a stored mailbox reads (settings.address; rows made elsewhere: the IMAP user, or '' for a Maildir). */
export function addressOf(mailbox: Mailbox): string {
  const s = mailbox.settings;
  return String(s.address ?? s.user ?? '').toLowerCase();
}

/** The stored secret, opened (for a courtesy revoke on disconnect); undefined when it cannot be opened. */
export function openSecret(secrets: SecretBox, mailbox: Mailbox): Record<string, unknown> | undefined {
  if (!mailbox.sealedSecret) return undefined;
  try {
    return JSON.parse(secrets.open(mailbox.sealedSecret, mailbox.id)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
