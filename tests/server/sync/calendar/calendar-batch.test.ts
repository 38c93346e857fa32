import { sql } from 'kysely';
import type { CalendarEvent } from '../../../../src';
import { seedDemoCrm, seedDemoOrganisation } from '../../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../../server/crm/embedded/embedded-crm';
import { savedEventsByKeys } from '../../../../server/db/event-ledger-repo';
import { connectMailbox, withMailboxes, type Mailbox } from '../../../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../../../server/db/settings-repo';
import { createUser, type User } from '../../../../server/db/users-repo';
import type { CalendarBatch, CalendarChange } from '../../../../server/providers/calendar-source';
import { processCalendarBatch } from '../../../../server/sync/calendar/calendar-batch';
import type {
  EventCancel,
  EventWrite,
  EventWriter,
  EventWriteResult,
} from '../../../../server/sync/calendar/event-writer';
import { backends, truncateAll, useTestDatabase } from '../../../support/db/test-databases';

// A calendar batch, start to finish, against the embedded CRM's records and a CRM event writer that counts: the rules
// decide (event-rules.md), the writes go out once per batch kind, and ledger, provider ids, decision log and cursor
// are recorded together. Repeating a batch (a crash after the CRM writes) writes no second event; a colleague's copy
// of the same meeting updates the one event, never makes another; a removal cancels only for the event's owner.

/** An in-memory CRM calendar: saves by key (a key saved before answers its id), counts its calls. */
class FakeEvents implements EventWriter {
  byKey = new Map<string, EventWrite & { id: string; cancelled: boolean }>();
  calls: string[] = [];
  failKeys = new Set<string>();
  async save(items: EventWrite[]): Promise<EventWriteResult[]> {
    this.calls.push(`save ${items.length}`);
    return items.map((item) => {
      if (this.failKeys.has(item.key)) return { ok: false, error: 'UNABLE_TO_LOCK_ROW' };
      const kept = this.byKey.get(item.key);
      if (kept) return { ok: true, id: kept.id };
      const id = `evt-${this.byKey.size + 1}`;
      this.byKey.set(item.key, { ...item, id, cancelled: false });
      return { ok: true, id };
    });
  }
  async update(items: (EventWrite & { crmEventId: string })[]): Promise<EventWriteResult[]> {
    this.calls.push(`update ${items.length}`);
    return items.map((item) => {
      this.byKey.set(item.key, { ...item, id: item.crmEventId, cancelled: false });
      return { ok: true, id: item.crmEventId };
    });
  }
  async cancel(items: EventCancel[]): Promise<EventWriteResult[]> {
    this.calls.push(`cancel ${items.length}`);
    return items.map((item) => {
      const kept = this.byKey.get(item.key)!;
      kept.cancelled = true;
      kept.subject = item.subject.startsWith('Cancelled: ') ? item.subject : `Cancelled: ${item.subject}`;
      return { ok: true, id: item.crmEventId };
    });
  }
}

const meeting = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'renewal-review@acme.com',
  sequence: 0,
  calendar: 'primary',
  organizer: { address: 'sam@ourco.com', name: 'Sam Seller' },
  attendees: [
    { address: 'sam@ourco.com', type: 'required', response: 'accepted' },
    { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
    { address: 'pat@ourco.com', type: 'optional', response: 'tentative' },
    { address: 'room.1@ourco.com', type: 'resource', response: 'accepted' },
  ],
  subject: 'Renewal review',
  start: '2026-03-10T09:00:00Z',
  end: '2026-03-10T10:00:00Z',
  allDay: false,
  location: 'Room 1',
  description: 'Agenda: prices.',
  status: 'confirmed',
  sensitivity: 'normal',
  updatedAt: '2026-03-02T08:00:00Z',
  ...over,
});

const batchOf = (changes: CalendarChange[], n = 1): CalendarBatch => ({
  changes,
  cursor: { n },
  more: false,
});
const change = (event: CalendarEvent, sourceId = 'AAMk-1'): CalendarChange => ({
  kind: 'event',
  sourceId,
  event,
});

