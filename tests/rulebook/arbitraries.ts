/**
 * fast-check generators for the rulebook properties. The pools are small on purpose: addresses,
 * CRM emails, account domains, internal domains and blacklist entries must collide often, or the
 * properties would only ever see `no_known_participant`.
 */
import fc from 'fast-check';
import type {
  AutoshareContext,
  CrmAccount,
  CrmOpportunity,
  CrmPerson,
  EmailAddress,
  Folder,
  MailMessage,
  SharingLevel,
} from '../../src';
import { CONNECTED_AT, CRM_USER, INTERNAL, USER, USER_ALIAS } from './builders';

export const LOCALS = ['john', 'mary', 'info'];
export const DOMAINS = ['acme.com', 'beta.io', INTERNAL, 'eu.acme.com', 'gmail.com', 'amazon.com'];
/** Bcc addresses live apart from every other pool so that their absence from content is checkable. */
export const BCC_DOMAIN = 'hidden-bcc.net';

const poolAddress = fc
  .tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS))
  .map(([local, domain]) => `${local}@${domain}`);

/** The same address as CRMs and mail clients spell it: mostly plain, sometimes capitalised or padded. */
const spelled = (a: fc.Arbitrary<string>) =>
  a.chain((x) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(x) },
      { weight: 1, arbitrary: fc.constant(x.toUpperCase()) },
      { weight: 1, arbitrary: fc.constant(` ${x} `) },
    ),
  );

const userAddress = spelled(fc.constantFrom(USER, USER_ALIAS));
const stranger = spelled(poolAddress);
const participant = fc.oneof({ weight: 5, arbitrary: stranger }, { weight: 1, arbitrary: userAddress });
const bccAddress = spelled(fc.constantFrom('spy', 'boss', 'audit').map((local) => `${local}@${BCC_DOMAIN}`));
const named = (a: fc.Arbitrary<string>): fc.Arbitrary<EmailAddress> =>
  fc
    .tuple(a, fc.boolean())
    .map(([address, withName]) => (withName ? { address, name: 'Some Name' } : { address }));

/** Tokens that cannot occur in an address or a date (they carry § and ¶). */
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 12 });
export const subjectToken = hex.map((h) => `§subject-${h}§`);
export const bodyToken = hex.map((h) => `¶body ${h}¶`);

const level = fc.constantFrom<SharingLevel>('metadata', 'subject', 'full');
const at = fc.constantFrom(
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00Z',
  '2025-03-01T12:00:00+02:00',
  '2023-07-01T00:00:00Z',
);

export const arbMessage: fc.Arbitrary<MailMessage> = fc
  .record({
    outbound: fc.boolean(),
    from: named(stranger),
    userFrom: named(userAddress),
    userInTo: fc.integer({ min: 0, max: 9 }),
    to: fc.array(named(participant), { maxLength: 3 }),
    cc: fc.array(named(participant), { maxLength: 2 }),
    bcc: fc.array(named(bccAddress), { maxLength: 1 }),
    folder: fc.constantFrom<Folder>(
      'inbox',
      'inbox',
      'inbox',
      'inbox',
      'sent',
      'archive',
      'archive',
      'drafts',
    ),
    internetMessageId: fc.constantFrom('<m1@acme.com>', 'm2@acme.com', ' <m3@acme.com> '),
    threadId: fc.option(fc.constantFrom('t1', 't2', 't3'), { nil: undefined }),
    sentAt: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(
          '2026-03-02T10:00:00Z',
          '2026-02-01T08:30:00+01:00',
          '2026-01-15T00:00:00.5-08:00',
        ),
      },
      // Before the connection, once by its time zone only.
      { weight: 1, arbitrary: fc.constantFrom('2025-12-01T00:00:00Z', '2026-01-01T00:30:00+01:00') },
    ),
    headers: fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      {
        weight: 2,
        arbitrary: fc.constantFrom<Record<string, string>>(
          { precedence: 'bulk' },
          { 'list-unsubscribe': '<https://u.example/1>' },
          { 'auto-submitted': 'no' },
          { 'auto-submitted': 'auto-replied; x=y' },
          { 'list-id': '<list.acme.com>' },
          { 'auto-submitted': 'no (sent by a person)' },
          { 'auto-submitted': 'no, auto-replied' },
          { precedence: 'first-class, bulk' },
          { 'x-autoreply': 'yes' },
          { 'x-autorespond': '' },
          { 'x-mailman-version': '2.1.39' },
          { 'content-type': 'multipart/report; report-type=delivery-status' },
          { 'content-type': 'multipart/mixed; boundary="x"' },
        ),
      },
    ),
    subject: subjectToken,
    bodyText: fc.option(bodyToken, { nil: undefined, freq: 8 }),
    attachments: fc.option(
      fc.array(
        fc.record({
          name: hex.map((h) => `file-${h}.pdf`),
          size: fc.nat(),
          contentType: fc.constant('application/pdf'),
        }),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
  })
  .map(({ outbound, from, userFrom, userInTo, to, ...rest }) => ({
    ...rest,
    from: outbound ? userFrom : from,
    // Inbound mail mostly has the user in To, as real mail does; the rest tests rule 2.
    to: !outbound && userInTo < 8 ? [...to, userFrom] : to,
  }));

