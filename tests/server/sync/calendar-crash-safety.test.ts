// kill -9 of a worker process at random moments while it autoshares a calendar of 300 meetings (invitations in a
// Maildir), on PostgreSQL: every meeting becomes one CRM event, decided once, recorded once. Zero duplicates, zero
// missing.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation, DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { storeCalendarCursor } from '../../../server/db/event-ledger-repo';
import { updateSyncSettings } from '../../../server/db/settings-repo';
import { createMaildirSource, deliverToMaildir } from '../../../server/providers/maildir';
import { InvitationCalendarSource } from '../../../server/providers/invitation-calendar-source';
import { openTestDatabase } from '../../support/db/test-databases';
import { ics, makeInvitationEml, vevent } from '../../support/mail/make-invitation';
import { kill, startWorker } from './worker-processes';
import { connectMaildir, waitFor } from './sync-helpers';

jest.setTimeout(240_000);

const MEETINGS = 300;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

function invitation(n: number): string {
  const start = new Date(Date.now() + (1 + (n % 20)) * 86_400_000);
  const calendar = ics(
    'REQUEST',
    ...vevent(
      `UID:meeting-${n}@acme.com`,
      'SEQUENCE:0',
      `DTSTAMP:${stamp(new Date())}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(new Date(start.getTime() + 3_600_000))}`,
      `SUMMARY:Meeting ${n}`,
      'ORGANIZER;CN=Jane Doe:mailto:jane.doe@acme.com',
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:${DEMO_ADMIN.address}`,
    ),
  );
  return makeInvitationEml({
    messageId: `invite-${n}@acme.com`,
    calendar,
    from: 'Jane Doe <jane.doe@acme.com>',
    to: DEMO_ADMIN.address,
    subject: `Invitation: Meeting ${n}`,
    date: new Date(),
  });
}

describe('calendar crash safety (postgres)', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) await kill(c);
  });

  it('kill -9 ten times during a 300-meeting calendar sync: every meeting one CRM event, decided once', async () => {
    const handle = await openTestDatabase('postgres');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calendar-crash-'));
    try {
      const { db } = handle;
      await seedDemoCrm(db);
      await seedDemoOrganisation(db);
      await updateSyncSettings(db, DEMO_ADMIN.userId, { autoshareMeetings: true });
      const connectedAt = new Date(Date.now() - 5000);
      const mailbox = await connectMaildir(db, DEMO_ADMIN.userId, dir, connectedAt);
      const calendar = new InvitationCalendarSource(createMaildirSource({ dir }));
      await storeCalendarCursor(db, mailbox.id, await calendar.initialCursor(connectedAt, 30));
      for (let n = 0; n < MEETINGS; n++) await deliverToMaildir(dir, 'INBOX', invitation(n));

      const eventDecisions = async () =>
        Number(
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from decision_log where kind = 'event'`.execute(db)
          ).rows[0]!.n,
        );
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const progress: number[] = [];
      for (let k = 0; k < 10; k++) {
        const w = startWorker(handle.schema, { batchSize: 10, calendars: true });
        children.push(w.child);
        await w.ready;
        await new Promise((r) => setTimeout(r, 100 + random() * 500));
        await kill(w.child);
        progress.push(await eventDecisions());
      }
      // The kills really interrupted it: some landed while meetings were still to decide.
      expect(progress.filter((n) => n < MEETINGS).length).toBeGreaterThan(2);

      const last = startWorker(handle.schema, { batchSize: 10, calendars: true });
      children.push(last.child);
      await waitFor('all meetings decided', async () => (await eventDecisions()) >= MEETINGS, 150_000);
      await new Promise((r) => setTimeout(r, 1500)); // a duplicate would show up meanwhile
      await kill(last.child);

      const events = await sql<{ key: string; n: number }>`
        select event_key as key, count(*)::int as n from crm_events group by event_key`.execute(db);
      expect(events.rows).toHaveLength(MEETINGS);
      expect(events.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
      const ledger = await sql<{ n: number }>`select count(*)::int as n from saved_events`.execute(db);
      expect(Number(ledger.rows[0]!.n)).toBe(MEETINGS);
      const decided = await sql<{ n: number; keys: number; saves: number }>`
        select count(*)::int as n, count(distinct message_id)::int as keys,
               count(*) filter (where action = 'save')::int as saves
          from decision_log where kind = 'event'`.execute(db);
      expect(decided.rows[0]).toEqual({ n: MEETINGS, keys: MEETINGS, saves: MEETINGS });
    } finally {
      await sql`drop schema if exists ${sql.id(`${handle.schema}_pgboss`)} cascade`
        .execute(handle.db)
        .catch(() => {});
      await handle.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
