/**
 * For tests of the push upkeep alone. A stand-in for the server's notification routes, for tests of the push upkeep alone: it answers Graph's validation
 * handshake (the token back as text/plain) and takes every notification.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectMailbox, type Mailbox } from '../../../server/db/mailboxes-repo';
import type { DatabaseHandle } from '../../../server/db/open-database';
import { createUser } from '../../../server/db/users-repo';
import { openTestDatabase, type BackendName } from '../../support/db/test-databases';

export async function startNotificationEndpoint(path: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
    req.resume();
    if (token === null) return void res.writeHead(202).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A database with one user's stored mailbox of `kind`, for the push upkeep tests. */
export async function openPushTestMailbox(
  backend: BackendName,
  kind: 'graph' | 'gmail',
  address: string,
): Promise<{ database: DatabaseHandle & { dispose(): Promise<void> }; mailbox: Mailbox }> {
  const database = await openTestDatabase(backend);
  const user = await createUser(database.db, { addresses: [address], displayName: 'Rita Rep' });
  const mailbox = await connectMailbox(database.db, {
    userId: user.id,
    kind,
    settings: { address },
    connectedAt: new Date(),
    cursor: {},
  });
  return { database, mailbox };
}
