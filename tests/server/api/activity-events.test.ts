import type { CalendarEvent } from '../../../src';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { recordDecisions } from '../../../server/db/decision-log-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { findUserByAddress } from '../../../server/db/users-repo';
import { processCalendarBatch } from '../../../server/sync/calendar/calendar-batch';
import type { EventWriter } from '../../../server/sync/calendar/event-writer';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The API a dashboard needs for events (issue 17 draws them): `GET /api/activity?kind=event` lists what was decided
// about each calendar event with its trace, while the Activity page's emails (the default) never mix events in.

const event = (uid: string, over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid,
  sequence: 0,
  calendar: 'primary',
  organizer: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
  attendees: [
    { address: 'sam@ourco.com', type: 'required', response: 'accepted' },
    { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
  ],
  subject: 'Renewal review',
  start: '2026-03-10T09:00:00Z',
  end: '2026-03-10T10:00:00Z',
  allDay: false,
  status: 'confirmed',
  sensitivity: 'normal',
  updatedAt: '2026-03-02T08:00:00Z',
  ...over,
});

const writer: EventWriter = {
  save: async (items) => items.map((i) => ({ ok: true, id: `evt-${i.key}` })),
  update: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
  cancel: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
};

describe.each(backends)('activity of calendar events (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    const user = (await findUserByAddress(server.deps.db, 'sam@ourco.com'))!;
    await updateSyncSettings(server.deps.db, user.id, { autoshareMeetings: true });
    const mailbox = await connectMailbox(server.deps.db, {
      userId: user.id,
      kind: 'maildir',
      settings: {},
      connectedAt: new Date('2026-01-01T00:00:00Z'),
      cursor: {},
    });
    await processCalendarBatch(
      {
        db: server.deps.db,
        crm: new EmbeddedCrm(server.deps.db),
        events: writer,
        now: () => new Date('2026-03-03T12:00:00Z'),
      },
      mailbox,
      user,
      {
        changes: [
          { kind: 'event', sourceId: 'a', event: event('customer@acme.com') },
          {
            kind: 'event',
            sourceId: 'b',
            event: event('standup@ourco.com', {
              organizer: { address: 'pat@ourco.com' },
              attendees: [{ address: 'sam@ourco.com', type: 'required', response: 'accepted' }],
              subject: 'Stand-up',
            }),
          },
          {
            kind: 'event',
            sourceId: 'c',
            event: event('declined@acme.com', {
              attendees: [
                { address: 'sam@ourco.com', type: 'required', response: 'declined' },
                { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
              ],
              subject: 'Pricing call',
            }),
          },
          {
            kind: 'event',
            sourceId: 'd',
            event: event('focus@ourco.com', {
              organizer: { address: 'sam@ourco.com' },
              attendees: [],
              subject: 'Focus time',
            }),
          },
        ],
        cursor: {},
        more: false,
      },
    );
  }, 90_000);
  afterAll(async () => server?.close());

  test('events are listed with their decision, kind and trace', async () => {
    const res = await server.call('GET', '/api/activity?kind=event', { as: sam });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(
      (res.body.entries as { messageId: string }[]).map((e) => [e.messageId, e]),
    ) as unknown as Record<
      string,
      {
        kind: string;
        folder: string;
        from: string;
        subject: string;
        decision: { action: string; reason: string; who: unknown[]; trace: string[] };
      }
    >;
    expect(Object.keys(byKey).sort()).toEqual([
      'customer@acme.com',
      'declined@acme.com',
      'focus@ourco.com',
      'standup@ourco.com',
    ]);
    expect(byKey['customer@acme.com']).toMatchObject({
      kind: 'event',
      folder: 'calendar',
      from: 'jane.doe@acme.com',
      subject: 'Renewal review',
      decision: { action: 'save', reason: 'meeting', who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect(byKey['standup@ourco.com']!.decision).toMatchObject({ action: 'skip', reason: 'internal' });
    expect(byKey['standup@ourco.com']!.decision.trace.length).toBeGreaterThan(0);
    expect(res.body.names['contact:con-jane-doe']).toBe('Jane Doe');
  });

  test('the Activity page of emails (the default) never shows an event', async () => {
    const res = await server.call('GET', '/api/activity', { as: sam });
    expect(res.status).toBe(200);
    expect((res.body.entries as { kind?: string }[]).every((e) => e.kind !== 'event')).toBe(true);
    expect((res.body.entries as { messageId: string }[]).map((e) => e.messageId)).not.toContain(
      'customer@acme.com',
    );
  });

  test('the dry run decides the events again with the proposed settings, apart from the emails', async () => {
    const off = await server.call('POST', '/api/settings/dry-run', {
      as: await server.signIn(server.sam),
      body: { settings: { autoshareMeetings: false }, days: 7 },
    });
    expect(off.status).toBe(200);
    expect(off.body.events).toMatchObject({
      looked: 4,
      saved: 0,
      skipped: 4,
      byReason: { meetings_off: 2, declined: 1, appointments_off: 1 },
    });
    const on = await server.call('POST', '/api/settings/dry-run', {
      as: await server.signIn(server.sam),
      body: { settings: { autoshareMeetings: true }, days: 7 },
    });
    expect(on.body.events).toMatchObject({
      looked: 4,
      saved: 1,
      skipped: 3,
      byReason: { internal: 1, declined: 1, appointments_off: 1 },
    });
    expect(on.body.looked).toBe(0); // no email was looked at
  });

  test('the dry run counts meetings and appointments apart, with their skip reasons', async () => {
    const both = await server.call('POST', '/api/settings/dry-run', {
      as: await server.signIn(server.sam),
      body: { settings: { autoshareMeetings: true, autoshareAppointments: true }, days: 7 },
    });
    expect(both.status).toBe(200);
    expect(both.body.events.meetings).toEqual({
      looked: 3,
      saved: 1,
      skipped: 2,
      byReason: { internal: 1, declined: 1 },
    });
    expect(both.body.events.appointments).toEqual({ looked: 1, saved: 1, skipped: 0, byReason: {} });
    const none = await server.call('POST', '/api/settings/dry-run', {
      as: await server.signIn(server.sam),
      body: { settings: { autoshareMeetings: false, autoshareAppointments: false }, days: 7 },
    });
    expect(none.body.events.meetings.byReason).toEqual({ meetings_off: 2, declined: 1 });
    expect(none.body.events.appointments).toEqual({
      looked: 1,
      saved: 0,
      skipped: 1,
      byReason: { appointments_off: 1 },
    });
  });

  test('filters by reason among events', async () => {
    const res = await server.call('GET', '/api/activity?kind=event&reason=internal', { as: sam });
    expect((res.body.entries as { messageId: string }[]).map((e) => e.messageId)).toEqual([
      'standup@ourco.com',
    ]);
  });

  test('kind=all lists emails and events in one list, newest first, each with its kind and trace', async () => {
    await recordDecisions(server.deps.db, [
      {
        userId: server.sam.id,
        direction: 'inbound',
        decidedAt: '2099-01-01T00:00:00Z',
        message: {
          internetMessageId: '<quote@acme.com>',
          folder: 'inbox',
          from: { address: 'jane.doe@acme.com' },
          to: [{ address: 'sam@ourco.com' }],
          cc: [],
          subject: 'Quote',
          sentAt: '2026-03-03T09:00:00Z',
        },
        decision: {
          action: 'skip',
          reason: 'no_known_participant',
          who: [],
          create: [],
          content: 'metadata',
          trace: ['No participant is a known contact or lead.'],
        },
      },
    ]);
    const all = await server.call('GET', '/api/activity?kind=all', { as: sam });
    expect(all.status).toBe(200);
    const rows = all.body.entries as { messageId: string; kind: string; decision: { trace: string[] } }[];
    expect(rows[0]).toMatchObject({ messageId: 'quote@acme.com', kind: 'email' });
    expect(rows.map((r) => r.kind).sort()).toEqual(['email', 'event', 'event', 'event', 'event']);
    expect(rows.every((r) => r.decision.trace.length > 0)).toBe(true);
    const saved = rows.find((r) => r.messageId === 'customer@acme.com');
    expect(saved).toMatchObject({
      kind: 'event',
      eventKind: 'meeting',
      decision: { action: 'save', reason: 'meeting' },
    });
    // Sam alone: an appointment, whatever its decision (here, appointments are off).
    expect(rows.find((r) => r.messageId === 'focus@ourco.com')).toMatchObject({ eventKind: 'appointment' });
    expect(rows.find((r) => r.kind === 'email')).not.toHaveProperty('eventKind');
    const events = await server.call('GET', '/api/activity?kind=event', { as: sam });
    expect((events.body.entries as { kind: string }[]).every((e) => e.kind === 'event')).toBe(true);
    const emails = await server.call('GET', '/api/activity?kind=email', { as: sam });
    expect((emails.body.entries as { messageId: string }[]).map((e) => e.messageId)).toEqual([
      'quote@acme.com',
    ]);
    const paged = await server.call('GET', '/api/activity?kind=all&limit=2', { as: sam });
    const rest = await server.call(
      'GET',
      `/api/activity?kind=all&limit=10&next=${paged.body.next as string}`,
      {
        as: sam,
      },
    );
    expect([...paged.body.entries, ...rest.body.entries].map((e: { id: string }) => e.id)).toEqual(
      rows.map((r) => (r as unknown as { id: string }).id),
    );
  });
});
