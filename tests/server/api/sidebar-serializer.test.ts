import { sidebarViewSchema } from '../../../src/api/sidebar-api';
import type { MailMessage, SidebarView } from '../../../src';
import { jsonSerializerOf } from '../../../server/app/json-serializer';
import { sidebarView } from '../../../server/services/sidebar-service';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The sidebar's answer is written from its schema (fast-json-stringify) instead of zod's check and JSON.stringify:
// the same JSON for the views the sidebar builds, nothing outside the schema, and a missing property still fails.

const email = (id: string, over: Partial<MailMessage> = {}): MailMessage => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'sam@ourco.com', name: 'Sam Seller' }],
  cc: [{ address: 'newguy@acme.com', name: 'Guy, New' }, { address: 'freelancer@gmail.com' }],
  bcc: [],
  subject: 'Renewal terms',
  sentAt: '2026-03-02T10:00:00Z',
  ...over,
});

const write = jsonSerializerOf(sidebarViewSchema);
const asZodWrites = (view: unknown) =>
  JSON.parse(JSON.stringify(sidebarViewSchema.encode(view as SidebarView)));

describe.each(backends)('the sidebar answer as written (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  }, 90_000);
  afterAll(async () => server?.close());

  it('is the JSON zod wrote, for views of known, unknown, saved and internal emails', async () => {
    const sam = await server.token('sam@ourco.com');
    const saved = await server.call('POST', '/api/save', {
      as: sam,
      body: { message: email('saved'), who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(saved.status).toBe(200);
    const messages = [
      email('known'),
      email('saved'),
      email('unknown', { from: { address: 'someone@nowhere.example' } }),
      email('internal', { from: { address: 'pat@ourco.com' }, cc: [] }),
      email('hank', { from: { address: 'hank.scorpio@gmail.com' }, to: [{ address: 'sam@ourco.com' }] }),
    ];
    for (const message of messages) {
      const view = await sidebarView(server.deps, server.sam, message);
      expect(JSON.parse(write(view))).toEqual(asZodWrites(view));
      const res = await server.call('POST', '/api/sidebar', { as: sam, body: { message } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(asZodWrites(view));
    }
  });

  it('leaves out what the schema does not name, and refuses a view missing a property', async () => {
    const view = await sidebarView(server.deps, server.sam, email('extra'));
    const extra = {
      ...view,
      internal: 'secret',
      people: view.people.map((p) => ({ ...p, secret: 1 })),
      autoshare: { ...view.autoshare, decision: { ...view.autoshare.decision, secret: true } },
    };
    expect(JSON.parse(write(extra))).toEqual(asZodWrites(view));
    expect(write(extra)).not.toContain('secret');
    const { subject: _subject, ...missing } = view;
    expect(() => write(missing)).toThrow(/subject/);
  });
});
