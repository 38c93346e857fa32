// A small demo company for a fresh `npm start`: we are OurCo (ourco.com); our customers and
// prospects are Acme, Globex, Initech and Umbrella. Ids and dates are fixed so the demo, the docs
// and the tests all see the same records.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database-types';
import { getOrganisation, updateOrganisation } from '../../db/organisation-repo';
import { createUser, listUsers, type User } from '../../db/users-repo';

export const DEMO_INTERNAL_DOMAIN = 'ourco.com';
export const DEMO_ADMIN = {
  userId: 'demo-admin',
  address: 'admin@ourco.com',
  displayName: 'Dana Admin',
  crmUserId: 'usr-admin',
} as const;

const CRM_USERS = [
  { id: 'usr-admin', name: 'Dana Admin', email: 'admin@ourco.com' },
  { id: 'usr-sam', name: 'Sam Seller', email: 'sam@ourco.com' },
  { id: 'usr-pat', name: 'Pat Partner', email: 'pat@ourco.com' },
];

const ACCOUNTS = [
  {
    id: 'acc-acme',
    name: 'Acme Corporation',
    industry: 'Manufacturing',
    owner_id: 'usr-admin',
    domains: ['acme.com', 'acme.co.uk'],
  },
  { id: 'acc-globex', name: 'Globex', industry: 'Energy', owner_id: 'usr-admin', domains: ['globex.com'] },
  { id: 'acc-initech', name: 'Initech', industry: 'Software', owner_id: 'usr-sam', domains: ['initech.io'] },
  {
    id: 'acc-umbrella',
    name: 'Umbrella Corporation',
    industry: 'Pharmaceuticals',
    owner_id: 'usr-pat',
    domains: ['umbrella.co.uk'],
  },
];

const CONTACTS = [
  {
    id: 'con-jane-doe',
    first: 'Jane',
    last: 'Doe',
    title: 'VP Purchasing',
    account: 'acc-acme',
    owner: 'usr-admin',
    emails: ['jane.doe@acme.com', 'jane@acme.co.uk'],
    created: '2025-03-01T09:00:00Z',
  },
  {
    id: 'con-john-smith',
    first: 'John',
    last: 'Smith',
    title: 'IT Director',
    account: 'acc-acme',
    owner: 'usr-sam',
    emails: ['john.smith@acme.com'],
    created: '2025-03-02T09:00:00Z',
  },
  {
    id: 'con-hank-scorpio',
    first: 'Hank',
    last: 'Scorpio',
    title: 'CEO',
    account: 'acc-globex',
    owner: 'usr-admin',
    emails: ['hank@globex.com', 'hank.scorpio@gmail.com'],
    created: '2025-04-10T09:00:00Z',
  },
  {
    id: 'con-bill-lumbergh',
    first: 'Bill',
    last: 'Lumbergh',
    title: 'Division VP',
    account: 'acc-initech',
    owner: 'usr-sam',
    emails: ['bill@initech.io'],
    created: '2025-05-05T09:00:00Z',
  },
  {
    id: 'con-alice-abernathy',
    first: 'Alice',
    last: 'Abernathy',
    title: 'Head of Security',
    account: 'acc-umbrella',
    owner: 'usr-pat',
    emails: ['alice@umbrella.co.uk'],
    created: '2025-06-15T09:00:00Z',
  },
  // A freelancer at a free mail provider, working with Acme.
  {
    id: 'con-max-mustermann',
    first: 'Max',
    last: 'Mustermann',
    title: 'Consultant',
    account: 'acc-acme',
    owner: 'usr-admin',
    emails: ['max.mustermann@gmail.com'],
    created: '2025-07-01T09:00:00Z',
  },
  // Deleted: still matched by the rules, and its address is a tombstone.
  {
    id: 'con-peter-gibbons',
    first: 'Peter',
    last: 'Gibbons',
    title: 'Programmer',
    account: 'acc-initech',
    owner: 'usr-sam',
    emails: ['peter@initech.io'],
    created: '2025-05-06T09:00:00Z',
    deleted: true,
  },
];

