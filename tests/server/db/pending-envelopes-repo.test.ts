// The 24-hour window's store on both backends: envelopes only, the first sighting kept, lookups by address
// (From, To, Cc, Bcc), and the cleanup of expired envelopes.
import { sql } from 'kysely';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import {
  dropExpiredPending,
  dropPending,
  envelopeMessage,
  keepPending,
  listPending,
  markPendingChecked,
  mailboxesWithPending,
  requestPendingCheck,
} from '../../../server/db/pending-envelopes-repo';
import { backends, useTestDatabase } from '../../support/db/test-databases';

const HOUR = 3_600_000;

describe.each(backends)('pending envelopes (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('keeps envelopes, finds their mailboxes by any participant address, and drops the expired ones', async () => {
    await sql`insert into users (id, role) values ('pe-a', 'user'), ('pe-b', 'user')`.execute(t.db);
    const box = (userId: string) =>
      connectMailbox(t.db, {
        userId,
        kind: 'maildir',
        settings: { dir: `/x/${userId}` },
        connectedAt: new Date(),
        cursor: {},
      });
    const [a, b] = [await box('pe-a'), await box('pe-b')];
    const now = new Date();
    const message = (id: string, bcc: string[] = []) => ({
      internetMessageId: `<${id}>`,
      folder: 'inbox' as const,
      from: { address: 'Ann@Acme.com' },
      to: [{ address: 'rep@ourco.com' }],
      cc: [{ address: 'carl@acme.com' }],
      bcc: bcc.map((address) => ({ address })),
      subject: 'Prices',
      sentAt: '2026-12-06T10:00:00Z',
      bodyText: 'never stored',
    });
    await keepPending(t.db, a.id, [
      {
        message: message('one@acme.com'),
        sourceId: 'INBOX/1',
        threadId: 't1',
        seenAt: now,
        expiresAt: new Date(+now + HOUR),
      },
      { message: message('old@acme.com'), seenAt: now, expiresAt: new Date(+now - 1) },
    ]);
    await keepPending(t.db, b.id, [
      { message: message('two@acme.com', ['bea@acme.com']), seenAt: now, expiresAt: new Date(+now + HOUR) },
    ]);
    // Seen again later: the first sighting, and its window, stay.
    await keepPending(t.db, a.id, [
      {
        message: message('one@acme.com'),
        seenAt: new Date(+now + 5000),
        expiresAt: new Date(+now + 2 * HOUR),
      },
    ]);

    const [one] = await listPending(t.db, a.id, now);
    expect(await listPending(t.db, a.id, now)).toHaveLength(1);
    expect(one).toMatchObject({
      messageId: 'one@acme.com',
      sourceId: 'INBOX/1',
      threadId: 't1',
      from: 'ann@acme.com',
      to: ['rep@ourco.com'],
      cc: ['carl@acme.com'],
      bcc: [],
      expiresAt: new Date(+now + HOUR).toISOString(),
    });
    expect(envelopeMessage(one!)).not.toHaveProperty('bodyText');
    const { rows } = await sql`select * from pending_envelopes`.execute(t.db);
    expect(JSON.stringify(rows)).not.toContain('never stored');

    // Kept just now: checked just now, so not due before the recheck interval.
    const due = (at: Date, checkedBefore: Date) =>
      mailboxesWithPending(t.db, [a.id, b.id], at, checkedBefore);
    expect(await due(now, new Date(+now - 1))).toEqual(new Set());
    expect(await due(now, now)).toEqual(new Set([a.id, b.id]));
    expect(await due(new Date(+now + 2 * HOUR), new Date(+now + 2 * HOUR))).toEqual(new Set()); // expired

    // A record made for an address: the envelopes naming it (From, To, Cc or Bcc) are due at once.
    expect(await requestPendingCheck(t.db, ['bea@acme.com'], now)).toEqual([b.id]);
    expect(await due(now, new Date(+now - 1))).toEqual(new Set([b.id]));
    expect((await listPending(t.db, b.id, now))[0]?.checkedAt).toBeNull();
    expect(await requestPendingCheck(t.db, ['ANN@acme.com'], now)).toEqual([a.id, b.id].sort());
    expect(await requestPendingCheck(t.db, ['carl@acme.com'], now)).toEqual([a.id, b.id].sort());
    expect(await requestPendingCheck(t.db, ['nobody@acme.com'], now)).toEqual([]);
    expect(await requestPendingCheck(t.db, ['ann@acme.com'], new Date(+now + 2 * HOUR))).toEqual([]);
    const later = new Date(+now + 60_000);
    await markPendingChecked(t.db, a.id, ['<one@acme.com>'], later);
    expect((await listPending(t.db, a.id, now))[0]?.checkedAt).toBe(later.toISOString());
    expect(await due(now, new Date(+now - 1))).toEqual(new Set([b.id]));

    expect(await dropExpiredPending(t.db, now)).toBe(1); // old@acme.com
    await dropPending(t.db, b.id, ['<two@acme.com>']);
    expect(await listPending(t.db, b.id, now)).toEqual([]);
    expect(await dropExpiredPending(t.db, new Date(+now + HOUR), a.id)).toBe(1);
    expect(await listPending(t.db, a.id, now)).toEqual([]);
  });
});
