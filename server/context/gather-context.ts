import type { Kysely } from 'kysely';
import {
  domainOf,
  isPlainAddrSpec,
  normalizeAddress,
  normalizeMessageId,
  threadIdOf,
  type AutoshareContext,
  type EmailAddress,
  type MailMessage,
} from '../../src';
import type { CrmAccountRecord, CrmAdapter, CrmOpportunityRecord, CrmPersonRecord } from '../crm/crm-adapter';
import { effectiveBlacklist } from '../db/blacklist-repo';
import type { Database } from '../db/database-types';
import { savedMessageIdsAmong } from '../db/ledger-repo';
import { getOrganisation, type Organisation } from '../db/organisation-repo';
import { getStoredSyncSettings } from '../db/settings-repo';
import { mergeSyncSettings } from '../db/default-sync-settings';
import { findThreadSubscriptions } from '../db/subscriptions-repo';
import type { User } from '../db/users-repo';

// Builds the rulebook's AutoshareContext for one user and a batch of messages (one for the sidebar, hundreds for a
// sync run) with as few CRM calls as the adapter allows: people, accounts and tombstones in one parallel round
// for every address of the batch, then opportunities for the accounts found.

export interface GatheredContext {
  ctx: AutoshareContext;
  organisation: Organisation;
  people: CrmPersonRecord[];
  accounts: CrmAccountRecord[];
  opportunities: CrmOpportunityRecord[];
}

function participantAddresses(messages: Partial<MailMessage>[]): string[] {
  const all = new Set<string>();
  const add = (a: EmailAddress | undefined) => {
    const address = normalizeAddress(a?.address);
    if (address !== '' && isPlainAddrSpec(address)) all.add(address);
  };
  for (const m of messages) {
    add(m.from);
    for (const list of [m.to, m.cc, m.bcc]) if (Array.isArray(list)) list.forEach(add);
  }
  return [...all];
}

export async function gatherContext(
  deps: { db: Kysely<Database>; crm: CrmAdapter },
  user: User,
  messages: MailMessage[],
): Promise<GatheredContext> {
  const own = new Set(user.addresses.map(normalizeAddress));
  const addresses = participantAddresses(messages).filter((a) => !own.has(a));
  const domains = [...new Set(addresses.map(domainOf))];
  const messageIds = messages.map((m) => normalizeMessageId(m.internetMessageId)).filter(Boolean);
  const threadIds = [...new Set(messages.map((m) => threadIdOf(m)).filter(Boolean))];

  const [organisation, storedSettings, blacklist, subscriptions, saved, people, accounts, tombstones] =
    await Promise.all([
      getOrganisation(deps.db),
      getStoredSyncSettings(deps.db, user.id),
      effectiveBlacklist(deps.db, user.id),
      findThreadSubscriptions(deps.db, user.id, threadIds),
      savedMessageIdsAmong(deps.db, messageIds),
      addresses.length ? deps.crm.findPeopleByEmails(addresses) : Promise.resolve([]),
      domains.length ? deps.crm.findAccountsByDomains(domains) : Promise.resolve([]),
      addresses.length ? deps.crm.findTombstones(addresses) : Promise.resolve([]),
    ]);
  // Rule 11 looks at the accounts of linked contacts too, which their domain may not name (a contact at gmail.com).
  const accountIds = [
    ...new Set([...accounts.map((a) => a.id), ...people.flatMap((p) => (p.accountId ? [p.accountId] : []))]),
  ];
  const known = new Set(accounts.map((a) => a.id));
  const [opportunities, extraAccounts] = await Promise.all([
    accountIds.length ? deps.crm.findOpenOpportunitiesByAccounts(accountIds) : Promise.resolve([]),
    accountIds.some((id) => !known.has(id))
      ? deps.crm.findAccountsByIds(accountIds.filter((id) => !known.has(id)))
      : Promise.resolve([]),
  ]);

  const allAccounts = [...accounts, ...extraAccounts];
  const settings = mergeSyncSettings(organisation.defaultSettings, storedSettings);
  const ctx: AutoshareContext = {
    user: { id: user.id, addresses: user.addresses, crmUserId: user.crmUserId },
    connectedAt: user.connectedAt ?? '',
    internalDomains: organisation.internalDomains,
    settings,
    blacklist,
    threadSubscriptions: subscriptions,
    savedMessageIds: saved,
    crm: { people, accounts: allAccounts, opportunities, tombstones },
  };
  return { ctx, organisation, people, accounts: allAccounts, opportunities };
}
