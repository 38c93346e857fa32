// Connecting an IMAP mailbox: log in once with the given settings (imapflow, through the IMAP source) and take the
// cursor for now from that same session; only a mailbox that answered is saved, its password sealed.
import type { ImapConnectRequest } from '../../src/api/mailbox-api';
import { HttpError } from '../app/http-error';
import type { Mailbox } from '../db/mailboxes-repo';
import type { User } from '../db/users-repo';
import { createImapSource } from '../mail/imap';
import { MailSourceError } from '../mail/mail-source';
import { storeVerifiedMailbox, type MailboxStoreDeps } from './mailbox-store';

/** A login that does not answer within this time is reported rather than left hanging. */
const CHECK_TIMEOUT_MS = 15_000;

export async function connectImapMailbox(
  deps: MailboxStoreDeps & { now: () => Date },
  user: User,
  request: ImapConnectRequest,
): Promise<Mailbox> {
  const host = request.host.replace(/^\[|\]$/g, '');
  const source = createImapSource({
    host,
    port: request.port,
    secure: request.secure,
    auth: { user: request.user, pass: request.password },
    logger: false,
    timeouts: { connection: CHECK_TIMEOUT_MS, greeting: CHECK_TIMEOUT_MS, socket: CHECK_TIMEOUT_MS * 2 },
  });
  const connectedAt = deps.now();
  let cursor;
  try {
    cursor = await source.initialCursor(connectedAt);
  } catch (error) {
    throw imapConnectError(error, request);
  } finally {
    await source.close().catch(() => {});
  }
  return storeVerifiedMailbox(deps, user, {
    kind: 'imap',
    address: request.user,
    settings: { host, port: request.port, secure: request.secure, user: request.user },
    secret: { pass: request.password },
    connectedAt,
    cursor,
  });
}

function imapConnectError(error: unknown, request: ImapConnectRequest): HttpError {
  const detail = error instanceof Error ? error.message : String(error);
  const where = `${request.host}:${request.port} (${request.secure ? 'TLS' : 'STARTTLS or plain'})`;
  if (error instanceof MailSourceError && error.kind === 'auth') {
    return new HttpError(
      400,
      'imap_login_refused',
      `The IMAP server at ${where} refused the user name or password for ${request.user}. Nothing was saved.`,
      { detail },
    );
  }
  return new HttpError(
    400,
    'imap_unreachable',
    `Liaison could not log in to the IMAP server at ${where}: check the host, port and TLS setting. Nothing was saved.`,
    { detail },
  );
}
