import { ImapSource } from '../../../../server/providers/imap';
import type { DovecotServer } from '../../../support/dovecot/start-dovecot';

// Shared by the IMAP suites: one source per test user of the suite's Dovecot.

export function imapSourceFor(server: DovecotServer, user: string, pass?: string): ImapSource {
  const account = server.users.find((u) => u.user === user);
  return new ImapSource({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user, pass: pass ?? account?.pass ?? '' },
    timeouts: { connection: 3000, greeting: 3000 },
    reconnect: { initialMs: 50, maxMs: 200 },
  });
}

/** Users a suite creates so that every test works on a fresh mailbox. */
export function testUsers(names: string[]): { user: string; pass: string }[] {
  return names.map((user) => ({ user, pass: `pw-${user}` }));
}