const person = fc.record({
  kind: fc.constantFrom<'contact' | 'lead'>('contact', 'contact', 'lead'),
  emails: fc.array(fc.record({ address: spelled(poolAddress), primary: fc.boolean() }), {
    minLength: 1,
    maxLength: 2,
  }),
  accountId: fc.option(fc.constantFrom('a1', 'a2', 'a3', 'a4'), { nil: undefined }),
  createdAt: at,
  converted: fc.option(fc.boolean(), { nil: undefined }),
  deleted: fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
});

const ACCOUNTS: CrmAccount[] = [
  { id: 'a1', domains: ['acme.com'] },
  { id: 'a2', domains: ['beta.io', 'eu.acme.com'] },
  { id: 'a3', domains: ['amazon.com', 'gmail.com'] },
  { id: 'a4', domains: ['beta.io'] },
];
const BLACKLIST = [
  'john@acme.com',
  'beta.io',
  '@gmail.com',
  ' MARY@acme.com ',
  INTERNAL,
  USER,
  'acme.com',
  'info@amazon.com',
];

export const arbContext: fc.Arbitrary<AutoshareContext> = fc.record({
  user: fc.constant({ id: 'u1', addresses: [USER, USER_ALIAS], crmUserId: CRM_USER }),
  connectedAt: fc.constant(CONNECTED_AT),
  internalDomains: fc.constantFrom<string[]>([INTERNAL], [INTERNAL], [INTERNAL, 'ourco.de'], []),
  settings: fc.record({
    autoshareEmails: fc.constantFrom(true, true, true, true, true, false),
    threadAutosave: fc.boolean(),
    linkToOpportunities: fc.boolean(),
    autoCreateContacts: fc.boolean(),
    blacklistPolicy: fc.constantFrom<'exclude-participant' | 'skip-email'>(
      'exclude-participant',
      'skip-email',
    ),
    sharing: fc.record({ inbound: level, outbound: level }),
    autoshareMeetings: fc.constant(false),
    autoshareAppointments: fc.constant(false),
  }),
  blacklist: fc.subarray(BLACKLIST, { maxLength: 2 }),
  threadSubscriptions: fc.subarray([
    { threadId: 't1', what: { kind: 'opportunity' as const, id: 'o9' } },
    { threadId: 't2' },
  ]),
  savedMessageIds: fc.subarray(['m1@acme.com', '<other@acme.com>'], { maxLength: 1 }),
  crm: fc.record({
    people: fc
      .array(person, { minLength: 2, maxLength: 12 })
      .map((ps) => ps.map((p, i): CrmPerson => ({ id: `${p.kind === 'contact' ? 'c' : 'l'}${i}`, ...p }))),
    accounts: fc.subarray(ACCOUNTS),
    opportunities: fc
      .array(
        fc.record({
          accountId: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
          ownerId: fc.constantFrom(CRM_USER, CRM_USER, 'crm-other'),
          createdAt: at,
          closed: fc.boolean(),
        }),
        { maxLength: 4 },
      )
      .map((os) => os.map((o, i): CrmOpportunity => ({ id: `o${i}`, ...o }))),
    tombstones: fc.option(fc.subarray(['john@amazon.com', 'mary@beta.io']), { nil: undefined }),
  }),
});

export const arbCase = fc.record({ message: arbMessage, ctx: arbContext });

/** A string that is not a plain addr-spec. */
export const malformedAddress = fc.oneof(
  fc.string().filter((s) => !s.includes('@')),
  fc.constantFrom(
    'john@',
    '@acme.com',
    'John <john@acme.com>',
    'john doe@acme.com',
    'john@@acme.com',
    '<john@acme.com>',
  ),
);

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A sentAt that is not an ISO 8601 date-time with a zone on a real calendar date. */
export const malformedDate = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 1990, max: 2099 }),
      m: fc.integer({ min: 1, max: 12 }),
      extra: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ y, m, extra }) => `${y}-${pad(m)}-${pad(Math.min(daysIn(y, m) + extra, 39))}T10:00:00Z`),
  fc
    .record({
      y: fc.integer({ min: 1990, max: 2099 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T10:00:00`),
  fc.string().filter((s) => !/\d{4}-\d\d-\d\dT/.test(s)),
);

// ---- the rulebook's section 2, restated for checking results ----
export const norm = (a: string) => a.trim().toLowerCase();
export const domainOf = (a: string) => norm(a).slice(norm(a).lastIndexOf('@') + 1);
export const isUser = (a: string, ctx: AutoshareContext) =>
  ctx.user.addresses.some((u) => norm(u) === norm(a));
export const isInternal = (a: string, ctx: AutoshareContext) =>
  ctx.internalDomains.some((d) => norm(d) === domainOf(a));
export function isBlacklisted(a: string, ctx: AutoshareContext): boolean {
  return ctx.blacklist.some((raw) => {
    const entry = norm(raw);
    const at = entry.lastIndexOf('@');
    return at > 0 ? entry === norm(a) : entry.slice(at + 1) === domainOf(a);
  });
}
export const participants = (m: MailMessage) =>
  [m.from, ...m.to, ...m.cc, ...m.bcc].map((p) => norm(p.address));
export const isOutbound = (m: MailMessage, ctx: AutoshareContext) => isUser(m.from.address, ctx);
