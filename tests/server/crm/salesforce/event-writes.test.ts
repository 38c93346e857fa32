/** Events through the Salesforce adapter against the emulator: Event, EventRelation, key and state fields, faults. */
import type { Emulator, SfRecord } from '../../../emulators/salesforce';
import type { NewCrmEvent } from '../../../../server/crm/crm-adapter';
import type { SalesforceCrmAdapter } from '../../../../server/crm/salesforce';
import { adapterFor, startEmulator } from './sf-test-env';

let emu: Emulator;
let adapter: SalesforceCrmAdapter;
let contacts: SfRecord[];
let lead: SfRecord;
let opp: SfRecord;
let sam: SfRecord;
let kim: SfRecord;

async function setUp(options: Parameters<typeof startEmulator>[0] = {}) {
  emu = await startEmulator(options);
  const acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
  opp = emu.store.insert('Opportunity', { Name: 'Deal', AccountId: acc.Id, StageName: 'Prospecting' });
  contacts = Array.from({ length: 3 }, (_, i) =>
    emu.store.insert('Contact', { LastName: `C${i}`, Email: `c${i}@acme.com`, AccountId: acc.Id }),
  );
  lead = emu.store.insert('Lead', { LastName: 'Lee', Company: 'Prospect', Email: 'lee@prospect.io' });
  sam = emu.store.insert('User', { LastName: 'Sam', Email: 'sam@ourco.com' });
  kim = emu.store.insert('User', { LastName: 'Kim', Email: 'kim@ourco.com' });
  adapter = adapterFor(emu);
}
afterEach(() => emu.stop());

const meeting = (key: string, extra: Partial<NewCrmEvent> = {}): NewCrmEvent => ({
  key,
  subject: `Meeting ${key}`,
  body: 'Organizer: sam@ourco.com\nAttendees: c0@acme.com, c1@acme.com, kim@ourco.com',
  start: '2030-03-05T10:00:00+01:00',
  end: '2030-03-05T11:30:00+01:00',
  allDay: false,
  location: 'Room 1',
  showAs: 'busy',
  ownerId: sam.Id as string,
  who: [
    { kind: 'contact', id: contacts[0]!.Id as string },
    { kind: 'contact', id: contacts[1]!.Id as string },
  ],
  what: { kind: 'opportunity', id: opp.Id as string },
  invitees: [kim.Id as string, sam.Id as string],
  fingerprint: `fp-${key}`,
  sequence: 1,
  origin: 'automatic',
  ...extra,
});

const relationsOf = (eventId: string) =>
  emu.store
    .all('EventRelation')
    .filter((r) => r.EventId === eventId)
    .map((r) => [r.RelationId, r.IsParent, r.IsWhat, r.IsInvitee]);