const LEADS = [
  {
    id: 'lea-bruce-wayne',
    first: 'Bruce',
    last: 'Wayne',
    company: 'Wayne Enterprises',
    owner: 'usr-admin',
    email: 'bruce@wayne-enterprises.com',
    created: '2025-08-01T09:00:00Z',
  },
  {
    id: 'lea-pepper-potts',
    first: 'Pepper',
    last: 'Potts',
    company: 'Stark Industries',
    owner: 'usr-sam',
    email: 'pepper@stark.com',
    created: '2025-08-02T09:00:00Z',
  },
  // Jane was a lead before she became Acme's contact: converted leads never match.
  {
    id: 'lea-jane-doe-old',
    first: 'Jane',
    last: 'Doe',
    company: 'Acme Corporation',
    owner: 'usr-admin',
    email: 'jane.doe@acme.com',
    created: '2025-01-15T09:00:00Z',
    converted: true,
  },
];

const OPPORTUNITIES = [
  {
    id: 'opp-acme-renewal',
    account: 'acc-acme',
    owner: 'usr-admin',
    name: 'Acme — 2026 renewal',
    stage: 'Negotiation',
    amount: 48000,
    close: '2026-06-30',
    closed: false,
    won: false,
    created: '2026-01-10T09:00:00Z',
  },
  {
    id: 'opp-acme-expansion',
    account: 'acc-acme',
    owner: 'usr-sam',
    name: 'Acme — UK expansion',
    stage: 'Qualification',
    amount: 120000,
    close: '2026-09-30',
    closed: false,
    won: false,
    created: '2026-02-01T09:00:00Z',
  },
  {
    id: 'opp-acme-2025',
    account: 'acc-acme',
    owner: 'usr-admin',
    name: 'Acme — 2025 licences',
    stage: 'Closed Won',
    amount: 40000,
    close: '2025-06-30',
    closed: true,
    won: true,
    created: '2025-03-05T09:00:00Z',
  },
  {
    id: 'opp-globex-pilot',
    account: 'acc-globex',
    owner: 'usr-admin',
    name: 'Globex pilot',
    stage: 'Proposal',
    amount: 15000,
    close: '2026-04-15',
    closed: false,
    won: false,
    created: '2025-11-20T09:00:00Z',
  },
  {
    id: 'opp-initech-upgrade',
    account: 'acc-initech',
    owner: 'usr-sam',
    name: 'Initech upgrade',
    stage: 'Discovery',
    amount: 9000,
    close: '2026-05-31',
    closed: false,
    won: false,
    created: '2025-12-01T09:00:00Z',
  },
  {
    id: 'opp-umbrella-audit',
    account: 'acc-umbrella',
    owner: 'usr-pat',
    name: 'Umbrella security audit',
    stage: 'Closed Lost',
    amount: 30000,
    close: '2025-10-31',
    closed: true,
    won: false,
    created: '2025-07-01T09:00:00Z',
  },
];

const ACTIVITIES = [
  {
    id: 'act-demo-1',
    type: 'meeting',
    subject: 'Renewal kick-off',
    date: '2026-01-12T14:00:00Z',
    owner: 'usr-admin',
    origin: 'crm',
    who: [['contact', 'con-jane-doe']],
    what: ['opportunity', 'opp-acme-renewal'],
  },
  {
    id: 'act-demo-2',
    type: 'email',
    subject: 'Renewal quote',
    date: '2026-01-20T10:15:00Z',
    owner: 'usr-admin',
    origin: 'manual',
    messageId: 'demo-quote-1@ourco.com',
    who: [
      ['contact', 'con-jane-doe'],
      ['contact', 'con-john-smith'],
    ],
    what: ['opportunity', 'opp-acme-renewal'],
  },
  {
    id: 'act-demo-3',
    type: 'call',
    subject: 'Pilot scope call',
    date: '2025-11-25T16:00:00Z',
    owner: 'usr-admin',
    origin: 'crm',
    who: [['contact', 'con-hank-scorpio']],
    what: ['opportunity', 'opp-globex-pilot'],
  },
  {
    id: 'act-demo-4',
    type: 'email',
    subject: 'Re: TPS reports',
    date: '2025-12-03T08:45:00Z',
    owner: 'usr-sam',
    origin: 'automatic',
    messageId: 'demo-tps-1@initech.io',
    who: [['contact', 'con-bill-lumbergh']],
    what: ['account', 'acc-initech'],
  },
  {
    id: 'act-demo-5',
    type: 'note',
    subject: 'Met at the trade fair',
    date: '2025-08-01T12:00:00Z',
    owner: 'usr-admin',
    origin: 'crm',
    who: [['lead', 'lea-bruce-wayne']],
  },
] as const;

