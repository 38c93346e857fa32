import { recordSavedEmail } from '../../../server/db/ledger-repo';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// Rulebook section 4 over real HTTP, on both databases (embedded CRM): an email saved already takes more links
// and thread auto-save, never a second activity; the CRM's activity, the ledger and the sidebar agree.

const email = (id: string, over: Record<string, unknown> = {}) => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  // Sam and Pat both took part: a rep adds links only to an email they are on.
  to: [
    { address: 'sam@ourco.com', name: 'Sam Seller' },
    { address: 'pat@ourco.com', name: 'Pat Partner' },
  ],
  cc: [{ address: 'john.smith@acme.com', name: 'John Smith' }],
  bcc: [],
  subject: 'Links later',
  sentAt: '2026-03-02T10:00:00Z',
  ...over,
});

const JANE = { kind: 'contact', id: 'con-jane-doe' } as const;
const JOHN = { kind: 'contact', id: 'con-john-smith' } as const;
const EXPANSION = { kind: 'opportunity', id: 'opp-acme-expansion' } as const;
const RENEWAL = { kind: 'opportunity', id: 'opp-acme-renewal' } as const;

describe.each(backends)('adding links to a saved email over HTTP (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let pat: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    pat = await server.token('pat@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  async function links(activityId: string) {
    return server.deps.db
      .selectFrom('crm_activity_links')
      .select(['role', 'kind', 'record_id'])
      .where('activity_id', '=', activityId)
      .orderBy('role', 'desc')
      .orderBy('position')
      .execute();
  }

  test('a colleague adds a contact, a related record and thread auto-save to an email Sam saved', async () => {
    const saved = await server.call('POST', '/api/save', {
      as: sam,
      body: { message: email('later'), who: [JANE] },
    });
    expect(saved.status).toBe(200);
    const before = await server.call('POST', '/api/sidebar', { as: pat, body: { message: email('later') } });
    expect(before.body.saved).toMatchObject({ links: [JANE], canAddWhat: true });

    const res = await server.call('POST', '/api/save/links', {
      as: pat,
      body: { message: email('later'), who: [JANE, JOHN], what: EXPANSION, autosaveThread: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subscribed: true,
      saved: { activityId: saved.body.saved.activityId, savedBy: 'Sam Seller', mode: 'manual' },
    });
    expect(res.body.saved.links).toEqual([JANE, JOHN, EXPANSION]);
    expect(await links(saved.body.saved.activityId)).toEqual([
      { role: 'who', kind: 'contact', record_id: 'con-jane-doe' },
      { role: 'who', kind: 'contact', record_id: 'con-john-smith' },
      { role: 'what', kind: 'opportunity', record_id: 'opp-acme-expansion' },
    ]);
    const activities = await server.deps.db
      .selectFrom('crm_activities')
      .select('id')
      .where('source_message_id', '=', 'later@mail.acme.com')
      .execute();
    expect(activities).toHaveLength(1); // never a second activity
    const view = await server.call('POST', '/api/sidebar', { as: pat, body: { message: email('later') } });
    expect(view.body).toMatchObject({
      alreadySaved: true,
      saved: { links: [JANE, JOHN, EXPANSION] },
      thread: { autosave: true, what: EXPANSION },
    });
  });

  test('another related record is refused with a sentence; nothing changes', async () => {
    const res = await server.call('POST', '/api/save/links', {
      as: pat,
      body: { message: email('later'), what: RENEWAL },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'what_taken',
      message: expect.stringMatching(/one related record/),
    });
    const ledger = await server.deps.db
      .selectFrom('saved_emails')
      .select('linked_records')
      .where('message_id', '=', 'later@mail.acme.com')
      .executeTakeFirstOrThrow();
    expect(ledger.linked_records).toEqual([JANE, JOHN, EXPANSION]);
  });

  test('nothing new to add is a 400 with a sentence; an email never saved is a 404 that says to save it', async () => {
    const nothing = await server.call('POST', '/api/save/links', {
      as: pat,
      body: { message: email('later'), who: [JANE] },
    });
    expect(nothing.status).toBe(400);
    expect(nothing.body.message).toMatch(/not linked to yet/);
    const unsaved = await server.call('POST', '/api/save/links', {
      as: sam,
      body: { message: email('never'), who: [JANE] },
    });
    expect(unsaved.status).toBe(404);
    expect(unsaved.body).toMatchObject({
      error: 'not_saved',
      message: expect.stringMatching(/save it first/),
    });
  });

  test('thread auto-save alone on an email autosharing saved keeps its related record for the thread', async () => {
    const [result] = await server.deps.crm.saveActivities([
      {
        messageId: 'auto@mail.acme.com',
        subject: 'Auto',
        body: '',
        date: '2026-03-02T10:00:00Z',
        who: [JANE],
        what: RENEWAL,
        mode: 'automatic',
      },
    ]);
    await recordSavedEmail(server.deps.db, {
      messageId: 'auto@mail.acme.com',
      activityId: result!.ok ? result!.id : '',
      links: [JANE, RENEWAL],
      savedBy: server.sam.id,
      mode: 'automatic',
    });
    const res = await server.call('POST', '/api/save/links', {
      as: pat,
      body: { message: email('auto'), autosaveThread: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subscribed: true,
      saved: { mode: 'automatic', links: [JANE, RENEWAL] },
    });
    const subs = await server.call('GET', '/api/subscriptions', { as: pat });
    expect(subs.body.subscriptions).toContainEqual(
      expect.objectContaining({ threadId: 'thread-auto', what: RENEWAL }),
    );
  });
});