describe('Salesforce events', () => {
  it('inserts Events with the primary person, the related record, more people and invitees as EventRelations', async () => {
    await setUp();
    const res = await adapter.saveEvents([
      meeting('uid-1'),
      meeting('uid-day', {
        allDay: true,
        start: '2030-03-07T00:00:00+01:00',
        end: '2030-03-09T00:00:00+01:00',
        who: [{ kind: 'lead', id: lead.Id as string }],
        invitees: [],
      }),
      meeting('uid-1', { subject: 'a colleague’s copy in the same batch' }),
      meeting('uid-bad', { end: '2030-03-05T08:00:00Z' }),
    ]);
    expect(res.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(res[2]).toMatchObject({ ok: true, created: false, id: (res[0] as { id: string }).id });
    const id = (res[0] as { id: string }).id;
    const ev = emu.store.get('Event', id)!;
    expect(ev).toMatchObject({
      Subject: 'Meeting uid-1',
      StartDateTime: '2030-03-05T09:00:00.000+0000',
      EndDateTime: '2030-03-05T10:30:00.000+0000',
      DurationInMinutes: 90,
      IsAllDayEvent: false,
      Location: 'Room 1',
      ShowAs: 'Busy',
      OwnerId: sam.Id,
      WhoId: contacts[0]!.Id,
      WhatId: opp.Id,
      Liaison_Event_Key__c: 'uid-1',
      Liaison_Event_State__c: '1:fp-uid-1',
    });
    expect(relationsOf(id)).toEqual(
      expect.arrayContaining([
        [contacts[0]!.Id, true, false, false],
        [opp.Id, false, true, false],
        [contacts[1]!.Id, true, false, false],
        [kim.Id, false, false, true],
      ]),
    );
    expect(relationsOf(id)).toHaveLength(4); // the owner is not invited to their own event
    const day = emu.store.get('Event', (res[1] as { id: string }).id)!;
    // All-day: the calendar's own first date and whole days; a lead alone carries no related record.
    expect(day).toMatchObject({
      IsAllDayEvent: true,
      ActivityDate: '2030-03-07',
      DurationInMinutes: 2880,
      WhatId: null,
    });
  });

  it('an event longer than Salesforce takes is written for its first 14 days, its real end said first in the description', async () => {
    await setUp();
    const res = await adapter.saveEvents([
      meeting('uid-fair', {
        allDay: true,
        start: '2030-04-01T00:00:00+02:00',
        end: '2030-04-22T00:00:00+02:00',
        body: 'Trade fair stand',
      }),
      meeting('uid-trip', { start: '2030-05-01T08:00:00Z', end: '2030-05-20T18:00:00Z' }),
      meeting('uid-fortnight', { allDay: true, start: '2030-06-01T00:00:00Z', end: '2030-06-15T00:00:00Z' }),
    ]);
    expect(res.map((r) => r.ok)).toEqual([true, true, true]);
    const [fair, trip, fortnight] = res.map((r) => emu.store.get('Event', (r as { id: string }).id)!);
    expect(fair).toMatchObject({ IsAllDayEvent: true, ActivityDate: '2030-04-01', DurationInMinutes: 14 * 1440 });
    expect(fair!.Description).toBe(
      'Runs until 2030-04-21: Salesforce keeps the first 14 days of an event.\n\nTrade fair stand',
    );
    expect(trip).toMatchObject({
      StartDateTime: '2030-05-01T08:00:00.000+0000',
      EndDateTime: '2030-05-15T08:00:00.000+0000',
    });
    expect(trip!.Description).toMatch(/^Runs until 2030-05-20 18:00 UTC: Salesforce keeps the first 14 days/);
    // Exactly 14 days fits: written as it is.
    expect(fortnight).toMatchObject({ DurationInMinutes: 14 * 1440 });
    expect(fortnight!.Description).not.toMatch(/Runs until/);
    // The emulator refuses longer, as Salesforce does.
    const direct = await adapter.updateEvents([
      { ...meeting('uid-fair', { allDay: true, start: '2030-04-01T00:00:00Z', end: '2030-04-29T00:00:00Z' }), sequence: 2 },
    ]);
    expect(direct[0]).toMatchObject({ ok: true });
    expect(emu.store.get('Event', fair!.Id as string)).toMatchObject({ DurationInMinutes: 14 * 1440 });
  });

  it('finds events by key, updates by key (stale copies left), cancels by key without deleting', async () => {
    await setUp();
    const [saved] = await adapter.saveEvents([meeting('uid-1'), meeting('uid-2')]);
    const id = (saved as { id: string }).id;
    expect(await adapter.findEventsByKeys(['uid-1', 'UID-2', 'none'])).toEqual(
      expect.arrayContaining([
        { key: 'uid-1', id, fingerprint: 'fp-uid-1', sequence: 1, cancelled: false, ownerId: sam.Id },
        expect.objectContaining({ key: 'uid-2' }),
      ]),
    );
    emu.counts.reset();
    const up = await adapter.updateEvents([
      {
        ...meeting('uid-1', {
          subject: 'Moved',
          start: '2030-03-06T10:00:00Z',
          end: '2030-03-06T11:00:00Z',
          who: [{ kind: 'contact', id: contacts[2]!.Id as string }],
          invitees: [kim.Id as string],
          fingerprint: 'fp-2',
          sequence: 2,
        }),
      },
      { ...meeting('uid-2', { subject: 'stale copy', sequence: 0 }) },
      { ...meeting('uid-unknown') },
    ]);
    expect(up[0]).toEqual({ key: 'uid-1', ok: true, id, changed: true });
    expect(up[1]).toMatchObject({ ok: true, changed: false });
    expect(up[2]).toEqual({
      key: 'uid-unknown',
      ok: false,
      error: 'No Salesforce event has the key uid-unknown',
    });
    // Reads: events by key, relations; writes: one PATCH collection, one relation collection.
    expect(emu.counts.snapshot().api).toBeLessThanOrEqual(4);
    expect(emu.store.get('Event', id)).toMatchObject({
      Subject: 'Moved',
      StartDateTime: '2030-03-06T10:00:00.000+0000',
      DurationInMinutes: 60,
      WhoId: contacts[0]!.Id,
      Liaison_Event_State__c: '2:fp-2',
    });
    expect(relationsOf(id)).toContainEqual([contacts[2]!.Id, true, false, false]);
    expect(relationsOf(id).filter((r) => r[0] === kim.Id)).toHaveLength(1);

    const cancel = await adapter.cancelEvents([
      { key: 'uid-1', subject: 'Cancelled: Moved', fingerprint: 'fp-3', sequence: 3 },
      { key: 'ignored', id, subject: 'Moved', fingerprint: 'fp-3', sequence: 3 },
    ]);
    expect(cancel.map((r) => r.ok)).toEqual([true, true]);
    expect(emu.store.get('Event', id)).toMatchObject({ Subject: 'Cancelled: Moved', IsDeleted: false });
    expect((await adapter.findEventsByKeys(['uid-1']))[0]).toMatchObject({ cancelled: true, sequence: 3 });
  });

  it('without the key field: writes events without it, finds nothing by key, updates and cancels by the ledger’s id', async () => {
    await setUp({ eventExternalIdField: null });
    const res = await adapter.saveEvents([meeting('uid-1')]);
    expect(res[0]).toMatchObject({ ok: true, created: true });
    const id = (res[0] as { id: string }).id;
    expect(await adapter.findEventsByKeys(['uid-1'])).toEqual([]);
    const byKey = await adapter.updateEvents([meeting('uid-1', { fingerprint: 'x', sequence: 2 })]);
    expect(byKey[0]).toMatchObject({
      ok: false,
      error: expect.stringContaining("the event's id is needed"),
    });
    const byId = await adapter.updateEvents([{ ...meeting('uid-1', { subject: 'By id', sequence: 2 }), id }]);
    expect(byId[0]).toEqual({ key: 'uid-1', ok: true, id, changed: true });
    const cancelled = await adapter.cancelEvents([
      { key: 'uid-1', id, subject: 'By id', fingerprint: 'f', sequence: 3 },
    ]);
    expect(cancelled[0]).toMatchObject({ ok: true });
    expect(emu.store.get('Event', id)).toMatchObject({ Subject: 'Cancelled: By id' });
  });

  it('survives faults: row locks retried, a timeout after the write resolved by key, a refused record reported', async () => {
    await setUp();
    emu.faults.add({ kind: 'collections', onCall: 1, error: 'UNABLE_TO_LOCK_ROW', recordIndexes: [0] });
    emu.faults.add({ kind: 'collections', onCall: 2, error: 'timeout', holdMs: 0, commit: true, times: 1 });
    const res = await adapter.saveEvents([
      meeting('uid-a'),
      meeting('uid-b'),
      meeting('uid-c', { ownerId: '005000000000000AAA' }),
    ]);
    expect(res.slice(0, 2).map((r) => r.ok)).toEqual([true, true]);
    expect(res[2]).toMatchObject({ ok: false });
    const keys = emu.store
      .all('Event')
      .map((e) => e.Liaison_Event_Key__c)
      .sort();
    expect(keys).toEqual(['uid-a', 'uid-b']);
    // Saving again (a resumed run) makes no second event.
    const again = await adapter.saveEvents([meeting('uid-a'), meeting('uid-b')]);
    expect(again.map((r) => r.ok && !r.created)).toEqual([true, true]);
    expect(emu.store.all('Event')).toHaveLength(2);
    // An expired session on the lookup is refreshed; an outage on a write is retried by the client.
    emu.faults.add({ kind: 'query', onCall: 1, error: 'INVALID_SESSION_ID' });
    expect((await adapter.findEventsByKeys(['uid-a'])).map((e) => e.key)).toEqual(['uid-a']);
    emu.faults.add({ kind: 'collections', onCall: 1, error: 503 });
    const more = await adapter.saveEvents([meeting('uid-d')]);
    expect(more[0]).toMatchObject({ ok: true, created: true });
    expect(emu.store.all('Event')).toHaveLength(3);
    // A lock on an update is retried too.
    emu.faults.add({ kind: 'collections', onCall: 1, error: 'UNABLE_TO_LOCK_ROW' });
    const up = await adapter.updateEvents([
      meeting('uid-a', { subject: 'After lock', sequence: 2, fingerprint: 'z' }),
    ]);
    expect(up[0]).toMatchObject({ ok: true, changed: true });
  });
});

describe('Salesforce events: setup advice', () => {
  it('tells the admin what to create on Event when the org lacks the key field, nothing once it is there', async () => {
    await setUp({ eventExternalIdField: null });
    const advice = await adapter.setupAdvice();
    expect(advice).toEqual([expect.stringContaining('create on Event a text field Liaison_Event_Key__c')]);
    const other = await startEmulator();
    try {
      expect(await adapterFor(other).setupAdvice()).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
