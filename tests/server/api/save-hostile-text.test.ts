import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// A manual save of an email whose subject, Message-ID, sender's name and body hold NUL characters (issue 14): the
// text is made storable before the CRM, the ledger and the log see it, so the save succeeds instead of a 5xx.

jest.setTimeout(120_000);

describe.each(backends)('manual save of hostile text (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('NUL in the subject, Message-ID, display name and body: saved, without the NULs', async () => {
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: {
          internetMessageId: '<nul\u0000id@mail.acme.com>',
          folder: 'inbox',
          from: { address: 'jane.doe@acme.com', name: 'Jane\u0000Doe' },
          to: [{ address: 'sam@ourco.com' }],
          cc: [],
          bcc: [],
          subject: 'hello\u0000world \uD800',
          sentAt: '2026-03-02T10:00:00Z',
          bodyText: 'GIF89a\u0000\u0000',
        },
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        level: 'full',
      },
    });
    expect(res.status).toBe(200);
    const explained = await server.call(
      'GET',
      `/api/explain/${encodeURIComponent('<nulid@mail.acme.com>')}`,
      {
        as: sam,
      },
    );
    expect(explained.status).toBe(200);
    expect(explained.body.subject).toBe('helloworld \uFFFD');
  });
});
