import {
  keysOfSourceIds,
  recordCalendarOutcome,
  recordEventWrites,
  rememberSourceIds,
  savedEventsByKeys,
  storeCalendarCursor,
  type EventLedgerWrite,
} from '../../../server/db/event-ledger-repo';
import { connectMailbox, getMailbox, withMailboxes } from '../../../server/db/mailboxes-repo';
import { createUser } from '../../../server/db/users-repo';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

// The organisation's event ledger (event-rules.md section 5: one meeting, one CRM event): one row per key, a stale
// copy never overwrites a newer one, the owner kept unless a new one is given; the provider's ids of events mapped
// to keys per mailbox; the calendar's cursor and outcome beside the mail's.

const write = (over: Partial<EventLedgerWrite> = {}): EventLedgerWrite => ({
  key: 'uid-1@acme.com',
  crmEventId: 'evt-1',
  fingerprint: 'f1',
  sequence: 1,
  cancelled: false,
  ownerUserId: 'u1',
  mode: 'automatic',
  links: { who: [{ kind: 'contact', id: 'con-1' }], invitees: ['usr-pat'] },
  ...over,
});

describe.each(backends)('event ledger on %s', (backend) => {
  const t = useTestDatabase(backend);
  let mailboxId: string;
  beforeEach(async () => {
    await truncateAll(t.db);
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'] });
    mailboxId = (
      await connectMailbox(t.db, {
        userId: 'u1',
        kind: 'maildir',
        settings: {},
        connectedAt: new Date('2026-03-01T00:00:00Z'),
        cursor: {},
      })
    ).id;
  });

  it('keeps one row per key with what rule 6 compares', async () => {
    await recordEventWrites(t.db, [write(), write({ key: 'uid-2', crmEventId: 'evt-2', ownerUserId: null })]);
    const saved = await savedEventsByKeys(t.db, ['uid-1@acme.com', 'uid-2', 'never-written']);
    expect([...saved.keys()].sort()).toEqual(['uid-1@acme.com', 'uid-2']);
    expect(saved.get('uid-1@acme.com')).toMatchObject({
      key: 'uid-1@acme.com',
      crmEventId: 'evt-1',
      fingerprint: 'f1',
      sequence: 1,
      cancelled: false,
      ownerUserId: 'u1',
      mode: 'automatic',
      links: { who: [{ kind: 'contact', id: 'con-1' }], invitees: ['usr-pat'] },
    });
  });

  it('a newer write updates the row, keeps its first save time and its owner when none is given', async () => {
    await recordEventWrites(t.db, [write()]);
    const before = (await savedEventsByKeys(t.db, ['uid-1@acme.com'])).get('uid-1@acme.com')!;
    await recordEventWrites(t.db, [
      write({ fingerprint: 'f2', sequence: 2, ownerUserId: null, cancelled: true }),
    ]);
    const after = (await savedEventsByKeys(t.db, ['uid-1@acme.com'])).get('uid-1@acme.com')!;
    expect(after).toMatchObject({ fingerprint: 'f2', sequence: 2, cancelled: true, ownerUserId: 'u1' });
    expect(after.savedAt).toBe(before.savedAt);
    // The organizer's own sync makes the organizer the owner (section 5).
    await recordEventWrites(t.db, [write({ fingerprint: 'f3', sequence: 3, ownerUserId: 'u2' })]);
    expect((await savedEventsByKeys(t.db, ['uid-1@acme.com'])).get('uid-1@acme.com')!.ownerUserId).toBe('u2');
  });

  it('a stale copy (lower sequence) never overwrites a newer one', async () => {
    await recordEventWrites(t.db, [write({ fingerprint: 'f5', sequence: 5 })]);
    await recordEventWrites(t.db, [write({ fingerprint: 'f-old', sequence: 4 })]);
    expect((await savedEventsByKeys(t.db, ['uid-1@acme.com'])).get('uid-1@acme.com')).toMatchObject({
      fingerprint: 'f5',
      sequence: 5,
    });
  });

  it("maps a mailbox's source ids to keys, per mailbox", async () => {
    await rememberSourceIds(t.db, mailboxId, [
      { sourceId: 'AAMk-1', key: 'uid-1@acme.com' },
      { sourceId: 'AAMk-2', key: 'uid-2|2026-03-10T09:00:00Z' },
    ]);
    await rememberSourceIds(t.db, mailboxId, [{ sourceId: 'AAMk-1', key: 'uid-1b' }]); // the id now stands for another
    const keys = await keysOfSourceIds(t.db, mailboxId, ['AAMk-1', 'AAMk-2', 'AAMk-unknown']);
    expect(Object.fromEntries(keys)).toEqual({ 'AAMk-1': 'uid-1b', 'AAMk-2': 'uid-2|2026-03-10T09:00:00Z' });
    const other = await connectMailbox(t.db, {
      userId: 'u2',
      kind: 'maildir',
      settings: {},
      connectedAt: new Date('2026-03-01T00:00:00Z'),
      cursor: {},
    });
    expect((await keysOfSourceIds(t.db, other.id, ['AAMk-1'])).size).toBe(0);
  });

  it("stores the calendar's cursor and outcome apart from the mail's", async () => {
    await storeCalendarCursor(t.db, mailboxId, { deltaLink: 'https://graph/delta?token=1' });
    await recordCalendarOutcome(
      t.db,
      mailboxId,
      'Reconnect your mailbox to allow calendar access.',
      new Date(),
    );
    const row = await withMailboxes(t.db)
      .selectFrom('mailboxes')
      .select(['calendar_cursor', 'calendar_error', 'calendar_synced_at', 'cursor'])
      .where('id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    expect(row.calendar_cursor).toEqual({ deltaLink: 'https://graph/delta?token=1' });
    expect(row.calendar_error).toBe('Reconnect your mailbox to allow calendar access.');
    expect(row.calendar_synced_at).toBeNull();
    expect(row.cursor).toEqual({});
    await recordCalendarOutcome(t.db, mailboxId, null, new Date('2026-03-02T10:00:00Z'));
    const ok = await withMailboxes(t.db)
      .selectFrom('mailboxes')
      .select(['calendar_error', 'calendar_synced_at'])
      .where('id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    expect(ok.calendar_error).toBeNull();
    expect(new Date(ok.calendar_synced_at as unknown as string).toISOString()).toBe(
      '2026-03-02T10:00:00.000Z',
    );
    expect((await getMailbox(t.db, mailboxId))?.id).toBe(mailboxId);
  });
});
