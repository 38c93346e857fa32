import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// A rep saves (or adds links to) only an email they took part in: one of their addresses, aliases included, is in
// its From, To, Cc or Bcc. Otherwise anyone could write an activity "saved by" them for an email between two other
// people. The refusal is a 403 with a sentence, and nothing reaches the CRM or the ledger.

const email = (id: string, over: Record<string, unknown> = {}) => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  to: [{ address: 'pat@ourco.com', name: 'Pat Partner' }],
  cc: [{ address: 'john.smith@acme.com', name: 'John Smith' }],
  bcc: [],
  subject: 'Between other people',
  sentAt: '2026-03-02T10:00:00Z',
  ...over,
});

const JANE = { kind: 'contact', id: 'con-jane-doe' } as const;
const JOHN = { kind: 'contact', id: 'con-john-smith' } as const;

describe.each(backends)('a manual save names an email the rep took part in (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let pat: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    pat = await server.token('pat@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  const saved = async (id: string) =>
    server.deps.db
      .selectFrom('saved_emails')
      .select('message_id')
      .where('message_id', '=', `${id}@mail.acme.com`)
      .execute();

  test('an email between other people is refused with a sentence, and nothing is saved', async () => {
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: { message: email('others'), who: [JANE] },
    });
    expect([res.status, res.body.error]).toEqual([403, 'not_a_participant']);
    expect(res.body.message).toBe(
      'You can save only an email you took part in: none of your addresses (sam@ourco.com, sam.seller@ourco.com) ' +
        'is in its From, To, Cc or Bcc.',
    );
    expect(await saved('others')).toEqual([]);
    expect(
      await server.deps.db
        .selectFrom('crm_activities')
        .select('id')
        .where('subject', '=', 'Between other people')
        .execute(),
    ).toEqual([]);
  });

  test.each([
    ['From', { from: { address: 'Sam.Seller@OurCo.com' } }],
    ['To', { to: [{ address: 'jane.doe@acme.com' }, { address: 'sam@ourco.com' }] }],
    ['Cc', { cc: [{ address: 'sam.seller@ourco.com' }] }],
    ['Bcc', { bcc: [{ address: 'sam@ourco.com' }] }],
  ])('an email with one of the rep’s addresses in %s is saved', async (field, over) => {
    const id = `in-${field.toLowerCase()}`;
    const res = await server.call('POST', '/api/save', {
      as: sam,
      body: { message: email(id, over), who: [JANE] },
    });
    expect([res.status, res.body.saved?.savedBy]).toEqual([200, 'Sam Seller']);
    expect(await saved(id)).toHaveLength(1);
  });

  test('adding links needs the rep on the email too', async () => {
    // Pat is on it and saves it; Sam, who is not, cannot add links to it.
    const first = await server.call('POST', '/api/save', {
      as: pat,
      body: { message: email('links'), who: [JANE] },
    });
    expect(first.status).toBe(200);
    const res = await server.call('POST', '/api/save/links', {
      as: sam,
      body: { message: email('links'), who: [JOHN], autosaveThread: false },
    });
    expect([res.status, res.body.error]).toEqual([403, 'not_a_participant']);
    expect(res.body.message).toMatch(
      /^You can add links only to an email you took part in: none of your addresses/,
    );
    const links = await server.call('POST', '/api/save/links', {
      as: pat,
      body: { message: email('links'), who: [JOHN], autosaveThread: false },
    });
    expect([links.status, links.body.saved?.links]).toEqual([200, [JANE, JOHN]]);
  });
});
