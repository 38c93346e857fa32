import type { NewActivity } from '../../../server/crm/crm-adapter';
import { seedDemoCrm } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { backends, useTestDatabase } from '../../support/db/test-databases';

const activity = (messageId: string, extra: Partial<NewActivity> = {}): NewActivity => ({
  messageId,
  subject: `Subject of ${messageId}`,
  body: 'From: jane.doe@acme.com',
  date: '2026-03-05T10:00:00Z',
  ownerId: 'usr-admin',
  who: [{ kind: 'contact', id: 'con-jane-doe' }],
  what: { kind: 'opportunity', id: 'opp-acme-renewal' },
  mode: 'automatic',
  ...extra,
});

describe.each(backends)('embedded CRM activities on %s', (backend) => {
  const t = useTestDatabase(backend);
  let crm: EmbeddedCrm;
  beforeAll(async () => {
    await seedDemoCrm(t.db);
    crm = new EmbeddedCrm(t.db);
  });

  it('saves many at once, one per Message-ID, and answers per item', async () => {
    const results = await crm.saveActivities([
      activity('<a1@acme.com>'),
      activity('a2@acme.com', {
        who: [{ kind: 'lead', id: 'lea-bruce-wayne' }],
        what: undefined,
        mode: 'manual',
      }),
      activity('a1@acme.com', { subject: 'same email seen twice in the batch' }),
      activity('', {}),
      activity('a3@acme.com', { who: [{ kind: 'account', id: 'acc-acme' }] }),
      activity('a4@acme.com', { what: { kind: 'contact', id: 'con-jane-doe' } }),
      activity('a5@acme.com', { who: [{ kind: 'contact', id: 'missing' }] }),
      activity('a6@acme.com', { date: '2026-02-30T10:00:00Z' }),
    ]);
    expect(results[0]).toMatchObject({ messageId: 'a1@acme.com', ok: true, created: true });
    expect(results[1]).toMatchObject({ messageId: 'a2@acme.com', ok: true, created: true });
    expect(results[2]).toEqual({
      messageId: 'a1@acme.com',
      ok: true,
      created: false,
      id: (results[0] as { id: string }).id,
    });
    expect(results.slice(3).map((r) => r.ok)).toEqual([false, false, false, false, false]);
    expect(results[6]).toMatchObject({ error: 'Unknown contact missing' });

    const saved = await crm.findActivitiesByMessageIds(['<a1@acme.com>', 'a2@acme.com', 'a5@acme.com']);
    expect(saved.map((a) => a.messageId).sort()).toEqual(['a1@acme.com', 'a2@acme.com']);
    expect(saved.find((a) => a.messageId === 'a1@acme.com')).toEqual({
      id: (results[0] as { id: string }).id,
      type: 'email',
      subject: 'Subject of <a1@acme.com>',
      date: '2026-03-05T10:00:00.000Z',
      ownerId: 'usr-admin',
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: 'opp-acme-renewal' },
      messageId: 'a1@acme.com',
      origin: 'automatic',
      hidden: false,
    });
  });

  it('is idempotent: saving the same email again returns the existing activity', async () => {
    const [first] = await crm.saveActivities([activity('again@acme.com')]);
    const [second] = await crm.saveActivities([activity('<again@acme.com>', { subject: 'other' })]);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(second).toEqual({
      messageId: 'again@acme.com',
      ok: true,
      created: false,
      id: (first as { id: string }).id,
    });
    const rows = await t.db
      .selectFrom('crm_activities')
      .select('id')
      .where('source_message_id', '=', 'again@acme.com')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('creates exactly one activity when concurrent savers race on one Message-ID', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => crm.saveActivities([activity('race@acme.com')])),
    );
    const flat = results.flat();
    expect(flat.every((r) => r.ok)).toBe(true);
    expect(flat.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(new Set(flat.map((r) => (r.ok ? r.id : '')))).toHaveProperty('size', 1);
  });

  it('lists recent visible activities per record, newest first, limited per record', async () => {
    await crm.saveActivities([
      activity('r1@globex.com', {
        who: [{ kind: 'contact', id: 'con-hank-scorpio' }],
        what: undefined,
        date: '2026-03-01T09:00:00Z',
      }),
      activity('r2@globex.com', {
        who: [{ kind: 'contact', id: 'con-hank-scorpio' }],
        what: undefined,
        date: '2026-03-02T09:00:00Z',
      }),
      activity('r3@globex.com', {
        who: [{ kind: 'contact', id: 'con-hank-scorpio' }],
        what: undefined,
        date: '2026-03-03T09:00:00Z',
      }),
    ]);
    const recent = await crm.recentActivities(
      [
        { kind: 'contact', id: 'con-hank-scorpio' },
        { kind: 'opportunity', id: 'opp-globex-pilot' },
        { kind: 'lead', id: 'lea-pepper-potts' },
      ],
      2,
    );
    expect(Object.keys(recent).sort()).toEqual(['contact:con-hank-scorpio', 'opportunity:opp-globex-pilot']);
    expect(recent['contact:con-hank-scorpio']!.map((a) => a.subject)).toEqual([
      'Subject of r3@globex.com',
      'Subject of r2@globex.com',
    ]);
    expect(recent['opportunity:opp-globex-pilot']).toEqual([
      {
        id: 'act-demo-3',
        type: 'call',
        subject: 'Pilot scope call',
        date: '2025-11-25T16:00:00.000Z',
        ownerName: 'Dana Admin',
      },
    ]);
    expect(await crm.recentActivities([], 5)).toEqual({});
  });

  it('hides imported activities on stop and shows them again on start; hidden ones leave recent lists', async () => {
    const bill = { kind: 'contact' as const, id: 'con-bill-lumbergh' };
    const jane = { kind: 'contact' as const, id: 'con-jane-doe' };
    const before = await crm.recentActivities([bill, jane], 10);
    expect(before['contact:con-bill-lumbergh']!.map((a) => a.id)).toContain('act-demo-4');
    const manualBefore = before['contact:con-jane-doe']!.map((a) => a.id);
    expect(manualBefore).toContain('act-demo-2');

    const hidden = await crm.setImportedActivitiesHidden(true);
    expect(hidden).toBeGreaterThan(0);
    expect(await crm.setImportedActivitiesHidden(true)).toBe(0);
    const during = await crm.recentActivities([bill, jane], 10);
    expect(during['contact:con-bill-lumbergh']).toBeUndefined();
    // Manual saves and activities logged in the CRM stay visible.
    expect(during['contact:con-jane-doe']!.map((a) => a.id)).toEqual(
      expect.arrayContaining(['act-demo-1', 'act-demo-2']),
    );
    expect(during['contact:con-jane-doe']!.some((a) => a.subject.startsWith('Subject of <a1'))).toBe(false);
    const [found] = await crm.findActivitiesByMessageIds(['demo-tps-1@initech.io']);
    expect(found).toMatchObject({ id: 'act-demo-4', hidden: true });

    expect(await crm.setImportedActivitiesHidden(false)).toBe(hidden);
    const after = await crm.recentActivities([bill, jane], 10);
    expect(after['contact:con-bill-lumbergh']!.map((a) => a.id)).toContain('act-demo-4');
  });
});
