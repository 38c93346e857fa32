import {
  addLedgerLinks,
  findSavedEmails,
  recordSavedEmail,
  savedCountsByUser,
  savedMessageIdsAmong,
} from '../../../server/db/ledger-repo';
import { createUser, removeUser } from '../../../server/db/users-repo';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('saved-email ledger on %s', (backend) => {
  const t = useTestDatabase(backend);
  beforeEach(async () => {
    await truncateAll(t.db);
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'] });
  });

  it('records once per normalised Message-ID and tells the second caller where it was saved', async () => {
    const first = await recordSavedEmail(t.db, {
      messageId: ' <abc@mail.acme.com> ',
      activityId: 'act-1',
      links: [
        { kind: 'contact', id: 'c1' },
        { kind: 'contact', id: 'c1' },
        { kind: 'opportunity', id: 'o1' },
      ],
      savedBy: 'u1',
      mode: 'automatic',
      savedAt: '2026-03-01T10:00:00Z',
    });
    expect(first).toEqual({
      won: true,
      entry: {
        messageId: 'abc@mail.acme.com',
        activityId: 'act-1',
        links: [
          { kind: 'contact', id: 'c1' },
          { kind: 'opportunity', id: 'o1' },
        ],
        savedBy: 'u1',
        savedAt: '2026-03-01T10:00:00.000Z',
        mode: 'automatic',
      },
    });
    const second = await recordSavedEmail(t.db, {
      messageId: 'abc@mail.acme.com',
      activityId: 'act-2',
      links: [],
      savedBy: 'u2',
      mode: 'manual',
    });
    expect(second).toEqual({ won: false, entry: first.entry });
  });

  it('refuses an empty Message-ID', async () => {
    await expect(
      recordSavedEmail(t.db, {
        messageId: ' <> ',
        activityId: 'a',
        links: [],
        savedBy: 'u1',
        mode: 'manual',
      }),
    ).rejects.toThrow(/Message-ID/);
  });

  it('lets exactly one of 20 concurrent writers of the same Message-ID win', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordSavedEmail(t.db, {
          messageId: '<race@acme.com>',
          activityId: `act-${i}`,
          links: [],
          savedBy: i % 2 ? 'u1' : 'u2',
          mode: 'automatic',
        }),
      ),
    );
    const winners = results.filter((r) => r.won);
    expect(winners).toHaveLength(1);
    const winningActivity = winners[0]!.entry.activityId;
    for (const r of results) expect(r.entry.activityId).toBe(winningActivity);
    const rows = await t.db.selectFrom('saved_emails').selectAll().execute();
    expect(rows).toHaveLength(1);
  });

  it('finds saved emails and says which Message-IDs are saved, in any form', async () => {
    await recordSavedEmail(t.db, {
      messageId: 'a@x',
      activityId: 'A',
      links: [],
      savedBy: 'u1',
      mode: 'manual',
    });
    await recordSavedEmail(t.db, {
      messageId: 'b@x',
      activityId: 'B',
      links: [],
      savedBy: 'u2',
      mode: 'automatic',
    });
    expect(await savedMessageIdsAmong(t.db, ['<b@x>', 'a@x', 'c@x', '', 'a@x'])).toEqual(['a@x', 'b@x']);
    expect(await savedMessageIdsAmong(t.db, [])).toEqual([]);
    const found = await findSavedEmails(t.db, ['<a@x>', 'zzz@x']);
    expect([...found.keys()]).toEqual(['a@x']);
    expect(found.get('a@x')).toMatchObject({ activityId: 'A', savedBy: 'u1', mode: 'manual' });
  });

  it('adds links without duplicates', async () => {
    await recordSavedEmail(t.db, {
      messageId: 'a@x',
      activityId: 'A',
      links: [{ kind: 'contact', id: 'c1' }],
      savedBy: 'u1',
      mode: 'manual',
    });
    const updated = await addLedgerLinks(t.db, '<a@x>', [
      { kind: 'contact', id: 'c1' },
      { kind: 'account', id: 'acc1' },
    ]);
    expect(updated?.links).toEqual([
      { kind: 'contact', id: 'c1' },
      { kind: 'account', id: 'acc1' },
    ]);
    expect(await addLedgerLinks(t.db, 'missing@x', [{ kind: 'contact', id: 'c1' }])).toBeUndefined();
  });

  it('counts saves per user and mode, and keeps rows of removed users', async () => {
    for (const [id, by, mode] of [
      ['1@x', 'u1', 'manual'],
      ['2@x', 'u1', 'automatic'],
      ['3@x', 'u1', 'automatic'],
      ['4@x', 'u2', 'manual'],
    ] as const) {
      await recordSavedEmail(t.db, { messageId: id, activityId: id, links: [], savedBy: by, mode });
    }
    const counts = await savedCountsByUser(t.db);
    expect(counts.get('u1')).toEqual({ manual: 1, automatic: 2 });
    expect(counts.get('u2')).toEqual({ manual: 1, automatic: 0 });
    await removeUser(t.db, 'u2');
    expect((await findSavedEmails(t.db, ['4@x'])).get('4@x')?.savedBy).toBe('');
    expect(await savedMessageIdsAmong(t.db, ['4@x'])).toEqual(['4@x']);
  });
});
