import { makeBlacklistMatcher, type BlacklistMatcher } from '../addresses/blacklist';
import { domainOf, normalizeAddress, normalizeDomain, normalizeMessageId } from '../addresses/normalize';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { AutoshareContext, CrmOpportunity, CrmPerson, ThreadSubscription } from '../types';
import { byCreatedThenId, compareIds, createdMs } from './record-order';

// Everything a decision looks up, indexed once per context object (and once per `crm` object, which callers
// such as the dashboard's dry run reuse across contexts). Contexts are read-only to the core.

export interface PersonMatch {
  person: CrmPerson;
  ms: number;
  id: string;
  /** The person has this address as a primary email. */
  primary: boolean;
}

/** Rule 8's answer for one address, computed once per CRM snapshot. */
export interface AddressMatch {
  /** Contacts kept by rule 8 (primary-email preference), oldest first; all of them are linked. */
  contacts: PersonMatch[];
  /** Leads kept by rule 8 when no contact matched, oldest first; only the first is linked. */
  leads: PersonMatch[];
}

export interface CrmIndex {
  matchByAddress: Map<string, AddressMatch>;
  accountsByDomain: Map<string, string[]>;
  openOppsByAccount: Map<string, { opp: CrmOpportunity; ms: number }[]>;
  tombstones: Set<string>;
}

export interface ContextIndex {
  own: Set<string>;
  internalDomains: Set<string>;
  blacklist: BlacklistMatcher;
  subscriptions: Map<string, ThreadSubscription>;
  saved: Set<string>;
  connectedMs: number | null;
  crm: CrmIndex;
  /** Memo of per-address facts (see address-facts.ts). */
  facts: Map<string, import('./address-facts').AddressFacts>;
}

const EMPTY_MATCH: AddressMatch = { contacts: [], leads: [] };

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Between two copies of one record, a fixed choice so the input's order never matters. */
function prefer(a: CrmPerson, b: CrmPerson): boolean {
  const byDate = createdMs(a) - createdMs(b);
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate < 0;
  return compareIds(String(a.accountId ?? ''), String(b.accountId ?? '')) < 0;
}

function keepPreferred(matches: PersonMatch[]): PersonMatch[] {
  const primary = matches.filter((m) => m.primary);
  return (primary.length > 0 ? primary : matches).sort(byCreatedThenId);
}

function indexPeople(people: CrmPerson[]): Map<string, AddressMatch> {
  const raw = new Map<string, { contacts: Map<string, PersonMatch>; leads: Map<string, PersonMatch> }>();
  for (const person of people) {
    if (!isObject(person) || typeof person.id !== 'string') continue;
    if (person.kind !== 'contact' && person.kind !== 'lead') continue;
    if (person.kind === 'lead' && person.converted === true) continue; // converted leads never match
    for (const email of list<{ address: string; primary: boolean }>(person.emails)) {
      if (!isObject(email)) continue;
      const address = normalizeAddress(email.address);
      if (address === '') continue;
      let entry = raw.get(address);
      if (!entry) raw.set(address, (entry = { contacts: new Map(), leads: new Map() }));
      const bucket = person.kind === 'contact' ? entry.contacts : entry.leads;
      const previous = bucket.get(person.id);
      // One record listed twice, or one address twice on it, counts once: as primary if any entry is.
      const keep = !previous || prefer(person, previous.person) ? person : previous.person;
      const primary = email.primary === true || previous?.primary === true;
      bucket.set(person.id, { person: keep, ms: createdMs(keep), id: person.id, primary });
    }
  }
  const result = new Map<string, AddressMatch>();
  for (const [address, entry] of raw) {
    const contacts = keepPreferred([...entry.contacts.values()]);
    const leads = contacts.length > 0 ? [] : keepPreferred([...entry.leads.values()]);
    result.set(address, { contacts, leads });
  }
  return result;
}

