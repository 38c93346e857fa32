import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { getMailboxOfUser } from '../../../../server/db/mailboxes-repo';
import { isNonPublicAddress } from '../../../../server/providers/imap/imap-host-address';
import { backends } from '../../../support/db/test-databases';
import { startTestServer, type Session, type TestServer } from '../../../support/server/test-server';

// My mailbox's IMAP connect logs in to a host the user names, so it must not map the server's own network: hosts
// on loopback, link-local or private addresses are refused unless the admin allows them, and a refused, closed,
// silent or non-IMAP port all get the same answer (same status, same sentence) within the check's time bound.

async function listen(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise((resolve) => {
    server.close(resolve);
    // Silent sockets stay open otherwise.
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  });

test('addresses outside the public internet are told apart from public ones', () => {
  for (const address of [
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])
    expect([address, isNonPublicAddress(address)]).toEqual([address, true]);
  for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2001:4860:4860::8888'])
    expect([address, isNonPublicAddress(address)]).toEqual([address, false]);
});

describe.each(backends)('IMAP connect is not a port scanner (%s)', (backend) => {
  let server: TestServer;
  let sam: Session;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer(backend, { LIAISON_IMAP_PRIVATE_HOSTS: 'off' });
    server.deps.config.imapCheckTimeoutMs = 500; // the bound on a silent port, short for the test
    sam = await server.signIn(server.sam);
  }, 90_000);
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.close();
  });

  const connect = (host: string, port: number) =>
    server.call('POST', '/api/mailbox/imap', {
      as: sam,
      body: { host, port, secure: false, user: 'sam@ourco.com', password: 'secret' },
    });
  const sentence = (host: string, port: number) =>
    `Liaison could not log in to an IMAP server at ${host}:${port} (STARTTLS or plain): check the host, port and TLS ` +
    'setting. Servers on a private or local network are reached only where your Liaison admin allows it. Nothing was saved.';

  test('loopback, private and link-local hosts are refused without being connected to', async () => {
    const connections: Socket[] = [];
    const { server: listener, port } = await listen((socket) => {
      connections.push(socket);
      socket.write('* OK IMAP4rev1 ready\r\n');
    });
    try {
      for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.1.2.3', '192.168.0.10', '169.254.169.254']) {
        const res = await connect(host, port);
        expect([host, res.status, res.body]).toEqual([
          host,
          400,
          { error: 'imap_unreachable', message: sentence(host, port) },
        ]);
      }
      expect(connections).toHaveLength(0);
      expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toBeUndefined();
    } finally {
      for (const socket of connections) socket.destroy();
      await close(listener);
    }
  });

  test('allowed by the admin: a refused, closed, silent or non-IMAP port gets one and the same answer', async () => {
    server.deps.config.imapPrivateHosts = true;
    try {
      const closed = await listen(() => {});
      await close(closed.server);
      const silent = await listen((socket) => sockets.push(socket)); // accepts, never greets
      const http = await listen((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
      const hangsUp = await listen((socket) => socket.destroy());
      const answers = [];
      for (const port of [closed.port, silent.port, http.port, hangsUp.port]) {
        const res = await connect('127.0.0.1', port);
        answers.push({
          status: res.status,
          body: { ...res.body, message: res.body.message.replace(`:${port} `, ':PORT ') },
        });
      }
      for (const { server: listener } of [silent, http, hangsUp]) await close(listener);
      const one = {
        status: 400,
        body: { error: 'imap_unreachable', message: sentence('127.0.0.1', 0).replace(':0 ', ':PORT ') },
      };
      expect(answers).toEqual([one, one, one, one]);
    } finally {
      server.deps.config.imapPrivateHosts = false;
    }
  });
});
