import { DEFAULT_HORIZON_DAYS, type CalendarEvent } from '../../../src';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { connectMailbox, getMailbox, type Mailbox } from '../../../server/db/mailboxes-repo';
import type { CalendarBatch, CalendarSource } from '../../../server/providers/calendar-source';
import { runCalendar } from '../../../server/sync/calendar/calendar-run';
import type { EventWriter } from '../../../server/sync/calendar/event-writer';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type Session, type TestServer } from '../../support/server/test-server';

// The dashboard's calendar switches write the settings the calendar sync reads: turned on through the API, the next
// run saves a meeting; turned off, the next run saves none. The horizon the switches name is the engine's.

const meeting = (uid: string): CalendarEvent => ({
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
});

/** A calendar that hands out, at each read, the meeting queued for it (one new meeting per run). */
class QueuedCalendar implements CalendarSource {
  next: CalendarEvent[] = [];
  initialHorizon: number | undefined;
  async initialCursor(_connectedAt: Date, horizonDays: number) {
    this.initialHorizon = horizonDays;
    return { read: 0 };
  }
  async changes(cursor: Record<string, unknown>): Promise<CalendarBatch> {
    const changes = this.next.map((event) => ({ kind: 'event' as const, sourceId: event.uid, event }));
    this.next = [];
    return { changes, cursor: { read: Number(cursor.read) + 1 }, more: false };
  }
  async close() {}
}

describe.each(backends)('calendar switches drive the next sync (%s)', (backend) => {
  let server: TestServer;
  let session: Session;
  let box: Mailbox;
  const saved: string[] = [];
  const calendar = new QueuedCalendar();
  const writer: EventWriter = {
    save: async (items) => items.map((i) => (saved.push(i.key), { ok: true, id: `evt-${i.key}` })),
    update: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
    cancel: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
  };
  const sync = async (uid: string) => {
    calendar.next = [meeting(uid)];
    return runCalendar(
      {
        db: server.deps.db,
        crm: new EmbeddedCrm(server.deps.db),
        events: writer,
        calendars: async () => calendar,
        batchSize: 100,
        maxBatchesPerRun: 5,
        now: () => new Date('2026-03-03T12:00:00Z'),
      },
      (await getMailbox(server.deps.db, box.id))!,
      server.sam,
    );
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    session = await server.signIn(server.sam);
    box = await connectMailbox(server.deps.db, {
      userId: server.sam.id,
      kind: 'maildir',
      settings: {},
      connectedAt: new Date('2026-03-01T00:00:00Z'),
      cursor: {},
    });
  }, 90_000);
  afterAll(async () => server?.close());

  test('both switches start off and the settings name the engine horizon', async () => {
    const res = await server.call('GET', '/api/settings', { as: session });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ autoshareMeetings: false, autoshareAppointments: false });
    expect(res.body.horizonDays).toBe(DEFAULT_HORIZON_DAYS);
    const admin = await server.call('GET', '/api/admin/organisation', {
      as: await server.signIn(server.admin),
    });
    expect(admin.body.horizonDays).toBe(DEFAULT_HORIZON_DAYS);
  });

  test('off: the next sync saves no meeting', async () => {
    expect(await sync('off-1@acme.com')).toEqual({ outcome: 'off' });
    expect(saved).toEqual([]);
  });

  test('turned on in the dashboard: the next sync saves the meeting, read with the horizon shown', async () => {
    const on = await server.call('PATCH', '/api/settings', {
      as: session,
      body: { autoshareMeetings: true },
    });
    expect(on.status).toBe(200);
    expect(on.body.settings.autoshareMeetings).toBe(true);
    expect(await sync('on-1@acme.com')).toMatchObject({ outcome: 'synced', saved: 1 });
    expect(saved).toEqual(['on-1@acme.com']);
    expect(calendar.initialHorizon).toBe(on.body.horizonDays);
  });

  test('turned off again: the next sync saves nothing more', async () => {
    const off = await server.call('PATCH', '/api/settings', {
      as: session,
      body: { autoshareMeetings: false },
    });
    expect(off.body.settings.autoshareMeetings).toBe(false);
    expect(await sync('off-2@acme.com')).toEqual({ outcome: 'off' });
    expect(saved).toEqual(['on-1@acme.com']);
  });
});
