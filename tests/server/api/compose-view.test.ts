import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { draftAutoshareLine } from '../../../server/services/compose-view-service';

// The compose pane's view (issue 18): the recipients of an email being written, asked as they are typed. The same
// people and New records as a sent email's view; its autosharing line speaks of the email once sent, and nothing is
// found saved under the draft's placeholder id.

describe.each(backends)('POST /api/sidebar/compose (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('known recipients, New records for unknown ones, and a line about what happens once sent', async () => {
    const res = await server.call('POST', '/api/sidebar/compose', {
      as: sam,
      body: {
        to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
        cc: [{ address: 'newguy@acme.com' }],
        subject: 'Renewal terms',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.people.map((p: { ref: { id: string }; field: string }) => [p.ref.id, p.field])).toEqual([
      ['con-jane-doe', 'to'],
    ]);
    expect(res.body.suggestions.map((s: { address: string }) => s.address)).toEqual(['newguy@acme.com']);
    expect(res.body.alreadySaved).toBe(false);
    expect(res.body.saved).toBeUndefined();
    expect(res.body.autoshare.line).toMatch(
      /^Once sent, it will be saved at the next sync, linked to Jane Doe/,
    );
    expect(res.body.autoshare.line).not.toMatch(/was saved|Already saved/);
  });

  test('with nobody yet the view is empty, and bad input gets a clear sentence', async () => {
    const empty = await server.call('POST', '/api/sidebar/compose', { as: sam, body: { to: [] } });
    expect(empty.status).toBe(200);
    expect(empty.body.people).toEqual([]);
    expect(empty.body.autoshare.line).toMatch(/^Once sent, it won't be saved automatically: /);
    const bad = await server.call('POST', '/api/sidebar/compose', { as: sam, body: { to: 'jane' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/to/);
  });
});

test('the draft line names what happens once sent, never that it was saved', () => {
  expect(draftAutoshareLine('Will be saved at the next sync, linked to Jane Doe.')).toBe(
    'Once sent, it will be saved at the next sync, linked to Jane Doe.',
  );
  expect(draftAutoshareLine("Won't be saved: internal email.")).toBe(
    "Once sent, it won't be saved automatically: internal email.",
  );
  expect(
    draftAutoshareLine("Won't be saved automatically: autosharing is not enabled for your company."),
  ).toBe("Once sent, it won't be saved automatically: autosharing is not enabled for your company.");
});
