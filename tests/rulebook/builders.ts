/**
 * Small builders for the rulebook conformance tests: every test starts from one plain, valid,
 * inbound email from a stranger and a context where autosharing is on, then changes only what it needs.
 */
import type {
  AutoshareContext,
  CrmAccount,
  CrmOpportunity,
  CrmPerson,
  EmailAddress,
  MailMessage,
  RecordRef,
  SyncSettings,
} from '../../src';

export const USER = 'rep@ourco.com';
export const USER_ALIAS = 'rep.alias@ourco.com';
export const CRM_USER = 'crm-u1';
export const INTERNAL = 'ourco.com';
export const CONNECTED_AT = '2026-01-01T00:00:00Z';
export const SENT_AT = '2026-03-02T10:00:00Z';

type Addr = string | EmailAddress;

export interface MessageInput extends Partial<Omit<MailMessage, 'from' | 'to' | 'cc' | 'bcc'>> {
  from?: Addr;
  to?: Addr[];
  cc?: Addr[];
  bcc?: Addr[];
}

const addr = (a: Addr): EmailAddress => (typeof a === 'string' ? { address: a } : a);

/** An inbound email from john@acme.com to the user, valid on every rule. */
export function message(over: MessageInput = {}): MailMessage {
  const { from, to, cc, bcc, ...rest } = over;
  return {
    internetMessageId: '<msg-1@acme.com>',
    folder: 'inbox',
    subject: 'Quarterly review',
    sentAt: SENT_AT,
    bodyText: 'Hello, see you Monday.',
    ...rest,
    from: addr(from ?? 'john@acme.com'),
    to: (to ?? [USER]).map(addr),
    cc: (cc ?? []).map(addr),
    bcc: (bcc ?? []).map(addr),
  };
}

/** An email sent by the user (folder `sent`) to john@acme.com. */
export function outbound(over: MessageInput = {}): MailMessage {
  return message({ folder: 'sent', from: USER, to: ['john@acme.com'], ...over });
}

export const primary = (address: string) => ({ address, primary: true });
export const secondary = (address: string) => ({ address, primary: false });

type Emails = string | { address: string; primary: boolean }[];
const emailsOf = (e: Emails) => (typeof e === 'string' ? [primary(e)] : e);

export function contact(id: string, emails: Emails, extra: Partial<CrmPerson> = {}): CrmPerson {
  return { id, kind: 'contact', emails: emailsOf(emails), createdAt: '2024-01-01T00:00:00Z', ...extra };
}

export function lead(id: string, emails: Emails, extra: Partial<CrmPerson> = {}): CrmPerson {
  return { id, kind: 'lead', emails: emailsOf(emails), createdAt: '2024-01-01T00:00:00Z', ...extra };
}

export function account(id: string, ...domains: string[]): CrmAccount {
  return { id, domains };
}

export function opportunity(
  id: string,
  accountId: string,
  extra: Partial<CrmOpportunity> = {},
): CrmOpportunity {
  return { id, accountId, ownerId: CRM_USER, createdAt: '2025-06-01T00:00:00Z', closed: false, ...extra };
}

export interface ContextInput extends Partial<Omit<AutoshareContext, 'settings' | 'crm'>> {
  settings?: Partial<SyncSettings>;
  people?: CrmPerson[];
  accounts?: CrmAccount[];
  opportunities?: CrmOpportunity[];
  tombstones?: string[];
}

/** Autoshare on, thread autosave on, no opportunity linking, no contact creation, policy exclude-participant. */
export function context(over: ContextInput = {}): AutoshareContext {
  const { settings, people, accounts, opportunities, tombstones, ...rest } = over;
  return {
    user: { id: 'u1', addresses: [USER, USER_ALIAS], crmUserId: CRM_USER },
    connectedAt: CONNECTED_AT,
    internalDomains: [INTERNAL],
    blacklist: [],
    threadSubscriptions: [],
    savedMessageIds: [],
    ...rest,
    settings: {
      autoshareEmails: true,
      threadAutosave: true,
      linkToOpportunities: false,
      autoCreateContacts: false,
      blacklistPolicy: 'exclude-participant',
      sharing: { inbound: 'subject', outbound: 'full' },
      autoshareMeetings: false,
      autoshareAppointments: false,
      ...settings,
    },
    crm: {
      people: people ?? [],
      accounts: accounts ?? [],
      opportunities: opportunities ?? [],
      ...(tombstones ? { tombstones } : {}),
    },
  };
}

export const ref = {
  contact: (id: string): RecordRef => ({ kind: 'contact', id }),
  lead: (id: string): RecordRef => ({ kind: 'lead', id }),
  account: (id: string): RecordRef => ({ kind: 'account', id }),
  opportunity: (id: string): RecordRef => ({ kind: 'opportunity', id }),
};
