import {
  decideAutoshare,
  domainOf,
  normalizeAddress,
  shareContent,
  type AutoshareContext,
  type AutoshareDecision,
  type MailMessage,
  type SyncSettings,
} from '../src';
import { SalesforceCrmAdapter, type SalesforceNewActivity } from '../server/crm/salesforce';
import { start, type Emulator } from '../tests/emulators/salesforce';
import type { Bench, Figure } from './bench-registry';

// Salesforce API calls per 1,000 autoshared emails, counted by the local emulator, for the standard mix of issue 6:
// 300 distinct external addresses (60% contacts, 20% leads, 20% unknown), link to opportunities on, auto-create on.
// The sync engine's work is simulated per batch of 200 emails: gather people, accounts, opportunities and
// tombstones for the batch's addresses, decide each email with the shared rules, create the contacts the rules ask
// for, save the activities in collections of 200.

const ME = 'sam@ourco.com';
const BATCH = 200;
const SETTINGS: SyncSettings = {
  autoshareEmails: true,
  threadAutosave: true,
  linkToOpportunities: true,
  autoCreateContacts: true,
  blacklistPolicy: 'exclude-participant',
  sharing: { inbound: 'subject', outbound: 'full' },
  autoshareMeetings: false,
  autoshareAppointments: false,
};

/** mulberry32: the same mix on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The org: 40 accounts, 180 contacts, 60 leads, opportunities on most accounts; returns the 300 external addresses. */
function seed(emu: Emulator): string[] {
  const sam = emu.store.insert('User', { FirstName: 'Sam', LastName: 'Rep', Email: ME });
  const kim = emu.store.insert('User', { FirstName: 'Kim', LastName: 'Other', Email: 'kim@ourco.com' });
  const accounts = Array.from(
    { length: 40 },
    (_, i) =>
      emu.store.insert('Account', {
        Name: `Company ${i}`,
        Website: i % 2 ? `https://www.company${i}.com/` : `company${i}.com`,
      }).Id as string,
  );
  accounts.forEach((id, i) => {
    const stage = i % 10 === 9 ? 'Closed Won' : 'Prospecting';
    if (i < 30)
      emu.store.insert('Opportunity', {
        Name: `Deal ${i}`,
        AccountId: id,
        StageName: stage,
        OwnerId: i < 24 ? sam.Id : kim.Id,
      });
  });
  const addresses: string[] = [];
  for (let j = 0; j < 180; j++) {
    const email = `person${j}@company${j % 40}.com`;
    emu.store.insert('Contact', {
      FirstName: 'P',
      LastName: `Person ${j}`,
      Email: email,
      AccountId: accounts[j % 40],
    });
    addresses.push(email);
  }
  for (let k = 0; k < 60; k++) {
    const email = `lead${k}@prospect${k % 30}.io`;
    emu.store.insert('Lead', { LastName: `Lead ${k}`, Company: `Prospect ${k % 30}`, Email: email });
    addresses.push(email);
  }
  for (let u = 0; u < 60; u++)
    addresses.push(u < 40 ? `new${u}@company${u % 40}.com` : `stranger${u}@elsewhere${u}.net`);
  return addresses;
}

function mail(external: string[], rnd: () => number): MailMessage[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const a = external[Math.floor(rnd() * external.length)] as string;
    const b = rnd() < 0.3 ? external[Math.floor(rnd() * external.length)] : undefined;
    const outbound = rnd() < 0.5;
    const others = [a, ...(b && b !== a ? [b] : [])].map((address) => ({ address }));
    return {
      internetMessageId: `<bench-${i}.${Math.floor(rnd() * 1e9)}@mail.test>`,
      threadId: `t-${i}`,
      folder: outbound ? 'sent' : 'inbox',
      from: outbound ? { address: ME } : (others[0] as { address: string }),
      to: outbound ? others : [{ address: ME }, ...others.slice(1)],
      cc: rnd() < 0.2 ? [{ address: 'kim@ourco.com' }] : [],
      bcc: [],
      subject: `Proposal ${i}`,
      sentAt: '2026-03-02T10:00:00Z',
      bodyText: 'Hello, please find the proposal attached.',
    } satisfies MailMessage;
  });
}

const participants = (m: MailMessage) =>
  [m.from, ...m.to, ...m.cc, ...m.bcc].map((p) => normalizeAddress(p.address));

