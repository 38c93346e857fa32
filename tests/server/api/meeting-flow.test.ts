import { eventKey, type CalendarEvent } from '../../../src';
import { rememberSourceIds, savedEventsByKeys } from '../../../server/db/event-ledger-repo';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { processCalendarBatch } from '../../../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../../../server/sync/calendar/calendar-crm';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The meeting sidebar's loop over real HTTP, on both databases (event-rules.md section 6): the view of an open
// meeting with its known attendees, rooms apart and unknown attendees as New records; Save meeting by hand through
// the CRM adapter and the event ledger; a second save refused as "already saved"; a changed copy updating the same
// CRM event; the key found from the provider's id the calendar sync remembered; Do Not Sync on an attendee.

const DAY = 86_400_000;
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const meeting = (uid: string, over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid,
  sequence: 0,
  calendar: 'primary',
  organizer: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  attendees: [
    { address: 'sam@ourco.com', name: 'Sam Seller', type: 'required', response: 'accepted' },
    { address: 'john.smith@acme.com', name: 'John Smith', type: 'optional', response: 'accepted' },
    { address: 'buyer@globex-new.com', name: 'Bea Buyer', type: 'required', response: 'none' },
    { address: 'boardroom@ourco.com', name: 'Board Room', type: 'resource', response: 'accepted' },
  ],
  subject: 'Acme renewal walkthrough',
  start: at(2, 15),
  end: at(2, 16),
  allDay: false,
  location: 'Board Room',
  status: 'confirmed',
  sensitivity: 'normal',
  updatedAt: at(-1, 9),
  ...over,
});

