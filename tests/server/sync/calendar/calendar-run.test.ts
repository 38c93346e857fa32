import type { CalendarEvent } from '../../../../src';
import { seedDemoCrm, seedDemoOrganisation } from '../../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../../server/crm/embedded/embedded-crm';
import {
  connectMailbox,
  getMailbox,
  withMailboxes,
  type Mailbox,
} from '../../../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../../../server/db/settings-repo';
import { createUser, type User } from '../../../../server/db/users-repo';
import type {
  CalendarBatch,
  CalendarCursor,
  CalendarSource,
} from '../../../../server/providers/calendar-source';
import { MailSourceError } from '../../../../server/providers/mail-source';
import { runCalendar, type CalendarRunDeps } from '../../../../server/sync/calendar/calendar-run';
import type { EventWriter } from '../../../../server/sync/calendar/event-writer';
import { backends, truncateAll, useTestDatabase } from '../../../support/db/test-databases';

// A mailbox's calendar run: read only when the user shares meetings or appointments; from a cursor of its own,
// started at the connection; batch after batch while the source has more (bounded per run); a calendar that cannot
// be read says why on the mailbox and closes its source.

const event = (i: number): CalendarEvent => ({
  uid: `meeting-${i}@acme.com`,
  sequence: 0,
  calendar: 'primary',
  organizer: { address: 'jane.doe@acme.com' },
  attendees: [{ address: 'sam@ourco.com', type: 'required', response: 'accepted' }],
  subject: `Meeting ${i}`,
  start: '2026-03-10T09:00:00Z',
  end: '2026-03-10T10:00:00Z',
  allDay: false,
  status: 'confirmed',
  sensitivity: 'normal',
  updatedAt: '2026-03-02T08:00:00Z',
});

/** Three pages of two events each, after an initial cursor at the connection. */
class PagedCalendar implements CalendarSource {
  initial: { connectedAt: string; horizonDays: number } | undefined;
  reads: CalendarCursor[] = [];
  closed = 0;
  failWith: Error | undefined;
  async initialCursor(connectedAt: Date, horizonDays: number): Promise<CalendarCursor> {
    this.initial = { connectedAt: connectedAt.toISOString(), horizonDays };
    return { page: 0 };
  }
  async changes(cursor: CalendarCursor): Promise<CalendarBatch> {
    if (this.failWith) throw this.failWith;
    this.reads.push(cursor);
    const page = cursor.page as number;
    if (page >= 3) return { changes: [], cursor, more: false };
    return {
      changes: [0, 1].map((j) => ({
        kind: 'event',
        sourceId: `id-${page * 2 + j}`,
        event: event(page * 2 + j),
      })),
      cursor: { page: page + 1 },
      more: page + 1 < 3,
    };
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

const saved: string[] = [];
const writer: EventWriter = {
  save: async (items) => items.map((i) => (saved.push(i.key), { ok: true, id: `evt-${i.key}` })),
  update: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
  cancel: async (items) => items.map((i) => ({ ok: true, id: i.crmEventId })),
};

describe.each(backends)('calendar run (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let sam: User;
  let box: Mailbox;
  let calendar: PagedCalendar;
  const deps = (): CalendarRunDeps => ({
    db: t.db,
    crm: new EmbeddedCrm(t.db),
    events: writer,
    calendars: async () => calendar,
    batchSize: 100,
    maxBatchesPerRun: 2,
    now: () => new Date('2026-03-03T12:00:00Z'),
  });
  const calendarColumns = () =>
    withMailboxes(t.db)
      .selectFrom('mailboxes')
      .select(['calendar_cursor', 'calendar_error', 'calendar_synced_at'])
      .where('id', '=', box.id)
      .executeTakeFirstOrThrow();

  beforeEach(async () => {
    await truncateAll(t.db);
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    const connectedAt = new Date('2026-03-01T00:00:00Z');
    sam = await createUser(t.db, {
      addresses: ['sam@ourco.com'],
      crmUserId: 'usr-sam',
      connectedAt: connectedAt.toISOString(),
    });
    box = await connectMailbox(t.db, {
      userId: sam.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    calendar = new PagedCalendar();
    saved.length = 0;
  });

  test('not read while the user shares neither meetings nor appointments; its cursor starts at the first run', async () => {
    expect(await runCalendar(deps(), box, sam)).toEqual({ outcome: 'off' });
    expect(calendar.initial).toEqual({ connectedAt: '2026-03-01T00:00:00.000Z', horizonDays: 30 });
    expect(calendar.reads).toEqual([]);
    expect((await calendarColumns()).calendar_cursor).toEqual({ page: 0 });
    // Turned on later, it reads from there.
    await updateSyncSettings(t.db, sam.id, { autoshareMeetings: true });
    calendar.initial = undefined;
    await runCalendar(deps(), box, sam);
    expect(calendar.initial).toBeUndefined();
    expect(calendar.reads[0]).toEqual({ page: 0 });
  });

  test('from the connection, batch after batch up to the bound, then on from where it stopped', async () => {
    await updateSyncSettings(t.db, sam.id, { autoshareMeetings: true });
    const first = await runCalendar(deps(), box, sam);
    expect(calendar.initial).toEqual({ connectedAt: '2026-03-01T00:00:00.000Z', horizonDays: 30 });
    expect(first).toMatchObject({ outcome: 'synced', batches: 2, more: true, looked: 4, saved: 4 });
    expect((await calendarColumns()).calendar_cursor).toEqual({ page: 2 });
    const second = await runCalendar(deps(), (await getMailbox(t.db, box.id))!, sam);
    expect(second).toMatchObject({ outcome: 'synced', batches: 1, more: false, looked: 2, saved: 2 });
    expect(calendar.reads).toEqual([{ page: 0 }, { page: 1 }, { page: 2 }]);
    expect(saved).toHaveLength(6);
    expect(calendar.closed).toBe(2);
    const columns = await calendarColumns();
    expect(columns.calendar_error).toBeNull();
    expect(columns.calendar_synced_at).not.toBeNull();
  });

  test('a calendar that cannot be read says why on the mailbox, keeps its cursor and closes its source', async () => {
    await updateSyncSettings(t.db, sam.id, { autoshareAppointments: true });
    calendar.failWith = new MailSourceError(
      'auth',
      'calendar access was not granted: reconnect your mailbox',
    );
    const result = await runCalendar(deps(), box, sam);
    expect(result).toEqual({
      outcome: 'failed',
      error: 'calendar access was not granted: reconnect your mailbox',
    });
    const columns = await calendarColumns();
    // A refused sign-in: the user's consent is needed again (the admin's status says so).
    expect(columns.calendar_error).toBe(
      'Your calendar needs your consent again: calendar access was not granted: reconnect your mailbox',
    );
    expect(columns.calendar_cursor).toEqual({ page: 0 });
    expect(calendar.closed).toBe(1);
  });
});
