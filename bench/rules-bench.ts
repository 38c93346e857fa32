import { decideAutoshare, type AutoshareContext, type CrmPerson, type MailMessage } from '../src';
import type { Bench, Figure } from './bench-registry';
import { callsPerCpuSecond } from './cpu-rate';

// Rule decisions per second on one core, with the context indexed once per context object (as a sync batch does).
// Timed in CPU time: the machine running the bench may be shared, and wall time would count the other programs.

export function context(people: number, accounts: number, opportunities: number): AutoshareContext {
  const crmPeople: CrmPerson[] = [];
  for (let i = 0; i < people; i++) {
    const lead = i % 5 === 4;
    crmPeople.push({
      id: `${lead ? '00Q' : '003'}${String(i).padStart(6, '0')}`,
      kind: lead ? 'lead' : 'contact',
      emails: [
        { address: `person${i}@company${i % accounts}.com`, primary: true },
        { address: `p${i}.alt@company${i % accounts}.com`, primary: false },
      ],
      ...(lead ? {} : { accountId: `001${i % accounts}` }),
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    });
  }
  return {
    user: { id: 'u1', addresses: ['sam@ourco.com'], crmUserId: '005SAM' },
    connectedAt: '2025-01-01T00:00:00Z',
    internalDomains: ['ourco.com'],
    settings: {
      autoshareEmails: true,
      threadAutosave: true,
      linkToOpportunities: true,
      autoCreateContacts: true,
      blacklistPolicy: 'exclude-participant',
      sharing: { inbound: 'subject', outbound: 'subject' },
      autoshareMeetings: false,
      autoshareAppointments: false,
    },
    blacklist: ['spam.biz', 'person7@company7.com'],
    threadSubscriptions: [{ threadId: 'thread-3', what: { kind: 'account', id: '0013' } }],
    savedMessageIds: ['<m-11@x>'],
    crm: {
      people: crmPeople,
      accounts: Array.from({ length: accounts }, (_, i) => ({ id: `001${i}`, domains: [`company${i}.com`] })),
      opportunities: Array.from({ length: opportunities }, (_, i) => ({
        id: `006${i}`,
        accountId: `001${i % accounts}`,
        ownerId: i % 3 === 0 ? '005KIM' : '005SAM',
        createdAt: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
        closed: i % 4 === 0,
      })),
    },
  };
}

/** A realistic mix: known contacts and leads, unknown colleagues of customers, internal mail, threads. */
export function messages(count: number, people: number): MailMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const a = (i * 7) % people;
    const b = (i * 13 + 5) % (people * 2);
    const outbound = i % 3 === 0;
    const external = { address: `person${a}@company${a % 60}.com`, name: `Person ${a}` };
    const other = {
      address: b < people ? `person${b}@company${b % 60}.com` : `new${b}@company${b % 60}.com`,
    };
    const me = { address: 'sam@ourco.com' };
    return {
      internetMessageId: `<m-${i}@x>`,
      threadId: `thread-${i % 50}`,
      folder: outbound ? 'sent' : 'inbox',
      from: outbound ? me : external,
      to: outbound ? [external] : [me],
      cc: i % 4 === 0 ? [other, { address: 'kim@ourco.com' }] : [other],
      bcc: [],
      subject: `Subject ${i}`,
      sentAt: '2026-03-01T10:00:00Z',
      headers: (i % 17 === 0 ? { 'auto-submitted': 'auto-replied' } : {}) as Record<string, string>,
    };
  });
}

function decisionsPerSecond(ctx: AutoshareContext, batch: MailMessage[]): number {
  return callsPerCpuSecond((message) => decideAutoshare(message, ctx), batch);
}

export const rulesBench: Bench = {
  keys: ['rules.decisions_per_s', 'rules.decisions_per_s.10k_people', 'rules.index_ms.10k_people'],
  async run(): Promise<Figure[]> {
    const batch = decisionsPerSecond(context(200, 60, 100), messages(1000, 200));
    const bigCtx = context(10_000, 60, 100);
    const t0 = process.hrtime.bigint();
    decideAutoshare(messages(1, 10_000)[0] as MailMessage, bigCtx);
    const indexMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const big = decisionsPerSecond(bigCtx, messages(1000, 10_000));
    return [
      {
        key: 'rules.decisions_per_s',
        value: Math.round(batch),
        unit: 'decisions/s',
        goal: '>= 200000 on one core, per CPU second (200 people, 60 accounts, 100 opportunities)',
      },
      {
        key: 'rules.decisions_per_s.10k_people',
        value: Math.round(big),
        unit: 'decisions/s',
        goal: 'informative (10,000 people)',
      },
      {
        key: 'rules.index_ms.10k_people',
        value: Math.round(indexMs * 10) / 10,
        unit: 'ms',
        goal: 'informative (first decision on a new 10,000-people context)',
      },
    ];
  },
};