/** One sync batch as the engine runs it; returns how many emails were saved. */
async function syncBatch(
  adapter: SalesforceCrmAdapter,
  batch: MailMessage[],
  crmUserId: string,
  saved: Set<string>,
): Promise<number> {
  const external = [...new Set(batch.flatMap(participants))].filter((a) => domainOf(a) !== 'ourco.com');
  const people = await adapter.findPeopleByEmails(external);
  const matched = new Set(people.filter((p) => !p.converted).flatMap((p) => p.emails.map((e) => e.address)));
  const unmatched = external.filter((a) => !matched.has(a));
  const accounts = await adapter.findAccountsByDomains([...new Set(unmatched.map(domainOf))]);
  const accountIds = [
    ...new Set([...people.flatMap((p) => (p.accountId ? [p.accountId] : [])), ...accounts.map((a) => a.id)]),
  ];
  const opportunities = await adapter.findOpenOpportunitiesByAccounts(accountIds);
  const tombstones = await adapter.findTombstones(unmatched);
  const ctx: AutoshareContext = {
    user: { id: 'u-sam', addresses: [ME], crmUserId },
    connectedAt: '2026-03-01T00:00:00Z',
    internalDomains: ['ourco.com'],
    settings: SETTINGS,
    blacklist: [],
    threadSubscriptions: [],
    savedMessageIds: [...saved],
    crm: { people, accounts, opportunities, tombstones },
  };
  const decisions: [MailMessage, AutoshareDecision][] = batch.map((m) => [m, decideAutoshare(m, ctx)]);
  const toCreate = new Map<string, string>();
  for (const [, d] of decisions) for (const c of d.create) toCreate.set(c.address, c.accountId);
  const creates = [...toCreate];
  const results = await adapter.createContacts(
    creates.map(([email, accountId]) => ({ email, accountId, ownerId: crmUserId })),
  );
  const created = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.ok) created.set(creates[i]?.[0] as string, r.id);
  });
  const activities: SalesforceNewActivity[] = [];
  for (const [m, d] of decisions) {
    if (d.action !== 'save') continue;
    const content = shareContent(m, d.content);
    const who = [...d.who];
    for (const c of d.create) {
      const id = created.get(c.address);
      if (id && !who.some((w) => w.id === id)) who.push({ kind: 'contact', id });
    }
    activities.push({
      messageId: m.internetMessageId,
      subject: content.subject,
      body: content.body,
      date: m.sentAt,
      ownerId: crmUserId,
      who,
      ...(d.what ? { what: d.what } : {}),
      mode: 'automatic',
    });
  }
  const res = await adapter.saveActivities(activities);
  for (const r of res) if (r.ok) saved.add(r.messageId);
  return res.filter((r) => r.ok).length;
}

export interface MixResult {
  api: number;
  reads: number;
  writes: number;
  saved: number;
  /** Tasks in the org afterwards, and distinct Message-IDs among them: both must equal `saved`. */
  tasks: number;
  distinctTaskKeys: number;
  contactsCreated: number;
  byKind: Record<string, number>;
}

/** Runs the standard mix through the adapter against a fresh emulator. */
export async function runSalesforceMix(): Promise<MixResult> {
  const emu = await start();
  try {
    const external = seed(emu);
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
      // The emulator's Lead has no Title, its Opportunity no Amount.
      { hiddenFields: ['Lead.Title', 'Opportunity.Amount'] },
    );
    const mapping = await adapter.mapUsers([{ id: 'u-sam', addresses: [ME] }]);
    const crmUserId = mapping['u-sam']?.crmUserId ?? '';
    const messages = mail(external, prng(2026));
    emu.counts.reset();
    const saved = new Set<string>();
    let savedCount = 0;
    for (let i = 0; i < messages.length; i += BATCH)
      savedCount += await syncBatch(adapter, messages.slice(i, i + BATCH), crmUserId, saved);
    const snap = emu.counts.snapshot();
    const tasks = emu.store.all('Task');
    return {
      api: snap.api,
      reads: snap.reads,
      writes: snap.writes,
      saved: savedCount,
      tasks: tasks.length,
      distinctTaskKeys: new Set(tasks.map((t) => t.Liaison_Message_Id__c)).size,
      contactsCreated: emu.store.all('Contact').length - 180,
      byKind: snap.byKind as Record<string, number>,
    };
  } finally {
    await emu.stop();
  }
}

export const salesforceBench: Bench = {
  keys: [
    'salesforce.calls_per_1000',
    'salesforce.calls_per_1000.reads',
    'salesforce.calls_per_1000.writes',
    'salesforce.emails_saved_per_1000',
  ],
  async run(): Promise<Figure[]> {
    const r = await runSalesforceMix();
    const goal = '<= 40 (naive per-email integration: 3,000+; floor about 20)';
    return [
      { key: 'salesforce.calls_per_1000', value: r.api, unit: 'API calls', goal },
      {
        key: 'salesforce.calls_per_1000.reads',
        value: r.reads,
        unit: 'API calls',
        goal: 'informative (queries)',
      },
      {
        key: 'salesforce.calls_per_1000.writes',
        value: r.writes,
        unit: 'API calls',
        goal: 'informative (collections)',
      },
      {
        key: 'salesforce.emails_saved_per_1000',
        value: r.saved,
        unit: 'emails',
        goal: 'informative (the rest skip by rule)',
      },
    ];
  },
};
