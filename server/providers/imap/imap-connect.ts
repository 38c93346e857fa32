// Connecting an IMAP mailbox: log in once with the given settings (imapflow, through the IMAP source) and take the
// cursor for now from that same session; only a mailbox that answered is saved, its password sealed.
import { isIP } from 'node:net';
import type { ImapConnectRequest } from '../../../src/api/mailbox-api';
import { HttpError } from '../../app/http-error';
import type { Mailbox } from '../../db/mailboxes-repo';
import type { User } from '../../db/users-repo';
import type { ServerConfig } from '../../config';
import { createImapSource } from './imap-source';
import { imapHostAddress } from './imap-host-address';
import { MailSourceError } from '../mail-source';
import { storeVerifiedMailbox, type MailboxStoreDeps } from '../../services/mailbox-store';

/** A check that has not answered within this time, lookup and login included, is reported rather than left hanging. */
const CHECK_TIMEOUT_MS = 15_000;

export async function connectImapMailbox(
  deps: MailboxStoreDeps & {
    now: () => Date;
    config: Pick<ServerConfig, 'imapPrivateHosts' | 'imapCheckTimeoutMs'>;
  },
  user: User,
  request: ImapConnectRequest,
): Promise<Mailbox> {
  const host = request.host.replace(/^\[|\]$/g, '');
  const timeout = deps.config.imapCheckTimeoutMs ?? CHECK_TIMEOUT_MS;
  const connectedAt = deps.now();
  let close = async () => {};
  const check = async () => {
    const address = await imapHostAddress(host, deps.config.imapPrivateHosts);
    const source = createImapSource({
      host: address,
      ...(address !== host && !isIP(host) ? { servername: host } : {}),
      port: request.port,
      secure: request.secure,
      auth: { user: request.user, pass: request.password },
      logger: false,
      timeouts: { connection: timeout, greeting: timeout, socket: timeout },
    });
    close = () => source.close();
    return source.initialCursor(connectedAt);
  };
  let cursor;
  try {
    cursor = await withDeadline(check(), timeout);
  } catch (error) {
    throw imapConnectError(error, request);
  } finally {
    await close().catch(() => {});
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

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

// A host that is not allowed, unknown, refusing, closed, silent or not speaking IMAP all get one answer: anything
// finer would tell whoever asks which hosts and ports answer inside the server's network.
function imapConnectError(error: unknown, request: ImapConnectRequest): HttpError {
  const where = `${request.host}:${request.port} (${request.secure ? 'TLS' : 'STARTTLS or plain'})`;
  if (error instanceof MailSourceError && error.kind === 'auth') {
    return new HttpError(
      400,
      'imap_login_refused',
      `The IMAP server at ${where} refused the user name or password for ${request.user}. Nothing was saved.`,
    );
  }
  return new HttpError(
    400,
    'imap_unreachable',
    `Liaison could not log in to an IMAP server at ${where}: check the host, port and TLS setting. ` +
      'Servers on a private or local network are reached only where your Liaison admin allows it. Nothing was saved.',
  );
}
