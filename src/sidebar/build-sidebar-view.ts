import { domainOf } from '../addresses/normalize';
import { isPersonalAddress } from '../addresses/personal-address';
import { isRoleAddress } from '../addresses/role-address';
import {
  indexContext,
  isInternal,
  matchAddress,
  type ContextIndex,
  type PersonMatch,
} from '../rules/context-index';
import { decideAutoshare } from '../rules/decide-autoshare';
import { boundContactCreation } from '../rules/contact-creation-bound';
import { collectParticipants, type Participant } from '../rules/read-message';
import { threadIdOf } from '../threads/derive-thread-id';
import { normalizeMessageId } from '../addresses/normalize';
import type { AutoshareContext, AutoshareDecision, MailMessage, RecordRef } from '../types';
import { autoshareLine } from './autoshare-line';
import { readableTrace } from './readable-trace';
import { companyFromDomain, nameParts } from './name-parts';
import { recordKey } from './record-key';
import type {
  NewRecordSuggestion,
  SidebarAccount,
  SidebarExtras,
  SidebarPerson,
  SidebarView,
} from './sidebar-types';

// Section 5 of the rulebook, for both sidebars: known people with their account, open opportunities and recent
// activities; blacklisted addresses hidden; "New records" suggestions; saved state; and what autosharing will do.
// The same index and matching as decideAutoshare, so the sidebar and the sync never disagree.

/** A record the CRM gave no name for: what it is, never its id (a rep cannot read `006Dn000…`). */
export function unnamedRecord(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} (name not available)`;
}

function naming(extras: SidebarExtras) {
  return (kind: string, id: string): string => extras.details?.[`${kind}:${id}`]?.name ?? unnamedRecord(kind);
}

function accountView(
  accountId: string,
  index: ContextIndex,
  extras: SidebarExtras,
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
        ...(d?.closeDate === undefined ? {} : { closeDate: d.closeDate }),
        mine: opp.ownerId === crmUserId,
      };
    });
  return {
    ref,
    name: details?.name ?? unnamedRecord('account'),
    ...(details?.url ? { url: details.url } : {}),
    opportunities,
  };
}

function personView(
  match: PersonMatch,
  participant: Participant,
  linked: Set<string>,
  index: ContextIndex,
  extras: SidebarExtras,
  crmUserId: unknown,
): SidebarPerson {
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

function suggestion(
  participant: Participant,
  index: ContextIndex,
  extras: SidebarExtras,
): NewRecordSuggestion {
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

export function buildSidebarView(
  message: MailMessage,
  ctx: AutoshareContext,
  extras: SidebarExtras = {},
): SidebarView {
  const index = indexContext(ctx);
  const crmUserId = ctx?.user?.crmUserId;
  // What the sync will do: the rulebook's decision, then the bound on contacts one email creates.
  const decision = boundContactCreation(
    decideAutoshare(message, ctx),
    message,
    ctx,
    extras.maxContactsPerEmail,
  );
  const linked = new Set(decision.who.map(recordKey));
  const name = naming(extras);
  const { participants } = collectParticipants(
    typeof message === 'object' && message !== null ? message : {},
  );

  const people: SidebarPerson[] = [];
  const shown = new Set<string>();
  const suggestions: NewRecordSuggestion[] = [];
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

  const messageId = normalizeMessageId(message?.internetMessageId);
  const threadId = threadIdOf({
    internetMessageId: messageId,
    threadId: message?.threadId,
    headers: message?.headers,
  });
  const subscription = index.subscriptions.get(threadId);
  const pickable = new Map<string, { ref: RecordRef; name: string }>();
  for (const person of people) {
    pickable.set(recordKey(person.ref), { ref: person.ref, name: person.name });
    if (person.account) {
      pickable.set(recordKey(person.account.ref), { ref: person.account.ref, name: person.account.name });
      for (const opp of person.account.opportunities)
        pickable.set(recordKey(opp.ref), { ref: opp.ref, name: opp.name });
    }
  }
  return {
    messageId,
    threadId,
    subject: typeof message?.subject === 'string' ? message.subject : '',
    people,
    suggestions,
    hiddenBlacklisted,
    alreadySaved: index.saved.has(messageId),
    ...(extras.saved ? { saved: extras.saved } : {}),
    thread: {
      autosave: subscription !== undefined,
      ...(subscription?.what
        ? { what: subscription.what, whatName: name(subscription.what.kind, subscription.what.id) }
        : {}),
    },
    pickable: [...pickable.values()],
    names: namesOf(
      [
        ...traceRefs(decision, people),
        ...(extras.saved?.links ?? []),
        ...(subscription?.what ? [subscription.what] : []),
        ...decision.create.map((c): RecordRef => ({ kind: 'account', id: c.accountId })),
      ],
      name,
    ),
    autoshare: {
      decision,
      line: autoshareLine(decision, name),
      trace: readableTrace(
        decision,
        [
          ...traceRefs(decision, people),
          ...decision.create.map((c): RecordRef => ({ kind: 'account', id: c.accountId })),
        ],
        name,
      ),
      willSave: decision.action === 'save',
    },
  };
}

function namesOf(refs: RecordRef[], name: (kind: string, id: string) => string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const ref of refs) names[recordKey(ref)] = name(ref.kind, ref.id);
  return names;
}

/** The records a trace may name: the decision's links and everyone shown, with their accounts and opportunities. */
function traceRefs(decision: AutoshareDecision, people: SidebarPerson[]): RecordRef[] {
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
