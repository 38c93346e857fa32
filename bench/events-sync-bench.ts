import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { seedDemoCrm, seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../server/crm/embedded/embedded-crm';
import { connectMailbox } from '../server/db/mailboxes-repo';
import { openDatabase } from '../server/db/open-database';
import { updateSyncSettings } from '../server/db/settings-repo';
import { createUser } from '../server/db/users-repo';
import { runCalendar } from '../server/sync/calendar/calendar-run';
import { crmEventWriter } from '../server/sync/calendar/calendar-crm';
import { startGraphEmulator } from '../tests/emulators/graph';
import { connectGraphCalendar } from '../tests/server/providers/microsoft/graph-calendar-connect';
import type { Bench, Figure } from './bench-registry';

// Events synced per second from a 5,000-event Microsoft 365 calendar (the Graph emulator's calendarView delta, over
// HTTP through the real msal sign-in and source) into the embedded CRM on the machine's PostgreSQL, through the
// engine as a worker runs it (runCalendar: batches of 200, decided, contacts created, CRM events saved in batches,
// ledger, log and cursor in one transaction each). A mix: customer meetings with known contacts, strangers, internal
// meetings (skipped) and appointments.

const EVENTS = Number(process.env.EVENTS_SYNC_BENCH_EVENTS ?? 5000);
const NOW = new Date('2026-12-01T00:00:00Z');
const KNOWN = ['jane.doe@acme.com', 'john.smith@acme.com', 'hank@globex.com', 'bill@initech.io'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export const eventsSyncBench: Bench = {
  keys: ['events.per_s.postgres'],
  async run(): Promise<Figure[]> {
    const emu = await startGraphEmulator();
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `events_bench_${randomBytes(4).toString('hex')}`;
    const database = await openDatabase({ url, schema });
    try {
      for (let i = 0; i < EVENTS; i++) {
        const day = 2 + (i % 27);
        const hour = 8 + (i % 9);
        const kind = i % 10;
        const attendees =
          kind === 9
            ? [] // an appointment
            : kind === 8
              ? [{ address: 'pat@ourco.com' }] // internal
              : [{ address: KNOWN[i % KNOWN.length]! }, { address: `guest${i % 300}@partner${i % 40}.net` }];
        emu.calendar.add({
          subject: `Meeting ${i}`,
          start: `2026-12-${pad(day)}T${pad(hour)}:00:00Z`,
          end: `2026-12-${pad(day)}T${pad(hour)}:30:00Z`,
          organizer: { address: 'rep@contoso.com', name: 'Rita Rep' },
          attendees: [{ address: 'rep@contoso.com', response: 'accepted' }, ...attendees],
          iCalUId: `bench-${i}@contoso.com`,
        });
      }
      await seedDemoCrm(database.db);
      await seedDemoOrganisation(database.db);
      const user = await createUser(database.db, {
        addresses: ['rep@contoso.com'],
        crmUserId: 'usr-sam',
        connectedAt: '2026-11-30T00:00:00Z',
      });
      await sql`update organisation set internal_domains = '["contoso.com", "ourco.com"]'::jsonb`.execute(
        database.db,
      );
      await updateSyncSettings(database.db, user.id, {
        autoshareMeetings: true,
        autoshareAppointments: true,
      });
      const mailbox = await connectMailbox(database.db, {
        userId: user.id,
        kind: 'graph',
        settings: {},
        connectedAt: new Date('2026-11-30T00:00:00Z'),
        cursor: {},
      });
      const { source } = await connectGraphCalendar(emu);
      const crm = new EmbeddedCrm(database.db);
      const started = process.hrtime.bigint();
      const result = await runCalendar(
        {
          db: database.db,
          crm,
          events: crmEventWriter(crm),
          calendars: async () => source,
          batchSize: 200,
          maxBatchesPerRun: 1000,
          now: () => NOW,
        },
        mailbox,
        user,
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (result.outcome !== 'synced')
        throw new Error(`the calendar run did not sync: ${JSON.stringify(result)}`);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from crm_events`.execute(
        database.db,
      );
      return [
        {
          key: 'events.per_s.postgres',
          value: Math.round(result.looked / seconds),
          unit: 'events/s',
          goal: `>= 1000 (${result.looked} events from the Graph emulator in ${seconds.toFixed(1)} s, ${result.batches} batches; ${result.saved} saved, ${result.skipped} skipped; ${Number(rows[0]!.n)} CRM events)`,
        },
      ];
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db).catch(() => undefined);
      await database.close();
      await emu.stop();
    }
  },
};
