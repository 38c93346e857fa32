import type { CalendarEvent, SyncSettings } from '../src';
import { seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { SalesforceCrmAdapter } from '../server/crm/salesforce';
import { connectMailbox } from '../server/db/mailboxes-repo';
import { openDatabase } from '../server/db/open-database';
import { updateSyncSettings } from '../server/db/settings-repo';
import { createUser } from '../server/db/users-repo';
import { processCalendarBatch } from '../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../server/sync/calendar/calendar-crm';
import { start, type Emulator } from '../tests/emulators/salesforce';
import type { Bench, Figure } from './bench-registry';

// Salesforce API calls per 1,000 autoshared meetings, counted by the local emulator, through the calendar engine
// as a worker runs it (processCalendarBatch: Liaison's own tables in an embedded database, the CRM the Salesforce
// adapter): each meeting organised by the user with three external attendees, half of them known (one or two known
// contacts per meeting, alternately), drawn as the email bench draws its addresses from a world of 300 people: 150
// contacts and 150 guests at domains no account has (nothing to create, nothing linked). With every guest a different
// stranger (1,500 distinct addresses) the people lookup needs two queries per object per batch. Per batch of 200:
// people, accounts, opportunities and tombstones for the batch's addresses (saved events come from Liaison's ledger,
// not the CRM), the rules per meeting, then the events and their EventRelation rows in collections of 200. Event's
// describe is asked once per connection.

const ME = 'sam@ourco.com';
const CONNECTED = '2030-03-01T00:00:00Z';
const NOW = '2030-03-01T08:00:00Z';
const BATCH = 200;
const MEETINGS = 1000;
const SETTINGS: SyncSettings = {
  autoshareEmails: true,
  threadAutosave: true,
  linkToOpportunities: true,
  autoCreateContacts: false,
  blacklistPolicy: 'exclude-participant',
  sharing: { inbound: 'subject', outbound: 'full' },
  autoshareMeetings: true,
  autoshareAppointments: false,
};

const GUESTS = Array.from({ length: 150 }, (_, n) => `guest${n}@partner${n % 50}.net`);

function seed(emu: Emulator): string[] {
  emu.store.insert('User', { FirstName: 'Sam', LastName: 'Rep', Email: ME });
  const accounts = Array.from(
    { length: 40 },
    (_, i) => emu.store.insert('Account', { Name: `Company ${i}`, Website: `company${i}.com` }).Id as string,
  );
  accounts.forEach((id, i) => {
    if (i < 30)
      emu.store.insert('Opportunity', { Name: `Deal ${i}`, AccountId: id, StageName: 'Prospecting' });
  });
  return Array.from({ length: 150 }, (_, j) => {
    const email = `person${j}@company${j % 40}.com`;
    emu.store.insert('Contact', { LastName: `Person ${j}`, Email: email, AccountId: accounts[j % 40] });
    return email;
  });
}

function meetings(known: string[]): CalendarEvent[] {
  return Array.from({ length: MEETINGS }, (_, i) => {
    // Slots 0 and 2 known on even meetings, slot 1 on odd ones: half of the 3,000 attendees.
    const attendees = [0, 1, 2].map((k) => ({
      address:
        (i + k) % 2 === 0
          ? (known[(i * 7 + k * 13) % known.length] as string)
          : (GUESTS[(i * 11 + k * 17) % GUESTS.length] as string),
      type: 'required' as const,
      response: 'accepted' as const,
    }));
    const day = 2 + (i % 25);
    return {
      uid: `bench-meeting-${i}@ourco.com`,
      sequence: 0,
      calendar: 'primary',
      organizer: { address: ME },
      attendees: [{ address: ME, type: 'required', response: 'accepted' }, ...attendees],
      subject: `Customer meeting ${i}`,
      start: `2030-03-${String(day).padStart(2, '0')}T10:00:00Z`,
      end: `2030-03-${String(day).padStart(2, '0')}T11:00:00Z`,
      allDay: false,
      location: 'Video call',
      status: 'confirmed',
      sensitivity: 'normal',
      updatedAt: '2030-03-01T07:00:00Z',
    } satisfies CalendarEvent;
  });
}

export interface EventMixResult {
  api: number;
  reads: number;
  writes: number;
  saved: number;
  events: number;
  relations: number;
}

export async function runSalesforceEventMix(): Promise<EventMixResult> {
  const emu = await start();
  try {
    const known = seed(emu);
    const session = emu.session();
    const adapter = new SalesforceCrmAdapter(
      {
        loginUrl: emu.url,
        instanceUrl: session.instanceUrl,
        clientId: emu.clientId,
        clientSecret: emu.clientSecret,
        refreshToken: session.refreshToken,
        accessToken: session.accessToken,
      },
      { hiddenFields: ['Lead.Title', 'Opportunity.Amount'] },
    );
    const mapping = await adapter.mapUsers([{ id: 'u-sam', addresses: [ME] }]);
    const crmUserId = mapping['u-sam']?.crmUserId ?? '';
    const all = meetings(known);
    // Liaison's own tables (the user, settings, the event ledger, the log) in an embedded database of their own.
    const database = await openDatabase({ inMemory: true });
    let saved = 0;
    try {
      await seedDemoOrganisation(database.db);
      const user = await createUser(database.db, { addresses: [ME], crmUserId, connectedAt: CONNECTED });
      await updateSyncSettings(database.db, user.id, SETTINGS);
      const mailbox = await connectMailbox(database.db, {
        userId: user.id,
        kind: 'maildir',
        settings: {},
        connectedAt: new Date(CONNECTED),
        cursor: {},
      });
      const deps = {
        db: database.db,
        crm: adapter,
        events: crmEventWriter(adapter),
        now: () => new Date(NOW),
      };
      emu.counts.reset();
      for (let i = 0; i < all.length; i += BATCH) {
        const changes = all
          .slice(i, i + BATCH)
          .map((event) => ({ kind: 'event' as const, sourceId: event.uid, event }));
        saved += (await processCalendarBatch(deps, mailbox, user, { changes, cursor: { i }, more: false }))
          .saved;
      }
    } finally {
      await database.close();
    }
    const snap = emu.counts.snapshot();
    return {
      api: snap.api,
      reads: snap.reads,
      writes: snap.writes,
      saved,
      events: emu.store.all('Event').length,
      relations: emu.store.all('EventRelation').length,
    };
  } finally {
    await emu.stop();
  }
}

export const salesforceEventsBench: Bench = {
  keys: [
    'salesforce.event_calls_per_1000',
    'salesforce.event_calls_per_1000.reads',
    'salesforce.event_calls_per_1000.writes',
    'salesforce.events_saved_per_1000',
  ],
  async run(): Promise<Figure[]> {
    const r = await runSalesforceEventMix();
    return [
      { key: 'salesforce.event_calls_per_1000', value: r.api, unit: 'API calls', goal: '<= 40' },
      {
        key: 'salesforce.event_calls_per_1000.reads',
        value: r.reads,
        unit: 'API calls',
        goal: 'informative (queries, describe)',
      },
      {
        key: 'salesforce.event_calls_per_1000.writes',
        value: r.writes,
        unit: 'API calls',
        goal: 'informative (collections)',
      },
      {
        key: 'salesforce.events_saved_per_1000',
        value: r.saved,
        unit: 'meetings',
        goal: '1000 (every one is autoshared)',
      },
    ];
  },
};
