import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { connectDemoMailbox } from '../../../server/providers/maildir/demo-mailbox';
import { demoEmails } from '../../../server/sync/demo/demo-emails';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { backends } from '../../support/db/test-databases';

// GET /api/preview/emails gives /preview's stand-in mailbox its emails: the caller's Maildir (npm start's demo
// mailbox) when there is one, else the demo set; envelopes that POST /api/sidebar takes as they are.

describe.each(backends)('the preview emails route (%s)', (backend) => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    dataDir = mkdtempSync(join(tmpdir(), 'liaison-preview-'));
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a user without a Maildir gets the demo set, and each email's sidebar loads", async () => {
    const token = await server.token('sam@ourco.com');
    const res = await server.call('GET', '/api/preview/emails', { as: token });
    expect(res.status).toBe(200);
    expect(res.body.emails.map((m: { subject: string }) => m.subject).sort()).toEqual(
      [
        'Acme monthly: new anvils',
        'Introduction: new purchasing lead at Acme',
        'Lunch on Friday?',
        'Pricing for 500 seats',
        'Re: Renewal: updated quote?',
        'Renewal: updated quote?',
      ].sort(),
    );
    for (const message of res.body.emails) {
      const view = await server.call('POST', '/api/sidebar', { as: token, body: { message } });
      expect([message.subject, view.status]).toEqual([message.subject, 200]);
    }
  });

  test('the demo set is addressed to the user asking, so the Save the preview offers them is one they may make', async () => {
    const token = await server.token('sam@ourco.com');
    const { body } = await server.call('GET', '/api/preview/emails', { as: token });
    const renewal = body.emails.find((m: { subject: string }) => m.subject === 'Renewal: updated quote?');
    const reply = body.emails.find((m: { subject: string }) => m.subject === 'Re: Renewal: updated quote?');
    expect(renewal.to).toEqual([{ address: 'sam@ourco.com', name: 'Sam Seller' }]);
    expect(reply.from).toEqual({ address: 'sam@ourco.com', name: 'Sam Seller' });
    const saved = await server.call('POST', '/api/save', {
      as: token,
      body: { message: renewal, who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(saved.status).toBe(200);
    // Each user has their own set: the admin's still names the admin.
    const admins = await server.call('GET', '/api/preview/emails', {
      as: await server.token('admin@ourco.com'),
    });
    const theirs = admins.body.emails.find(
      (m: { subject: string }) => m.subject === 'Renewal: updated quote?',
    );
    expect(theirs.to).toEqual([{ address: 'admin@ourco.com', name: 'Dana Admin' }]);
  });

  test("the demo admin's connected Maildir is read: inbox and sent, newest first", async () => {
    const mailbox = await connectDemoMailbox(server.deps.db, dataDir);
    const dir = mailbox!.settings.dir as string;
    const emails = demoEmails(new Date('2026-05-01T10:00:00Z'));
    for (const m of emails.slice(0, 2)) await deliverToMaildir(dir, m.folder, m.eml);
    const res = await server.call('GET', '/api/preview/emails', {
      as: await server.token('admin@ourco.com'),
    });
    expect(res.body.emails.map((m: { subject: string; folder: string }) => [m.subject, m.folder])).toEqual([
      ['Re: Renewal: updated quote?', 'sent'],
      ['Renewal: updated quote?', 'inbox'],
    ]);
    expect(res.body.emails[1].from).toEqual({ address: 'jane.doe@acme.com', name: 'Jane Doe' });
  });
});
