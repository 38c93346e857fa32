import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAP_ATTEMPTS_PER_MINUTE } from '../../../server/providers/imap/imap-connect-route';
import { recordCalendarOutcome } from '../../../server/db/event-ledger-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { connectMailbox, getMailboxOfUser, recordRunOutcome } from '../../../server/db/mailboxes-repo';
import { createUser } from '../../../server/db/users-repo';
import { createMaildirSource } from '../../../server/providers/maildir';
import { startDovecot, type DovecotServer } from '../../support/dovecot/start-dovecot';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type Session, type TestServer } from '../../support/server/test-server';

// "My mailbox" over HTTP with a real Dovecot: status, IMAP connect (logged in once before anything is saved, the
// password sealed), clear refusals, reconnect clearing Inactive, disconnect; each route guarded for the user only.

const SAM = { user: 'sam@ourco.com', pass: 'sam-imap-secret' };

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot({ users: [SAM, { user: 'stranger@elsewhere.com', pass: 'x-secret' }] });
}, 30_000);
afterAll(async () => dovecot?.stop());

describe.each(backends)('My mailbox routes (%s)', (backend) => {
  let server: TestServer;
  let sam: Session;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.signIn(server.sam);
  }, 90_000);
  afterAll(async () => server?.close());

  const imap = (overrides: Record<string, unknown> = {}) => ({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user: SAM.user,
    password: SAM.pass,
    ...overrides,
  });

  test('the routes are in the table, each for signed-in users', () => {
    const routes = server.app.routeTable.map((r) => `${r.method} ${r.url} ${r.access}`);
    for (const route of [
      'GET /api/mailbox user',
      'POST /api/mailbox/imap user',
      'DELETE /api/mailbox user',
      'POST /api/mailbox/graph/connect user',
      'POST /api/mailbox/gmail/connect user',
      'GET /mailbox/microsoft/callback user',
      'GET /mailbox/google/callback user',
    ])
      expect(routes).toContain(route);
  });

  test('not connected: Inactive with the reason and what to do; Microsoft and Google not offered', async () => {
    const res = await server.call('GET', '/api/mailbox', { as: sam });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: false,
      mailbox: null,
      status: 'Inactive',
      statusCode: 'not_connected',
      reason: 'Mailbox not connected.',
      available: { graph: false, gmail: false, imap: true },
      counts: { looked: 0, saved: 0, skipped: 0 },
    });
    const graph = await server.call('POST', '/api/mailbox/graph/connect', { as: sam, body: {} });
    expect([graph.status, graph.body.error]).toEqual([409, 'graph_not_configured']);
    // A rep reads this: what to do, never a server setting's name or "see the README".
    expect(graph.body.message).toBe(
      'Microsoft 365 sign-in is not set up on this server yet: ask your Liaison admin, or connect with IMAP.',
    );
    expect(graph.body.message).not.toMatch(/[A-Z]+_[A-Z_]+|README/);
  });

  test('a wrong password is refused with a clear message and nothing is saved', async () => {
    const asked: string[] = [];
    server.deps.syncNow = async (id) => {
      asked.push(id);
    };
    const res = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap({ password: 'nope' }) });
    delete server.deps.syncNow;
    expect(asked).toEqual([]);
    expect([res.status, res.body.error]).toEqual([400, 'imap_login_refused']);
    expect(res.body.message).toContain('refused the user name or password for sam@ourco.com');
    expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toBeUndefined();
  });

  test('a port where no IMAP server listens is refused as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const res = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap({ port }) });
    expect([res.status, res.body.error]).toEqual([400, 'imap_unreachable']);
    expect(res.body.message).toContain(`127.0.0.1:${port}`);
    expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toBeUndefined();
  });

  test("someone else's mailbox is refused: its mail would never be the user's", async () => {
    const res = await server.call('POST', '/api/mailbox/imap', {
      as: sam,
      body: imap({ user: 'stranger@elsewhere.com', password: 'x-secret' }),
    });
    expect([res.status, res.body.error]).toEqual([409, 'mailbox_not_yours']);
  });

  test('connects after one login; the password is sealed; the cursor starts now; the first sync is asked at once', async () => {
    const before = Date.now();
    const asked: string[] = [];
    server.deps.syncNow = async (id) => {
      asked.push(id);
    };
    const res = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap() });
    delete server.deps.syncNow;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: true,
      mailbox: {
        kind: 'imap',
        address: SAM.user,
        imap: { host: dovecot.host, port: dovecot.port, secure: false },
      },
      status: 'Active',
      statusCode: null,
      details: null,
    });
    expect(Date.parse(res.body.mailbox.connectedAt)).toBeGreaterThanOrEqual(before - 1000);
    const stored = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    expect(JSON.stringify(stored.settings)).not.toContain(SAM.pass);
    expect(stored.sealedSecret).not.toContain(SAM.pass);
    expect(JSON.parse(server.deps.secrets.open(stored.sealedSecret!, stored.id))).toEqual({ pass: SAM.pass });
    expect(stored.cursor).toMatchObject({ connectedAt: stored.connectedAt });
    expect(Object.keys((stored.cursor as { folders: object }).folders)).toContain('INBOX');
    expect(asked).toEqual([stored.id]);
  });

  test('a failed sync shows Inactive with the reason and details; reconnecting clears it', async () => {
    const mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    await recordRunOutcome(
      server.deps.db,
      mailbox,
      {
        status: 'inactive',
        statusReason: 'sign_in_expired',
        statusDetails: 'The mailbox sign-in expired or was refused: reconnect the mailbox.',
        lastError: 'IMAP fetch failed: AUTHENTICATIONFAILED',
        consecutiveFailures: 3,
        nextSyncAt: new Date(Date.now() + 240_000),
      },
      new Date(),
    );
    const broken = await server.call('GET', '/api/mailbox', { as: sam });
    expect(broken.body).toMatchObject({
      status: 'Inactive',
      statusCode: 'sign_in_expired',
      reason: 'The mailbox sign-in expired or was refused: reconnect the mailbox.',
      details: 'IMAP fetch failed: AUTHENTICATIONFAILED',
    });
    expect(broken.body.whatToDo).toMatch(/^Reconnect your mailbox/);

    const again = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap() });
    expect(again.body).toMatchObject({ status: 'Active', statusCode: null, details: null });
    const stored = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    // Same account: the connection time and cursor are kept, so mail from the broken spell is still read.
    expect(stored.connectedAt).toBe(mailbox.connectedAt);
    expect(stored.consecutiveFailures).toBe(0);
  });

  test("the calendar's line: not read while calendars are not shared, then why it could not be read, then its last read", async () => {
    const mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    const calendar = async () => (await server.call('GET', '/api/mailbox', { as: sam })).body.calendar;
    expect(await calendar()).toEqual({ sharing: false, lastSyncAt: null, error: null });
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    const why =
      'Your calendar could not be read: Microsoft 365 has not allowed Liaison to read the calendar (Calendars.Read): reconnect the mailbox to allow calendar access. Mail keeps syncing meanwhile.';
    await recordCalendarOutcome(server.deps.db, mailbox.id, why, new Date());
    expect(await calendar()).toEqual({ sharing: true, lastSyncAt: null, error: why });
    await recordCalendarOutcome(server.deps.db, mailbox.id, null, new Date('2026-03-02T10:00:00Z'));
    expect(await calendar()).toEqual({ sharing: true, lastSyncAt: '2026-03-02T10:00:00.000Z', error: null });
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: false });
  });

  test('a colleague sees only their own mailbox', async () => {
    const pat = await server.signIn(server.pat);
    const res = await server.call('GET', '/api/mailbox', { as: pat });
    expect(res.body).toMatchObject({ connected: false, statusCode: 'not_connected' });
  });

  test('connecting another kind starts afresh at the new connection time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-maildir-'));
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
    const cursor = await createMaildirSource({ dir }).initialCursor(new Date('2026-01-01T00:00:00Z'));
    await connectMailbox(server.deps.db, {
      userId: server.sam.id,
      kind: 'maildir',
      settings: { dir },
      connectedAt: new Date('2026-01-01T00:00:00Z'),
      cursor,
    });
    const maildir = await server.call('GET', '/api/mailbox', { as: sam });
    expect(maildir.body.mailbox).toMatchObject({ kind: 'maildir', address: 'sam@ourco.com' });
    const res = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap() });
    expect(res.body.mailbox.kind).toBe('imap');
    expect(Date.parse(res.body.mailbox.connectedAt)).toBeGreaterThan(Date.parse('2026-06-01T00:00:00Z'));
  });

  test('disconnect forgets the mailbox and its secret', async () => {
    const res = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ disconnected: true, connected: false, statusCode: 'not_connected' });
    expect(await getMailboxOfUser(server.deps.db, server.sam.id)).toBeUndefined();
    const twice = await server.call('DELETE', '/api/mailbox', { as: sam });
    expect(twice.body.disconnected).toBe(false);
  });

  test('autosharing stopped by the admin, or the user left out of import: Inactive with that reason', async () => {
    const admin = await server.signIn(server.admin);
    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: false } });
    const stopped = await server.call('GET', '/api/mailbox', { as: sam });
    expect(stopped.body).toMatchObject({ status: 'Inactive', statusCode: 'autosharing_stopped' });
    expect(stopped.body.reason).toBe('Autosharing is stopped for the organisation.');
    await server.call('POST', '/api/admin/autosharing', { as: admin, body: { enabled: true } });

    await server.call('PATCH', `/api/admin/users/${server.pat.id}`, {
      as: admin,
      body: { includedInImport: false },
    });
    const pat = await server.signIn(server.pat);
    const left = await server.call('GET', '/api/mailbox', { as: pat });
    expect(left.body).toMatchObject({ status: 'Inactive', statusCode: 'not_included' });
    expect(left.body.whatToDo).toContain('admin');
  });

  test('IMAP attempts are limited per user: the next one in the minute is a 429, colleagues are not held up', async () => {
    const kim = await server.signIn(
      await createUser(server.deps.db, { addresses: ['kim@ourco.com'], displayName: 'Kim' }),
    );
    const attempt = (as: Session) =>
      server.call('POST', '/api/mailbox/imap', { as, body: imap({ user: 'kim@ourco.com', port: 70000 }) });
    for (let i = 0; i < IMAP_ATTEMPTS_PER_MINUTE; i++) expect((await attempt(kim)).status).toBe(400);
    const refused = await attempt(kim);
    expect([refused.status, refused.body.error]).toEqual([429, 'rate_limited']);
    expect(refused.body.message).toMatch(/at most 10 a minute/);
    expect((await server.call('GET', '/api/mailbox', { as: kim })).status).toBe(200); // other routes go on
    expect((await attempt(await server.signIn(server.pat))).status).toBe(400);
  });

  test('bad input is a 400 naming the field', async () => {
    const res = await server.call('POST', '/api/mailbox/imap', { as: sam, body: imap({ port: 70000 }) });
    expect([res.status, res.body.error]).toEqual([400, 'invalid_request']);
    expect(JSON.stringify(res.body)).toContain('port');
    // A sentence for people, naming the value sent: no schema path, no zod wording.
    expect(res.body.message).toBe('The port 70000 is too large: at most 65535.');
    const several = await server.call('POST', '/api/mailbox/imap', {
      as: sam,
      body: imap({ host: 'not a host!', secure: 'yes', colour: 'red' }),
    });
    expect(several.body.details.problems).toEqual([
      "'not a host!' is not a host name or IP address.",
      'The secure must be true or false, not text.',
      "'colour' is not a field Liaison knows.",
    ]);
    expect(several.body.message).not.toMatch(/body\.|Invalid input|expected|received/);
  });
});