describe.each(backends)('meeting sidebar over HTTP (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let pat: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    pat = await server.token('pat@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('the view: known attendees with their records, the room apart, the unknown attendee in New records', async () => {
    const res = await server.call('POST', '/api/sidebar/meeting', {
      as: sam,
      body: { event: meeting('view-1@acme.com') },
    });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('meeting');
    expect(res.body.people.map((p: { ref: { id: string }; field: string }) => [p.ref.id, p.field])).toEqual([
      ['con-jane-doe', 'organizer'],
      ['con-john-smith', 'optional'],
    ]);
    expect(res.body.people[0]).toMatchObject({ name: 'Jane Doe', account: { name: 'Acme Corporation' } });
    expect(res.body.resources).toEqual(['Board Room']);
    expect(res.body.suggestions.map((s: { address: string }) => s.address)).toEqual(['buyer@globex-new.com']);
    expect(res.body.alreadySaved).toBe(false);
    expect(res.body.manualSave).toEqual({ allowed: true, action: 'save' });
    // Meetings auto-sharing is off for new users: the line says so, and the trace says why, by name.
    expect(res.body.autoshare.line).toBe("Won't be saved: meetings auto-sharing is off.");
    expect(res.body.autoshare.trace.length).toBeGreaterThan(2);
    expect(res.body.autoshare.trace.join(' ')).not.toContain('con-jane-doe');
  });

  test('Save meeting by hand: one CRM event, recorded in the ledger; a second save is refused, saying by whom', async () => {
    const event = meeting('save-1@acme.com');
    const save = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: {
        event,
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        what: { kind: 'account', id: 'acc-acme' },
      },
    });
    expect(save.status).toBe(200);
    expect(save.body).toMatchObject({ action: 'save', saved: { mode: 'manual', cancelled: false } });
    const key = eventKey(event);
    const entry = (await savedEventsByKeys(server.deps.db, [key])).get(key);
    expect(entry).toMatchObject({ mode: 'manual', crmEventId: save.body.saved.crmEventId });
    expect(entry?.links.who).toEqual([{ kind: 'contact', id: 'con-jane-doe' }]);
    expect(entry?.links.what).toEqual({ kind: 'account', id: 'acc-acme' });
    const inCrm = await server.deps.crm.findEventsByKeys([key]);
    expect(inCrm.map((e) => e.id)).toEqual([save.body.saved.crmEventId]);

    // The view now says it is saved, and who owns it; a save by hand is refused (rule 6 `unchanged`).
    const view = await server.call('POST', '/api/sidebar/meeting', { as: sam, body: { event } });
    expect(view.body.alreadySaved).toBe(true);
    expect(view.body.saved).toMatchObject({ owner: 'Sam Seller', mode: 'manual' });
    expect(view.body.manualSave.allowed).toBe(false);
    expect(view.body.autoshare.line).toBe('Already saved to the CRM, and unchanged since.');
    const again = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: { event, who: [{ kind: 'contact', id: 'con-john-smith' }] },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_saved');
    expect(again.body.message).toContain('Sam Seller');
  });

  test('the calendar sync never saves a meeting saved by hand again: rule 6 finds it unchanged', async () => {
    const event = meeting('sync-after-1@acme.com');
    const save = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: { event, who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(save.status).toBe(200);
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    const mailbox = await connectMailbox(server.deps.db, {
      userId: server.sam.id,
      kind: 'maildir',
      settings: { dir: '/nonexistent' },
      connectedAt: new Date('2026-01-01T00:00:00Z'),
      cursor: {},
    });
    const crm = server.deps.crm;
    const result = await processCalendarBatch(
      { db: server.deps.db, crm, events: crmEventWriter(crm) },
      mailbox,
      server.sam,
      { changes: [{ kind: 'event', sourceId: 'graph-1', event: event }], cursor: {}, more: false },
    );
    expect(result).toMatchObject({ looked: 1, saved: 0, updated: 0, skipped: 1 });
    const key = eventKey(event);
    expect((await crm.findEventsByKeys([key])).map((e) => e.id)).toEqual([save.body.saved.crmEventId]);
    expect((await savedEventsByKeys(server.deps.db, [key])).get(key)?.mode).toBe('manual');
  });

  test('a changed copy saved by hand updates the same CRM event and adds the links picked', async () => {
    const event = meeting('change-1@acme.com');
    const first = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: { event, who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(first.status).toBe(200);
    const moved = { ...event, sequence: 1, start: at(3, 15), end: at(3, 16) };
    const second = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: { event: moved, who: [{ kind: 'contact', id: 'con-john-smith' }] },
    });
    expect(second.status).toBe(200);
    expect(second.body.action).toBe('update');
    expect(second.body.saved.crmEventId).toBe(first.body.saved.crmEventId);
    expect(second.body.saved.links).toEqual([
      { kind: 'contact', id: 'con-jane-doe' },
      { kind: 'contact', id: 'con-john-smith' },
    ]);
    const key = eventKey(event);
    expect((await server.deps.crm.findEventsByKeys([key])).length).toBe(1);
  });

  test("Outlook's item id: the key comes from what the calendar sync recorded; unknown, a save waits", async () => {
    const mailbox = await connectMailbox(server.deps.db, {
      userId: server.pat.id,
      kind: 'maildir',
      settings: { dir: '/nonexistent' },
      connectedAt: new Date('2026-01-01T00:00:00Z'),
      cursor: {},
    });
    await rememberSourceIds(server.deps.db, mailbox.id, [
      { sourceId: 'AAMkGraphId=', key: 'real-uid@acme.com' },
    ]);
    const seen = meeting('', {
      attendees: [{ address: 'pat@ourco.com', type: 'required', response: 'accepted' }],
    });
    const view = await server.call('POST', '/api/sidebar/meeting', {
      as: pat,
      body: { event: seen, sourceId: 'AAMkGraphId=' },
    });
    expect(view.status).toBe(200);
    expect(view.body.key).toBe('real-uid@acme.com');
    expect(view.body.manualSave).toEqual({ allowed: true, action: 'save' });

    const unseen = await server.call('POST', '/api/sidebar/meeting', {
      as: pat,
      body: { event: seen, sourceId: 'AAMkNotSyncedYet=' },
    });
    expect(unseen.body.manualSave.allowed).toBe(false);
    expect(unseen.body.manualSave.why).toMatch(/has not read this meeting yet/);
    const refused = await server.call('POST', '/api/save/meeting', {
      as: pat,
      body: { event: seen, sourceId: 'AAMkNotSyncedYet=', who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('not_read_yet');
  });

  test('a rep cannot save a meeting they do not take part in, one linked to nobody, nor a cancelled one', async () => {
    const notMine = await server.call('POST', '/api/save/meeting', {
      as: pat,
      body: { event: meeting('other-1@acme.com'), who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(notMine.status).toBe(403);
    const nobody = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: { event: meeting('nobody-1@acme.com'), who: [] },
    });
    expect(nobody.status).toBe(400);
    const cancelled = await server.call('POST', '/api/save/meeting', {
      as: sam,
      body: {
        event: meeting('cancelled-1@acme.com', { status: 'cancelled' }),
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
      },
    });
    expect([cancelled.status, cancelled.body.error]).toEqual([409, 'cancelled']);
  });

  test('Do Not Sync on an attendee: the next view hides the address and counts it', async () => {
    const add = await server.call('POST', '/api/blacklist', {
      as: sam,
      body: { entries: 'buyer@globex-new.com' },
    });
    expect(add.status).toBe(200);
    const res = await server.call('POST', '/api/sidebar/meeting', {
      as: sam,
      body: { event: meeting('view-2@acme.com') },
    });
    expect(res.body.suggestions).toEqual([]);
    expect(res.body.hiddenBlacklisted).toBe(1);
  });
});
