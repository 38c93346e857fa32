import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectMaildir } from '../sync/sync-helpers';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { emlToMessage } from '../../../server/providers/eml-to-message';

// The preview's Send (issue 18): the email written in compose mode lands in the rep's Maildir Sent folder with the
// headers the pane set on it, as a sent copy the sync reads; anything but an x- header is refused.

describe.each(backends)('POST /api/preview/send (%s)', (backend) => {
  let server: TestServer;
  let pat: string;
  let sam: string;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    dir = await mkdtemp(path.join(os.tmpdir(), 'liaison-preview-send-'));
    await connectMaildir(server.deps.db, server.pat.id, dir, new Date());
    pat = await server.token('pat@ourco.com');
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the sent copy carries the x-liaison-save header into Sent', async () => {
    const res = await server.call('POST', '/api/preview/send', {
      as: pat,
      body: {
        to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
        subject: 'Renewal — next steps',
        body: 'Hi Jane,\nthe terms.',
        headers: { 'x-liaison-save': 'tok.abc' },
      },
    });
    expect(res.status).toBe(200);
    const files = await readdir(path.join(dir, '.Sent', 'new'));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dir, '.Sent', 'new', files[0]!), 'utf8');
    expect(eml).toMatch(/^x-liaison-save: tok\.abc\r$/m);
    const sent = await emlToMessage(eml, 'sent');
    expect(sent).toMatchObject({
      internetMessageId: res.body.messageId,
      folder: 'sent',
      from: { address: 'pat@ourco.com' },
      to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
      subject: 'Renewal — next steps',
    });
  });

  test('only x- headers on one line; no recipient; no Maildir: each refused with a sentence', async () => {
    const forged = await server.call('POST', '/api/preview/send', {
      as: pat,
      body: { to: [{ address: 'jane.doe@acme.com' }], headers: { Received: 'from evil' } },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.message).toMatch(/^Only x- internet headers can be set\./);
    const folded = await server.call('POST', '/api/preview/send', {
      as: pat,
      body: { to: [{ address: 'jane.doe@acme.com' }], headers: { 'x-liaison-save': 'a\r\nBcc: x@y.com' } },
    });
    expect(folded.status).toBe(400);
    const nobody = await server.call('POST', '/api/preview/send', { as: pat, body: { to: [] } });
    expect(nobody.status).toBe(400);
    expect(nobody.body.message).toMatch(/to needs at least 1/);
    const elsewhere = await server.call('POST', '/api/preview/send', {
      as: sam,
      body: { to: [{ address: 'jane.doe@acme.com' }] },
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.message).toMatch(/only into a Maildir mailbox/);
  });
});
