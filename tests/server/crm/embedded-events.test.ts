import { sql } from 'kysely';
import type { NewCrmEvent } from '../../../server/crm/crm-adapter';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { backends, useTestDatabase } from '../../support/db/test-databases';

// The embedded CRM's events: saved, updated and cancelled by key in batches, found by key, and shown in the
// sidebars' recent activity as meetings (hidden with what autosharing imported when the display setting is off).

const event = (key: string, extra: Partial<NewCrmEvent> = {}): NewCrmEvent => ({
  key,
  subject: `Meeting ${key}`,
  body: 'Organizer: sam@ourco.com',
  start: '2030-03-05T10:00:00Z',
  end: '2030-03-05T11:00:00Z',
  allDay: false,
  showAs: 'busy',
  ownerId: 'usr-sam',
  who: [
    { kind: 'contact', id: 'con-jane-doe' },
    { kind: 'contact', id: 'con-john-smith' },
  ],
  what: { kind: 'opportunity', id: 'opp-acme-renewal' },
  invitees: ['usr-pat', 'usr-sam', 'usr-pat'],
  fingerprint: `fp-${key}`,
  sequence: 1,
  origin: 'automatic',
  ...extra,
});

describe.each(backends)('embedded CRM events on %s', (backend) => {
  const t = useTestDatabase(backend);
  let crm: EmbeddedCrm;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    crm = new EmbeddedCrm(t.db);
  });

  it('saves many at once, one per key, with links and invitees, and answers per item', async () => {
    const results = await crm.saveEvents([
      event('uid-1'),
      event('uid-2|2030-03-12T10:00:00Z', {
        who: [{ kind: 'lead', id: 'lea-bruce-wayne' }],
        what: undefined,
      }),
      event('uid-1', { subject: 'the same meeting from a colleague' }),
      event('uid-3', { who: [{ kind: 'contact', id: 'missing' }] }),
      event('uid-4', { end: '2030-03-05T09:00:00Z' }),
      event('', {}),
      event('uid-5', { what: { kind: 'contact', id: 'con-jane-doe' } }),
    ]);
    expect(results[0]).toMatchObject({ key: 'uid-1', ok: true, created: true });
    expect(results[1]).toMatchObject({ key: 'uid-2|2030-03-12T10:00:00Z', ok: true, created: true });
    expect(results[2]).toEqual({
      key: 'uid-1',
      ok: true,
      created: false,
      id: (results[0] as { id: string }).id,
    });
    expect(results.slice(3).map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(results[3]).toMatchObject({ error: 'Unknown contact missing' });
    expect(results[4]).toMatchObject({ error: 'The event ends before it starts' });

    const id = (results[0] as { id: string }).id;
    const links = await t.db
      .selectFrom('crm_event_links')
      .select(['role', 'kind', 'record_id', 'position'])
      .where('event_id', '=', id)
      .orderBy('role', 'desc')
      .orderBy('position')
      .execute();
    expect(links).toEqual([
      { role: 'who', kind: 'contact', record_id: 'con-jane-doe', position: 0 },
      { role: 'who', kind: 'contact', record_id: 'con-john-smith', position: 1 },
      { role: 'what', kind: 'opportunity', record_id: 'opp-acme-renewal', position: 0 },
    ]);
    const invitees = await t.db
      .selectFrom('crm_event_invitees')
      .select('crm_user_id')
      .where('event_id', '=', id)
      .execute();
    expect(invitees).toEqual([{ crm_user_id: 'usr-pat' }]); // the owner is not its own invitee

    // Saving the same key again (a retried batch) writes nothing new.
    const again = await crm.saveEvents([event('uid-1')]);
    expect(again[0]).toEqual({ key: 'uid-1', ok: true, id, created: false });
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from crm_events where event_key = 'uid-1'`.execute(t.db);
    expect(rows[0]?.n).toBe(1);
  });

  it('finds saved events by key with what rule 6 and ownership need', async () => {
    const found = await crm.findEventsByKeys(['uid-1', 'uid-2|2030-03-12T10:00:00Z', 'nope']);
    expect(found.map((e) => e.key).sort()).toEqual(['uid-1', 'uid-2|2030-03-12T10:00:00Z']);
    expect(found.find((e) => e.key === 'uid-1')).toMatchObject({
      fingerprint: 'fp-uid-1',
      sequence: 1,
      cancelled: false,
      ownerId: 'usr-sam',
    });
    expect(await crm.findEventsByKeys([])).toEqual([]);
  });

  it('updates by key: content replaced, links and invitees added, a stale copy left out', async () => {
    const res = await crm.updateEvents([
      {
        ...event('uid-1', {
          subject: 'Moved meeting',
          start: '2030-03-06T10:00:00Z',
          end: '2030-03-06T11:30:00Z',
          who: [
            { kind: 'contact', id: 'con-hank-scorpio' },
            { kind: 'contact', id: 'con-jane-doe' },
          ],
          what: { kind: 'account', id: 'acc-acme' },
          invitees: ['usr-admin'],
          fingerprint: 'fp-uid-1-b',
          sequence: 2,
        }),
      },
      { ...event('uid-2|2030-03-12T10:00:00Z', { subject: 'stale', sequence: 0, fingerprint: 'old' }) },
      { ...event('unknown-key') },
    ]);
    expect(res[0]).toMatchObject({ key: 'uid-1', ok: true, changed: true });
    expect(res[1]).toMatchObject({ key: 'uid-2|2030-03-12T10:00:00Z', ok: true, changed: false });
    expect(res[2]).toEqual({ key: 'unknown-key', ok: false, error: 'No CRM event has the key unknown-key' });
    const id = (res[0] as { id: string }).id;
    const row = await t.db
      .selectFrom('crm_events')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject: 'Moved meeting', fingerprint: 'fp-uid-1-b', sequence: 2 });
    expect(new Date(row.end_at).toISOString()).toBe('2030-03-06T11:30:00.000Z');
    const links = await t.db
      .selectFrom('crm_event_links')
      .select(['role', 'record_id'])
      .where('event_id', '=', id)
      .orderBy('role', 'desc')
      .orderBy('position')
      .execute();
    // The related record it had stays (an event has one); the new person comes after the others.
    expect(links.map((l) => `${l.role}:${l.record_id}`)).toEqual([
      'who:con-jane-doe',
      'who:con-john-smith',
      'who:con-hank-scorpio',
      'what:opp-acme-renewal',
    ]);
    const invitees = await t.db
      .selectFrom('crm_event_invitees')
      .select('crm_user_id')
      .where('event_id', '=', id)
      .orderBy('position')
      .execute();
    expect(invitees.map((i) => i.crm_user_id)).toEqual(['usr-pat', 'usr-admin']);
    const stale = await crm.findEventsByKeys(['uid-2|2030-03-12T10:00:00Z']);
    expect(stale[0]).toMatchObject({ fingerprint: 'fp-uid-2|2030-03-12T10:00:00Z', sequence: 1 });
  });

  it('cancels by key (or by id): subject prefixed once, marked cancelled, never deleted', async () => {
    const [saved] = await crm.findEventsByKeys(['uid-2|2030-03-12T10:00:00Z']);
    const res = await crm.cancelEvents([
      { key: 'uid-1', subject: 'Cancelled: Moved meeting', fingerprint: 'fp-c', sequence: 3 },
      { key: 'ignored-key', id: saved!.id, subject: 'Meeting two', fingerprint: 'fp-c2', sequence: 2 },
      { key: 'nothing-here', subject: 'x', fingerprint: 'f', sequence: 0 },
    ]);
    expect(res.map((r) => r.ok)).toEqual([true, false, false]);
    const found = await crm.findEventsByKeys(['uid-1', 'uid-2|2030-03-12T10:00:00Z']);
    expect(found.map((e) => e.cancelled)).toEqual([true, true]);
    const subjects = await t.db
      .selectFrom('crm_events')
      .select(['event_key', 'subject'])
      .orderBy('event_key')
      .execute();
    expect(subjects).toEqual([
      { event_key: 'uid-1', subject: 'Cancelled: Moved meeting' },
      { event_key: 'uid-2|2030-03-12T10:00:00Z', subject: 'Cancelled: Meeting two' },
    ]);
    // Written again after a cancellation (the meeting is back): no longer cancelled.
    const back = await crm.updateEvents([
      event('uid-1', { subject: 'Back on', fingerprint: 'fp-back', sequence: 4 }),
    ]);
    expect(back[0]).toMatchObject({ ok: true, changed: true });
    expect((await crm.findEventsByKeys(['uid-1']))[0]).toMatchObject({
      cancelled: false,
      fingerprint: 'fp-back',
    });
  });

  it('shows saved meetings in recent activity beside activities, newest first; hidden when imported ones are', async () => {
    await crm.saveEvents([
      event('uid-manual', {
        subject: 'Hand-saved lunch',
        start: '2030-01-01T12:00:00Z',
        end: '2030-01-01T13:00:00Z',
        origin: 'manual',
        what: undefined,
      }),
    ]);
    await crm.saveActivities([
      {
        messageId: 'ev-test-mail@acme.com',
        subject: 'An email in between',
        body: '',
        date: '2030-02-01T09:00:00Z',
        who: [{ kind: 'contact', id: 'con-jane-doe' }],
        mode: 'manual',
      },
    ]);
    const recent = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 3);
    expect(recent['contact:con-jane-doe']?.map((a) => [a.type, a.subject])).toEqual([
      ['meeting', 'Back on'],
      ['email', 'An email in between'],
      ['meeting', 'Hand-saved lunch'],
    ]);
    expect(recent['contact:con-jane-doe']?.[0]).toMatchObject({
      date: '2030-03-05T10:00:00.000Z',
      ownerName: 'Sam Seller',
    });
    const withoutImported = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 2, {
      hideImported: true,
    });
    expect(withoutImported['contact:con-jane-doe']?.map((a) => a.subject)).toEqual([
      'An email in between',
      'Hand-saved lunch',
    ]);
    // The one-statement lookup the sidebar uses shows them too.
    const lookup = await crm.lookupContext({
      addresses: ['jane.doe@acme.com'],
      domains: [],
      recentActivities: 2,
    });
    expect(lookup.activities?.['contact:con-jane-doe']?.map((a) => a.subject)).toEqual([
      'Back on',
      'An email in between',
    ]);
    // The admin stop hides the automatic events too, the start shows them again.
    expect(await crm.setImportedActivitiesHidden(true)).toBeGreaterThanOrEqual(2);
    const stopped = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5);
    expect(stopped['contact:con-jane-doe']?.some((a) => a.subject === 'Back on')).toBe(false);
    await crm.setImportedActivitiesHidden(false);
    const started = await crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5);
    expect(started['contact:con-jane-doe']?.[0]?.subject).toBe('Back on');
  });
});
