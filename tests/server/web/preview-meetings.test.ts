import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { deliverToMaildir } from '../../../server/providers/maildir';
import { demoInvitations } from '../../../server/sync/demo/demo-invitations';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// GET /api/preview/meetings gives /preview's stand-in mailbox its meetings: the invitations in the caller's Maildir
// (npm start's demo mailbox) as its calendar sync reads them, else the demo's addressed to the caller; each with the
// provider's id of the event (what Outlook's item gives the pane), and a view the meeting route answers.

const SUBJECTS = [
  'Acme onboarding check-in',
  'Acme renewal walkthrough',
  'Prepare the Globex proposal',
  'Weekly pipeline review',
];

describe.each(backends)('the preview meetings route (%s)', (backend) => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    dir = mkdtempSync(join(tmpdir(), 'liaison-preview-meetings-'));
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a user without a mailbox gets the demo meetings addressed to them, a series by its next occurrence', async () => {
    const token = await server.token('sam@ourco.com');
    const res = await server.call('GET', '/api/preview/meetings', { as: token });
    expect(res.status).toBe(200);
    const meetings = res.body.meetings as { sourceId: string; event: { subject: string; status: string } }[];
    expect(meetings.map((m) => m.event.subject).sort()).toEqual(SUBJECTS);
    const walkthrough = meetings.find((m) => m.event.subject === 'Acme renewal walkthrough')!;
    expect(JSON.stringify(walkthrough.event)).toContain('sam@ourco.com');
    expect(JSON.stringify(walkthrough.event)).not.toContain('admin@ourco.com');
    expect(meetings.find((m) => m.event.subject === 'Acme onboarding check-in')?.event.status).toBe(
      'cancelled',
    );
    // The event as given names its UID (as Google's does): its key is known and it may be saved by hand.
    const view = await server.call('POST', '/api/sidebar/meeting', { as: token, body: walkthrough });
    expect(view.status).toBe(200);
    expect(view.body.people.map((p: { address: string }) => p.address)).toEqual([
      'jane.doe@acme.com',
      'john.smith@acme.com',
    ]);
    expect(view.body.key).toBe('acme-renewal-walkthrough@demo.ourco.com');
    expect(view.body.manualSave).toEqual({ allowed: true, action: 'save' });
    // As Outlook sends it (no UID, the item's id), with no calendar sync that recorded the id: a save waits.
    const outlook = { ...walkthrough, event: { ...walkthrough.event, uid: '' } };
    const waits = await server.call('POST', '/api/sidebar/meeting', { as: token, body: outlook });
    expect(waits.body.manualSave.allowed).toBe(false);
    expect(waits.body.manualSave.why).toMatch(/has not read this meeting yet/);
  });

  test("a user with a Maildir gets its invitations, with the calendar sync's ids", async () => {
    for (const m of demoInvitations(new Date())) await deliverToMaildir(dir, m.folder, m.eml);
    await connectMailbox(server.deps.db, {
      userId: server.admin.id,
      kind: 'maildir',
      settings: { dir },
      connectedAt: new Date(Date.now() - 60_000),
      cursor: {},
    });
    const res = await server.call('GET', '/api/preview/meetings', {
      as: await server.token('admin@ourco.com'),
    });
    expect(res.status).toBe(200);
    const meetings = res.body.meetings as { sourceId: string; event: { subject: string } }[];
    expect(meetings.map((m) => m.event.subject).sort()).toEqual(SUBJECTS);
    expect(meetings.find((m) => m.event.subject === 'Acme renewal walkthrough')?.sourceId).toBe(
      'acme-renewal-walkthrough@demo.ourco.com',
    );
    expect(meetings.find((m) => m.event.subject === 'Weekly pipeline review')?.sourceId).toMatch(
      /^ourco-pipeline-review@demo\.ourco\.com\|\d{4}-\d\d-\d\dT09:00:00Z$/,
    );
  });
});