describe.each(backends)('calendar batch (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let sam: User;
  let pat: User;
  let samBox: Mailbox;
  let patBox: Mailbox;
  let events: FakeEvents;
  const deps = () => ({
    db: t.db,
    crm: new EmbeddedCrm(t.db),
    events,
    now: () => new Date('2026-03-03T12:00:00Z'),
  });
  const log = async (userId: string) =>
    (
      await sql<{
        message_id: string;
        action: string;
        reason: string;
        kind: string;
        subject: string;
        trace: string[];
      }>`
        select message_id, action, reason, kind, subject, trace from decision_log where user_id = ${userId}
         order by decided_at, id`.execute(t.db)
    ).rows;

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
    pat = await createUser(t.db, {
      addresses: ['pat@ourco.com'],
      crmUserId: 'usr-pat',
      connectedAt: connectedAt.toISOString(),
    });
    samBox = await connectMailbox(t.db, {
      userId: sam.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    patBox = await connectMailbox(t.db, {
      userId: pat.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    for (const user of [sam, pat]) await updateSyncSettings(t.db, user.id, { autoshareMeetings: true });
    events = new FakeEvents();
  });

  test('a customer meeting is saved once, linked, owned by its organizer, with the colleague invited; all recorded', async () => {
    const result = await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())], 7));
    expect(result).toMatchObject({ looked: 1, saved: 1, skipped: 0 });
    expect(events.calls).toEqual(['save 1']);
    const written = events.byKey.get('renewal-review@acme.com')!;
    expect(written).toMatchObject({
      ownerId: 'usr-sam',
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      invitees: ['usr-pat'],
      subject: 'Renewal review',
      start: '2026-03-10T09:00:00Z',
    });
    const ledger = (await savedEventsByKeys(t.db, ['renewal-review@acme.com'])).get(
      'renewal-review@acme.com',
    );
    expect(ledger).toMatchObject({ crmEventId: 'evt-1', ownerUserId: sam.id, cancelled: false, sequence: 0 });
    expect(await log(sam.id)).toEqual([
      expect.objectContaining({
        message_id: 'renewal-review@acme.com',
        action: 'save',
        reason: 'meeting',
        kind: 'event',
      }),
    ]);
    const row = await withMailboxes(t.db)
      .selectFrom('mailboxes')
      .select('calendar_cursor')
      .where('id', '=', samBox.id)
      .executeTakeFirstOrThrow();
    expect(row.calendar_cursor).toEqual({ n: 7 });
  });

  test('a crash after the CRM write and before the record: the batch again writes no second event', async () => {
    await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    // As if the transaction had never committed: the CRM has the event, Liaison has no record of it.
    await sql`delete from saved_events`.execute(t.db);
    await sql`delete from event_sources`.execute(t.db);
    await sql`delete from decision_log`.execute(t.db);
    const again = await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    expect(again).toMatchObject({ saved: 1 });
    expect(events.byKey.size).toBe(1);
    expect(
      (await savedEventsByKeys(t.db, ['renewal-review@acme.com'])).get('renewal-review@acme.com')?.crmEventId,
    ).toBe('evt-1');
  });

  test('the same batch again once recorded is unchanged', async () => {
    await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    const again = await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    expect(again).toMatchObject({ saved: 0, skipped: 1 });
    expect(events.calls).toEqual(['save 1']);
    expect((await log(sam.id)).map((r) => r.reason)).toEqual(['meeting', 'unchanged']);
  });

  test("a colleague's copy: unchanged is skipped; changed, it updates the one event and the owner stays", async () => {
    await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    await processCalendarBatch(deps(), patBox, pat, batchOf([change(meeting(), 'pat-copy')]));
    expect(events.calls).toEqual(['save 1']);
    const moved = meeting({ sequence: 1, start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z' });
    const result = await processCalendarBatch(deps(), patBox, pat, batchOf([change(moved, 'pat-copy')]));
    expect(result).toMatchObject({ updated: 1 });
    expect(events.calls).toEqual(['save 1', 'update 1']);
    expect(events.byKey.size).toBe(1);
    // Sam organizes: Sam owns it, Pat stays invited, Sam is never his own invitee.
    expect(events.byKey.get('renewal-review@acme.com')).toMatchObject({
      ownerId: 'usr-sam',
      invitees: ['usr-pat'],
      start: '2026-03-10T10:00:00Z',
    });
    const ledger = (await savedEventsByKeys(t.db, ['renewal-review@acme.com'])).get(
      'renewal-review@acme.com',
    );
    expect(ledger).toMatchObject({ ownerUserId: sam.id, sequence: 1 });
  });

  test('a stale copy (lower sequence) never overwrites the newer one', async () => {
    await processCalendarBatch(
      deps(),
      samBox,
      sam,
      batchOf([change(meeting({ sequence: 3, subject: 'New' }))]),
    );
    const stale = await processCalendarBatch(
      deps(),
      patBox,
      pat,
      batchOf([change(meeting({ sequence: 2, subject: 'Old' }), 'pat-copy')]),
    );
    expect(stale).toMatchObject({ updated: 0, skipped: 1 });
    expect(events.byKey.get('renewal-review@acme.com')!.subject).toBe('New');
  });

  test('a cancellation marks the event cancelled, never deleted', async () => {
    await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    const result = await processCalendarBatch(
      deps(),
      samBox,
      sam,
      batchOf([change(meeting({ status: 'cancelled', sequence: 1 }))]),
    );
    expect(result).toMatchObject({ cancelled: 1 });
    expect(events.byKey.get('renewal-review@acme.com')).toMatchObject({
      cancelled: true,
      subject: 'Cancelled: Renewal review',
    });
    expect(
      (await savedEventsByKeys(t.db, ['renewal-review@acme.com'])).get('renewal-review@acme.com')?.cancelled,
    ).toBe(true);
  });

  test("a removal cancels for the event's owner only; a colleague removing their copy cancels nothing", async () => {
    await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting(), 'sam-id')]));
    await processCalendarBatch(deps(), patBox, pat, batchOf([change(meeting(), 'pat-id')]));
    const byPat = await processCalendarBatch(
      deps(),
      patBox,
      pat,
      batchOf([{ kind: 'removed', sourceId: 'pat-id' }]),
    );
    expect(byPat.cancelled).toBe(0);
    expect(events.byKey.get('renewal-review@acme.com')!.cancelled).toBe(false);
    const bySam = await processCalendarBatch(
      deps(),
      samBox,
      sam,
      batchOf([{ kind: 'removed', sourceId: 'sam-id' }]),
    );
    expect(bySam.cancelled).toBe(1);
    // The removal carries no event: it cancels with the subject written last.
    expect(events.byKey.get('renewal-review@acme.com')).toMatchObject({
      cancelled: true,
      subject: 'Cancelled: Renewal review',
    });
    expect((await log(sam.id)).at(-1)).toMatchObject({
      action: 'cancel',
      reason: 'cancelled',
      kind: 'event',
    });
  });

  test('an internal meeting is skipped with its reason, and nothing is written', async () => {
    const internal = meeting({
      uid: 'standup@ourco.com',
      attendees: [
        { address: 'sam@ourco.com', type: 'required', response: 'accepted' },
        { address: 'pat@ourco.com', type: 'required', response: 'accepted' },
      ],
    });
    const result = await processCalendarBatch(deps(), samBox, sam, batchOf([change(internal)]));
    expect(result).toMatchObject({ saved: 0, skipped: 1 });
    expect(events.calls).toEqual([]);
    const [row] = await log(sam.id);
    expect(row).toMatchObject({ action: 'skip', reason: 'internal', subject: 'Renewal review' });
    expect(row!.trace.join(' ')).toMatch(/internal|colleague|ourco/i);
  });

  test('a write the CRM refuses fails that event alone: logged with why, the batch and cursor go on', async () => {
    events.failKeys.add('renewal-review@acme.com');
    const other = meeting({ uid: 'other@acme.com' });
    const result = await processCalendarBatch(
      deps(),
      samBox,
      sam,
      batchOf([change(meeting()), change(other, 'AAMk-2')], 3),
    );
    expect(result).toMatchObject({ saved: 1, skipped: 1 });
    const refused = (await log(sam.id)).find((r) => r.message_id === 'renewal-review@acme.com')!;
    expect(refused.action).toBe('skip');
    expect(refused.trace.at(-1)).toMatch(/UNABLE_TO_LOCK_ROW/);
    expect((await savedEventsByKeys(t.db, ['renewal-review@acme.com'])).size).toBe(0);
  });

  test("an appointment goes to its owner's own CRM calendar, linked to no one", async () => {
    await updateSyncSettings(t.db, sam.id, { autoshareAppointments: true });
    const alone = meeting({
      uid: 'prep@ourco.com',
      attendees: [{ address: 'room.1@ourco.com', type: 'resource', response: 'accepted' }],
      subject: 'Prepare the proposal',
    });
    const result = await processCalendarBatch(deps(), samBox, sam, batchOf([change(alone)]));
    expect(result).toMatchObject({ saved: 1, skipped: 0 });
    expect(events.byKey.get('prep@ourco.com')).toMatchObject({ ownerId: 'usr-sam', who: [], invitees: [] });
    expect((await log(sam.id))[0]).toMatchObject({ action: 'save', reason: 'appointment' });
  });

  test('meetings off: nothing is written and the reason says so', async () => {
    await updateSyncSettings(t.db, sam.id, { autoshareMeetings: false });
    const result = await processCalendarBatch(deps(), samBox, sam, batchOf([change(meeting())]));
    expect(result).toMatchObject({ saved: 0, skipped: 1 });
    expect((await log(sam.id))[0]).toMatchObject({ reason: 'meetings_off' });
  });
});
