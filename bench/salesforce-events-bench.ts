import {
  decideEventAutoshare,
  domainOf,
  eventFingerprint,
  shareEventContent,
  type CalendarEvent,
  type EventContext,
  type SavedEvent,
  type SyncSettings,
} from '../src';
import type { NewCrmEvent } from '../server/crm/crm-adapter';
import { SalesforceCrmAdapter } from '../server/crm/salesforce';
import { start, type Emulator } from '../tests/emulators/salesforce';
import type { Bench, Figure } from './bench-registry';

// Salesforce API calls per 1,000 autoshared meetings, counted by the local emulator: each meeting organised by the
// user with three external attendees, half of them known (one or two known contacts per meeting, alternately), drawn
// as the email bench draws its addresses from a world of 300 people: 150 contacts and 150 guests at domains no
// account has (nothing to create, nothing linked). With every guest a different stranger (1,500 distinct addresses)
// the people lookup needs two queries per object per batch, not one: 46 calls. Per batch of 200, as the engine runs it: the saved events
// by key, people, accounts, opportunities and tombstones for the batch's addresses, the shared rules per meeting,
// then the events and their EventRelation rows in collections of 200. Event's describe is asked once per connection.

const ME = 'sam@ourco.com';
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

async function syncBatch(
  adapter: SalesforceCrmAdapter,
  batch: CalendarEvent[],
  crmUserId: string,
): Promise<number> {
  const keys = batch.map((e) => e.uid);
  const saved = await adapter.findEventsByKeys(keys);
  const savedEvents: SavedEvent[] = saved.map((s) => ({
    key: s.key,
    fingerprint: s.fingerprint ?? '',
    sequence: s.sequence ?? 0,
    cancelled: s.cancelled,
  }));
  const external = [...new Set(batch.flatMap((e) => e.attendees.map((a) => a.address.toLowerCase())))].filter(
    (a) => domainOf(a) !== 'ourco.com',
  );
  const people = await adapter.findPeopleByEmails(external);
  const matched = new Set(people.flatMap((p) => p.emails.map((e) => e.address)));
  const unmatched = external.filter((a) => !matched.has(a));
  const accounts = await adapter.findAccountsByDomains([...new Set(unmatched.map(domainOf))]);
  const accountIds = [
    ...new Set([...people.flatMap((p) => (p.accountId ? [p.accountId] : [])), ...accounts.map((a) => a.id)]),
  ];
  const opportunities = await adapter.findOpenOpportunitiesByAccounts(accountIds);
  const tombstones = await adapter.findTombstones(unmatched);
  const ctx: EventContext = {
    user: { id: 'u-sam', addresses: [ME], crmUserId },
    connectedAt: '2030-03-01T00:00:00Z',
    internalDomains: ['ourco.com'],
    settings: SETTINGS,
    blacklist: [],
    threadSubscriptions: [],
    savedMessageIds: [],
    crm: { people, accounts, opportunities, tombstones },
    now: '2030-03-01T08:00:00Z',
    horizonDays: 30,
    savedEvents,
    crmUsers: [{ address: ME, crmUserId }],
  };
  const items: NewCrmEvent[] = [];
  for (const event of batch) {
    const d = decideEventAutoshare(event, ctx);
    if (d.action !== 'save') continue;
    const content = shareEventContent(event, d.content, d.kind);
    items.push({
      key: d.key,
      subject: content.subject,
      body: content.body,
      start: event.start,
      end: event.end,
      allDay: event.allDay,
      ...(event.location ? { location: event.location } : {}),
      showAs: 'busy',
      ownerId: crmUserId,
      who: d.who,
      ...(d.what ? { what: d.what } : {}),
      invitees: d.invitees,
      fingerprint: eventFingerprint(event),
      sequence: event.sequence,
      origin: 'automatic',
    });
  }
  const res = await adapter.saveEvents(items);
  return res.filter((r) => r.ok).length;
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
    emu.counts.reset();
    let saved = 0;
    for (let i = 0; i < all.length; i += BATCH)
      saved += await syncBatch(adapter, all.slice(i, i + BATCH), crmUserId);
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