/** Seeds the demo CRM when the CRM is empty; returns whether it did. */
export async function seedDemoCrm(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // One seeder at a time (two servers starting together on one PostgreSQL).
    await sql`lock table crm_accounts in exclusive mode`.execute(trx);
    const { rows } = await sql<{ any: boolean }>`
      select exists (select 1 from crm_accounts) or exists (select 1 from crm_contacts)
          or exists (select 1 from crm_leads) as any`.execute(trx);
    if (rows[0]?.any) return false;

    await trx.insertInto('crm_users').values(CRM_USERS).execute();
    await trx
      .insertInto('crm_accounts')
      .values(ACCOUNTS.map(({ domains: _domains, ...a }) => ({ ...a, created_at: '2025-01-01T09:00:00Z' })))
      .execute();
    await trx
      .insertInto('crm_account_domains')
      .values(ACCOUNTS.flatMap((a) => a.domains.map((domain) => ({ account_id: a.id, domain }))))
      .execute();
    await trx
      .insertInto('crm_contacts')
      .values(
        CONTACTS.map((c) => ({
          id: c.id,
          first_name: c.first,
          last_name: c.last,
          title: c.title,
          phone: null,
          account_id: c.account,
          owner_id: c.owner,
          deleted: c.deleted ?? false,
          created_at: c.created,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_contact_emails')
      .values(
        CONTACTS.flatMap((c) =>
          c.emails.map((address, i) => ({ contact_id: c.id, address, is_primary: i === 0 })),
        ),
      )
      .execute();
    await trx
      .insertInto('crm_tombstones')
      .values(CONTACTS.filter((c) => c.deleted).flatMap((c) => c.emails.map((address) => ({ address }))))
      .execute();
    await trx
      .insertInto('crm_leads')
      .values(
        LEADS.map((l) => ({
          id: l.id,
          first_name: l.first,
          last_name: l.last,
          company: l.company,
          title: null,
          owner_id: l.owner,
          converted: l.converted ?? false,
          created_at: l.created,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_lead_emails')
      .values(LEADS.map((l) => ({ lead_id: l.id, address: l.email, is_primary: true })))
      .execute();
    await trx
      .insertInto('crm_opportunities')
      .values(
        OPPORTUNITIES.map((o) => ({
          id: o.id,
          account_id: o.account,
          owner_id: o.owner,
          name: o.name,
          stage: o.stage,
          amount: o.amount,
          close_date: o.close,
          closed: o.closed,
          won: o.won,
          created_at: o.created,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_activities')
      .values(
        ACTIVITIES.map((a) => ({
          id: a.id,
          type: a.type,
          subject: a.subject,
          body: '',
          activity_date: a.date,
          owner_id: a.owner,
          source_message_id: 'messageId' in a ? a.messageId : null,
          origin: a.origin,
          created_at: a.date,
        })),
      )
      .execute();
    await trx
      .insertInto('crm_activity_links')
      .values(
        ACTIVITIES.flatMap((a) => [
          ...a.who.map(([kind, id], position) => ({
            activity_id: a.id,
            role: 'who' as const,
            kind,
            record_id: id,
            position,
          })),
          ...('what' in a
            ? [
                {
                  activity_id: a.id,
                  role: 'what' as const,
                  kind: a.what[0],
                  record_id: a.what[1],
                  position: 0,
                },
              ]
            : []),
        ]),
      )
      .execute();
    return true;
  });
}

/**
 * The demo organisation: ourco.com as internal domain (when none is set) and the demo admin
 * (when there are no users yet). Returns the admin when it was created.
 */
export async function seedDemoOrganisation(db: Kysely<Database>): Promise<User | undefined> {
  const organisation = await getOrganisation(db);
  if (organisation.internalDomains.length === 0) {
    await updateOrganisation(db, { internalDomains: [DEMO_INTERNAL_DOMAIN] });
  }
  if ((await listUsers(db)).length > 0) return undefined;
  return createUser(db, {
    id: DEMO_ADMIN.userId,
    addresses: [DEMO_ADMIN.address],
    displayName: DEMO_ADMIN.displayName,
    crmUserId: DEMO_ADMIN.crmUserId,
    role: 'admin',
  });
}