function indexAccounts(accounts: unknown[]): Map<string, string[]> {
  const byDomain = new Map<string, Set<string>>();
  for (const account of accounts) {
    if (!isObject(account) || typeof account.id !== 'string') continue;
    for (const domain of list<string>(account.domains)) {
      const d = normalizeDomain(domain);
      if (d === '') continue;
      let ids = byDomain.get(d);
      if (!ids) byDomain.set(d, (ids = new Set()));
      ids.add(account.id);
    }
  }
  return new Map([...byDomain].map(([d, ids]) => [d, [...ids].sort(compareIds)]));
}

function indexOpenOpportunities(opps: unknown[]): Map<string, { opp: CrmOpportunity; ms: number }[]> {
  const byAccount = new Map<string, { opp: CrmOpportunity; ms: number }[]>();
  for (const opp of opps) {
    if (!isObject(opp) || typeof opp.id !== 'string' || typeof opp.accountId !== 'string') continue;
    if (opp.closed !== false) continue;
    const typed = opp as unknown as CrmOpportunity;
    // Unreadable dates never win "most recently created".
    const ms = parseIsoDateTime(typed.createdAt) ?? Number.NEGATIVE_INFINITY;
    let bucket = byAccount.get(typed.accountId);
    if (!bucket) byAccount.set(typed.accountId, (bucket = []));
    bucket.push({ opp: typed, ms });
  }
  return byAccount;
}

const crmCache = new WeakMap<object, CrmIndex>();
const contextCache = new WeakMap<object, ContextIndex>();

export function indexCrm(crm: AutoshareContext['crm'] | undefined): CrmIndex {
  const key = isObject(crm) ? crm : undefined;
  const cached = key && crmCache.get(key);
  if (cached) return cached;
  const index: CrmIndex = {
    matchByAddress: indexPeople(list<CrmPerson>(key?.people)),
    accountsByDomain: indexAccounts(list(key?.accounts)),
    openOppsByAccount: indexOpenOpportunities(list(key?.opportunities)),
    tombstones: new Set(
      list<unknown>(key?.tombstones)
        .map(normalizeAddress)
        .filter((a) => a !== ''),
    ),
  };
  if (key) crmCache.set(key, index);
  return index;
}

function indexSubscriptions(subscriptions: unknown[]): Map<string, ThreadSubscription> {
  const byThread = new Map<string, ThreadSubscription>();
  for (const sub of subscriptions) {
    if (!isObject(sub) || typeof sub.threadId !== 'string') continue;
    const threadId = sub.threadId.trim();
    const existing = byThread.get(threadId);
    // Two subscriptions on one thread: the first that names a record wins.
    if (!existing || (!existing.what && sub.what))
      byThread.set(threadId, sub as unknown as ThreadSubscription);
  }
  return byThread;
}

export function indexContext(ctx: AutoshareContext): ContextIndex {
  const key = isObject(ctx) ? ctx : undefined;
  const cached = key && contextCache.get(key);
  if (cached) return cached;
  const user = isObject(key?.user) ? key.user : undefined;
  const index: ContextIndex = {
    own: new Set(
      list<unknown>(user?.addresses)
        .map(normalizeAddress)
        .filter((a) => a !== ''),
    ),
    internalDomains: new Set(
      list<unknown>(key?.internalDomains)
        .map(normalizeDomain)
        .filter((d) => d !== ''),
    ),
    blacklist: makeBlacklistMatcher(list(key?.blacklist)),
    subscriptions: indexSubscriptions(list(key?.threadSubscriptions)),
    saved: new Set(
      list<unknown>(key?.savedMessageIds)
        .map(normalizeMessageId)
        .filter((id) => id !== ''),
    ),
    connectedMs: parseIsoDateTime(key?.connectedAt),
    crm: indexCrm(key?.crm),
    facts: new Map(),
  };
  if (key) contextCache.set(key, index);
  return index;
}

export function matchAddress(index: CrmIndex, address: string): AddressMatch {
  return index.matchByAddress.get(address) ?? EMPTY_MATCH;
}

export function isInternal(index: ContextIndex, address: string): boolean {
  return index.internalDomains.has(domainOf(address));
}
