import { domainOf } from '../addresses/normalize';
import { isPersonalAddress } from '../addresses/personal-address';
import { isRoleAddress } from '../addresses/role-address';
import { isInternal, matchAddress, type ContextIndex, type PersonMatch } from '../rules/context-index';
import type { RecordRef } from '../types';
import { companyFromDomain, nameParts } from './name-parts';
import { recordKey } from './record-key';
import type {
  NewRecordSuggestion,
  PickableRecord,
  SidebarAccount,
  SidebarExtras,
  SidebarPerson,
} from './sidebar-types';

// The people part of a sidebar, for an email (its From/To/Cc/Bcc) and for a meeting (its organizer and attendees)
// alike: known people with their account, open opportunities and recent activities; the user's own addresses and
// blacklisted ones left out (counted); unknown external people as "New records" suggestions; the records a rep can
// pick when saving by hand. The same index and matching as the rules, so the sidebar and the sync never disagree.

/** What the people part reads of the extras: the records' display fields and recent activities. */
type Records = Pick<SidebarExtras, 'details' | 'activities'>;

/** One participant as the sidebars read it; `field` says where it stands (From, To… or organizer, required…). */
export interface ViewParticipant<F extends string> {
  address: string; // normalised
  given: string; // as written
  name?: string;
  field: F;
}

export interface SidebarPeople<F extends string> {
  people: SidebarPerson<F>[];
  suggestions: NewRecordSuggestion<F>[];
  hiddenBlacklisted: number;
  pickable: PickableRecord[];
}

