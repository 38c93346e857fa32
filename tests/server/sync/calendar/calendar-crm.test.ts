import { sql } from 'kysely';
import type { CalendarEvent } from '../../../../src';
import { seedDemoCrm, seedDemoOrganisation } from '../../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../../server/crm/embedded/embedded-crm';
import { connectMailbox } from '../../../../server/db/mailboxes-repo';
import { updateSyncSettings } from '../../../../server/db/settings-repo';
import { createUser } from '../../../../server/db/users-repo';
import { processCalendarBatch } from '../../../../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../../../../server/sync/calendar/calendar-crm';
import { backends, truncateAll, useTestDatabase } from '../../../support/db/test-databases';

// The engine through the real adapter (the embedded CRM): a customer meeting becomes one CRM event linked to the
// contact with the colleague invited, shows in the contact's recent activity as a meeting, is moved by a later
// copy, and cancelled (never deleted) when it is; after a crash between the CRM write and the record, one event.

const meeting = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'kick-off@acme.com',
  sequence: 0,
  calendar: 'primary',
  organizer: { address: 'sam@ourco.com' },
  attendees: [
    { address: 'jane.doe@acme.com', type: 'required', response: 'accepted' },
    { address: 'pat@ourco.com', type: 'required', response: 'accepted' },
  ],
  subject: 'Kick-off',
  start: '2026-03-10T09:00:00Z',
  end: '2026-03-10T10:00:00Z',
  allDay: false,
  location: 'Acme HQ',
  status: 'confirmed',
  sensitivity: 'normal',
  updatedAt: '2026-03-02T08:00:00Z',
  ...over,
});

describe.each(backends)('calendar engine into the embedded CRM (%s)', (backend) => {
  const t = useTestDatabase(backend);
  const events = () =>
    sql<{ id: string; subject: string; cancelled: boolean; owner_id: string; start_at: Date }>`
      select id, subject, cancelled, owner_id, start_at from crm_events order by id`.execute(t.db);

  test('saved, linked, invited, in recent activity; moved; cancelled; once after a crash', async () => {
    await truncateAll(t.db);
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    const connectedAt = new Date('2026-03-01T00:00:00Z');
    const sam = await createUser(t.db, {
      addresses: ['sam@ourco.com'],
      crmUserId: 'usr-sam',
      connectedAt: connectedAt.toISOString(),
    });
    await createUser(t.db, {
      addresses: ['pat@ourco.com'],
      crmUserId: 'usr-pat',
      connectedAt: connectedAt.toISOString(),
    });
    await updateSyncSettings(t.db, sam.id, { autoshareMeetings: true });
    const box = await connectMailbox(t.db, {
      userId: sam.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    const crm = new EmbeddedCrm(t.db);
    const deps = { db: t.db, crm, events: crmEventWriter(crm), now: () => new Date('2026-03-03T12:00:00Z') };
    const run = (event: CalendarEvent) =>
      processCalendarBatch(deps, box, sam, {
        changes: [{ kind: 'event', sourceId: 'e1', event }],
        cursor: {},
        more: false,
      });

    expect(await run(meeting())).toMatchObject({ saved: 1 });
    const [saved] = (await events()).rows;
    expect(saved).toMatchObject({ subject: 'Kick-off', cancelled: false, owner_id: 'usr-sam' });
    const links = await sql<{ kind: string; record_id: string }>`
      select kind, record_id from crm_event_links where event_id = ${saved!.id}`.execute(t.db);
    // Jane, and Sam's open opportunity on her account (rule 12).
    expect(links.rows).toEqual(
      expect.arrayContaining([
        { kind: 'contact', record_id: 'con-jane-doe' },
        { kind: 'opportunity', record_id: 'opp-acme-expansion' },
      ]),
    );
    expect(links.rows).toHaveLength(2);
    const invitees = await sql<{ crm_user_id: string }>`
      select crm_user_id from crm_event_invitees where event_id = ${saved!.id}`.execute(t.db);
    expect(invitees.rows.map((r) => r.crm_user_id)).toEqual(['usr-pat']);
    const recent = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5);
    expect(Object.values(recent).flat()).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'meeting', subject: 'Kick-off' })]),
    );

    expect(
      await run(meeting({ sequence: 1, start: '2026-03-11T09:00:00Z', end: '2026-03-11T10:00:00Z' })),
    ).toMatchObject({ updated: 1 });
    expect(new Date((await events()).rows[0]!.start_at).toISOString()).toBe('2026-03-11T09:00:00.000Z');

    expect(await run(meeting({ sequence: 2, status: 'cancelled' }))).toMatchObject({ cancelled: 1 });
    expect((await events()).rows).toEqual([
      expect.objectContaining({ subject: 'Cancelled: Kick-off', cancelled: true }),
    ]);

    // A crash between the CRM write and the record: the CRM has the event, Liaison does not remember it.
    await sql`delete from saved_events`.execute(t.db);
    await sql`delete from decision_log`.execute(t.db);
    await run(meeting({ uid: 'kick-off@acme.com', sequence: 3 }));
    expect((await events()).rows).toHaveLength(1);
  });

  test("saved first from a colleague's calendar, the organizer's own sync takes it over once a user (section 5)", async () => {
    await truncateAll(t.db);
    await seedDemoCrm(t.db);
    await seedDemoOrganisation(t.db);
    const connectedAt = new Date('2026-03-01T00:00:00Z');
    const at = connectedAt.toISOString();
    const pat = await createUser(t.db, {
      addresses: ['pat@ourco.com'],
      crmUserId: 'usr-pat',
      connectedAt: at,
    });
    await updateSyncSettings(t.db, pat.id, { autoshareMeetings: true });
    const patBox = await connectMailbox(t.db, {
      userId: pat.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    const crm = new EmbeddedCrm(t.db);
    const deps = { db: t.db, crm, events: crmEventWriter(crm), now: () => new Date('2026-03-03T12:00:00Z') };
    const owner = async () =>
      (await sql<{ owner_id: string }>`select owner_id from crm_events`.execute(t.db)).rows.map(
        (r) => r.owner_id,
      );
    const invitees = async () =>
      (await sql<{ crm_user_id: string }>`select crm_user_id from crm_event_invitees`.execute(t.db)).rows
        .map((r) => r.crm_user_id)
        .sort();
    // Sam organizes but is not a user of Liaison yet: Pat's sync saves it, and Pat owns it.
    await processCalendarBatch(deps, patBox, pat, {
      changes: [{ kind: 'event', sourceId: 'p1', event: meeting() }],
      cursor: {},
      more: false,
    });
    expect(await owner()).toEqual(['usr-pat']);
    // Sam joins; his own sync brings a moved copy: the event becomes his, Pat stays invited.
    const sam = await createUser(t.db, {
      addresses: ['sam@ourco.com'],
      crmUserId: 'usr-sam',
      connectedAt: at,
    });
    await updateSyncSettings(t.db, sam.id, { autoshareMeetings: true });
    const samBox = await connectMailbox(t.db, {
      userId: sam.id,
      kind: 'maildir',
      settings: {},
      connectedAt,
      cursor: {},
    });
    await processCalendarBatch(deps, samBox, sam, {
      changes: [{ kind: 'event', sourceId: 's1', event: meeting({ sequence: 1, location: 'Online' }) }],
      cursor: {},
      more: false,
    });
    expect(await owner()).toEqual(['usr-sam']);
    expect(await invitees()).toContain('usr-pat');
    expect(await invitees()).not.toContain('usr-sam');
  });
});
