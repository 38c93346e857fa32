import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// A manual save at `full` over HTTP, on both databases: the sidebar sends the files it read (base64) within the
// server's limit (LIAISON_ATTACHMENT_LIMIT_MB, here 5), the route takes a body that large, the embedded CRM keeps
// the files with the activity and the sidebar names them; the answer says what became of each attachment.

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const big = Buffer.alloc(Math.round(4.5 * MB), 1);

const email = (id: string) => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
  cc: [],
  bcc: [],
  subject: 'Signed contract',
  sentAt: '2026-03-02T10:00:00Z',
  bodyText: 'Signed copy attached.',
  attachments: [
    {
      name: 'contract.pdf',
      size: big.length,
      contentType: 'application/pdf',
      content: big.toString('base64'),
    },
    // Read by the sidebar only while the total fitted the limit: this one was not.
    { name: 'scan.tiff', size: 2 * MB, contentType: 'image/tiff' },
    {
      name: 'notes.txt',
      size: 5,
      contentType: 'text/plain',
      content: Buffer.from('hello').toString('base64'),
    },
  ],
});

describe.each(backends)('manual save with attachment files (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend, { LIAISON_ATTACHMENT_LIMIT_MB: '5' });
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('the files within the limit are saved with the activity, the other named, and the answer says so', async () => {
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: { message: email('files'), who: [{ kind: 'contact', id: 'con-jane-doe' }], level: 'full' },
    });
    expect(res.status).toBe(200);
    expect(res.body.attachments).toBe(
      'Attachments: contract.pdf and notes.txt saved as files with the activity; scan.tiff (2.0 MB) past the 5 MB of files saved per email: named in the activity, not saved.',
    );
    // The sidebar reads no attachment: its request carries the envelope only.
    const { attachments: _none, bodyText: _body, ...envelope } = email('other');
    const view = await server.call('POST', '/api/sidebar', { as: sam, body: { message: envelope } });
    expect(view.body.attachmentLimitMb).toBe(5);
    const jane = view.body.people.find((p: { ref: { id: string } }) => p.ref.id === 'con-jane-doe');
    const saved = jane.recentActivities.find((a: { subject: string }) => a.subject === 'Signed contract');
    expect(saved.files).toEqual(['contract.pdf', 'notes.txt']);
  });

  test('below full nothing of the files is kept, whatever the sidebar sent', async () => {
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: email('subject-level'),
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        level: 'subject',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.attachments).toBeUndefined();
  });

  test('content that is not base64 is refused with a sentence', async () => {
    const message = email('bad');
    message.attachments = [
      { name: 'x.bin', size: 3, contentType: 'application/octet-stream', content: '%%%' },
    ];
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: { message, who: [{ kind: 'contact', id: 'con-jane-doe' }], level: 'full' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("an attachment's content must be base64");
  });

  test('the settings say the limit the full level applies', async () => {
    const session = await server.signIn(server.sam);
    const res = await server.call('GET', '/api/settings', { as: session });
    expect(res.body.attachmentLimitMb).toBe(5);
  });
});