/** A record the CRM gave no name for: what it is, never its id (a rep cannot read `006Dn000…`). */
export function unnamedRecord(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} (name not available)`;
}

function accountView(
  accountId: string,
  index: ContextIndex,
  extras: Records,
  crmUserId: unknown,
): SidebarAccount {
  const ref: RecordRef = { kind: 'account', id: accountId };
  const details = extras.details?.[recordKey(ref)];
  const opportunities = [...(index.crm.openOppsByAccount.get(accountId) ?? [])]
    .sort((a, b) =>
      b.ms !== a.ms ? (b.ms > a.ms ? 1 : -1) : a.opp.id < b.opp.id ? 1 : a.opp.id > b.opp.id ? -1 : 0,
    )
    .map(({ opp }) => {
      const oppRef: RecordRef = { kind: 'opportunity', id: opp.id };
      const d = extras.details?.[recordKey(oppRef)];
      return {
        ref: oppRef,
        name: d?.name ?? unnamedRecord('opportunity'),
        ...(d?.stage === undefined ? {} : { stage: d.stage }),
        ...(d?.amount === undefined ? {} : { amount: d.amount }),
        ...(d?.amount === undefined || d.currency === undefined ? {} : { currency: d.currency }),
        ...(d?.closeDate === undefined ? {} : { closeDate: d.closeDate }),
        mine: opp.ownerId === crmUserId,
        ...(d?.url ? { url: d.url } : {}),
      };
    });
  return {
    ref,
    name: details?.name ?? unnamedRecord('account'),
    ...(details?.url ? { url: details.url } : {}),
    opportunities,
  };
}

function personView<F extends string>(
  match: PersonMatch,
  participant: ViewParticipant<F>,
  linked: ReadonlySet<string>,
  index: ContextIndex,
  extras: Records,
  crmUserId: unknown,
): SidebarPerson<F> {
  const ref: RecordRef = { kind: match.person.kind, id: match.id };
  const key = recordKey(ref);
  const d = extras.details?.[key];
  const accountId = match.person.kind === 'contact' ? match.person.accountId : undefined;
  return {
    ref,
    name: d?.name ?? participant.name ?? participant.given,
    ...(d?.title ? { title: d.title } : {}),
    ...(d?.url ? { url: d.url } : {}),
    address: participant.address,
    field: participant.field,
    deleted: match.person.deleted === true,
    linkedByAutoshare: linked.has(key),
    ...(typeof accountId === 'string' ? { account: accountView(accountId, index, extras, crmUserId) } : {}),
    recentActivities: extras.activities?.[key] ?? [],
  };
}

function suggestion<F extends string>(
  participant: ViewParticipant<F>,
  index: ContextIndex,
  extras: Records,
): NewRecordSuggestion<F> {
  const accounts = index.crm.accountsByDomain.get(domainOf(participant.address)) ?? [];
  const personal = isPersonalAddress(participant.address);
  const names = nameParts(participant.name, participant.address);
  const base = {
    address: participant.address,
    ...(participant.name ? { displayName: participant.name } : {}),
    field: participant.field,
    roleAddress: isRoleAddress(participant.address),
    personalAddress: personal,
  };
  if (accounts.length === 1) {
    const ref: RecordRef = { kind: 'account', id: accounts[0] as string };
    const name = extras.details?.[recordKey(ref)]?.name ?? companyFromDomain(participant.address);
    return {
      ...base,
      kind: 'contact',
      account: { ref, name },
      prefill: { ...names, email: participant.address, company: name, accountId: ref.id },
    };
  }
  return {
    ...base,
    kind: 'lead',
    prefill: {
      ...names,
      email: participant.address,
      company: personal ? '' : companyFromDomain(participant.address),
    },
  };
}

/** The people of an item, in participant order; `linked` holds the `recordKey`s autosharing would link. */
export function sidebarPeople<F extends string>(
  participants: readonly ViewParticipant<F>[],
  index: ContextIndex,
  extras: Records,
  linked: ReadonlySet<string>,
  crmUserId: unknown,
): SidebarPeople<F> {
  const people: SidebarPerson<F>[] = [];
  const shown = new Set<string>();
  const suggestions: NewRecordSuggestion<F>[] = [];
  let hiddenBlacklisted = 0;
  for (const participant of participants) {
    if (index.own.has(participant.address)) continue;
    if (index.blacklist.isBlacklisted(participant.address)) {
      hiddenBlacklisted++;
      continue;
    }
    const { contacts, leads } = matchAddress(index.crm, participant.address);
    const matches = contacts.length > 0 ? contacts : leads;
    for (const match of matches) {
      const key = `${match.person.kind}:${match.id}`;
      if (shown.has(key)) continue;
      shown.add(key);
      people.push(personView(match, participant, linked, index, extras, crmUserId));
    }
    if (matches.length === 0 && !isInternal(index, participant.address))
      suggestions.push(suggestion(participant, index, extras));
  }
  const pickable = new Map<string, PickableRecord>();
  const pick = (r: PickableRecord) =>
    pickable.set(recordKey(r.ref), { ref: r.ref, name: r.name, ...(r.url ? { url: r.url } : {}) });
  for (const person of people) {
    pick(person);
    if (person.account) {
      pick(person.account);
      for (const opp of person.account.opportunities) pick(opp);
    }
  }
  return { people, suggestions, hiddenBlacklisted, pickable: [...pickable.values()] };
}

/** The records a trace may name: the decision's links and everyone shown, with their accounts and opportunities. */
export function traceRefs(
  decision: { who: readonly RecordRef[]; what?: RecordRef },
  people: readonly SidebarPerson<string>[],
): RecordRef[] {
  const refs: RecordRef[] = [...decision.who, ...(decision.what ? [decision.what] : [])];
  for (const person of people) {
    refs.push(person.ref);
    if (person.account) {
      refs.push(person.account.ref);
      for (const opp of person.account.opportunities) refs.push(opp.ref);
    }
  }
  return refs;
}

export function namesOf(
  refs: readonly RecordRef[],
  name: (kind: string, id: string) => string,
): Record<string, string> {
  const names: Record<string, string> = {};
  for (const ref of refs) names[recordKey(ref)] = name(ref.kind, ref.id);
  return names;
}
