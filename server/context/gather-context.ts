import type { Kysely } from 'kysely';
import {
  domainOf,
  isPlainAddrSpec,
  normalizeAddress,
  normalizeMessageId,
  subscriptionsFor,
  threadKeysOf,
  type AutoshareContext,
  type EmailAddress,
  type MailMessage,
  type RecentActivity,
} from '../../src';
import type {
  CrmAccountRecord,
  CrmAdapter,
  CrmLookup,
  CrmOpportunityRecord,
  CrmPersonRecord,
} from '../crm/crm-adapter';
import type { Database } from '../db/database-types';
import { HIDES_IMPORTED_SQL, type Organisation } from '../db/organisation-repo';
import { mergeSyncSettings } from '../db/default-sync-settings';
import {
  readUserContext,
  toUserContext,
  userContextSql,
  type SavedLedgerEntry,
  type UserContext,
  type UserContextRequest,
} from '../db/user-context-repo';
import type { User } from '../db/users-repo';
import { lookupCrm } from './crm-lookup';

// Builds the rulebook's AutoshareContext for one user and a batch of messages (one for the sidebar, hundreds for a
// sync run) in two reads however large the batch: Liaison's own tables in one statement (user-context-repo), the
// CRM records of every address of the batch in one call where the CRM allows it (crm-lookup).

export interface GatheredContext {
  ctx: AutoshareContext;
  organisation: Organisation;
  people: CrmPersonRecord[];
  accounts: CrmAccountRecord[];
  opportunities: CrmOpportunityRecord[];
  /** When `recentActivities` was asked: keyed by `recordKey`. */
  activities?: Record<string, RecentActivity[]>;
  /** When `ledger` was asked: keyed by normalised Message-ID. */
  ledger?: Map<string, SavedLedgerEntry>;
}

/** Every participant's address of the messages, normalised, once each, in order of appearance. */
export function participantAddresses(messages: Partial<MailMessage>[]): string[] {
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

export interface GatherOptions {
  /** The sidebar: also up to this many recent activities per person found. */
  recentActivities?: number;
  /** The sidebar: also the ledger rows of the messages, with who saved them. */
  ledger?: boolean;
}

export async function gatherContext(
  deps: { db: Kysely<Database>; crm: CrmAdapter },
  user: User,
  messages: MailMessage[],
  options: GatherOptions = {},
): Promise<GatheredContext> {
  const own = new Set(user.addresses.map(normalizeAddress));
  const addresses = participantAddresses(messages).filter((a) => !own.has(a));
  const domains = [...new Set(addresses.map(domainOf))];
  const messageIds = messages.map((m) => normalizeMessageId(m.internetMessageId)).filter(Boolean);
  // A subscription is stored under the face's thread id and the thread's root: either may match.
  const threadIds = [...new Set(messages.flatMap(threadKeysOf))];

  // Two reads whatever the batch size: Liaison's own tables in one statement, the CRM in one call where it can;
  // one statement for both where the CRM lives in Liaison's database (the embedded CRM). That statement runs on the
  // CRM's handle (the pool), as the CRM's read always did: no caller gathers inside a transaction.
  const mineRequest: UserContextRequest = {
    userId: user.id,
    threadIds,
    messageIds,
    ...(options.ledger ? { ledger: true } : {}),
  };
  const recent = <H>(hideImported: H) =>
    options.recentActivities === undefined
      ? {}
      : { recentActivities: options.recentActivities, hideImported };
  let mine: UserContext;
  let crm: CrmLookup;
  if (deps.crm.lookupContextAlongside) {
    const both = await deps.crm.lookupContextAlongside(
      { addresses, domains, ...recent(HIDES_IMPORTED_SQL) },
      userContextSql(mineRequest),
    );
    [mine, crm] = [await toUserContext(deps.db, both.alongside, mineRequest), both.lookup];
  } else {
    const readMine = readUserContext(deps.db, mineRequest);
    const readCrm = (hideImported: boolean) =>
      lookupCrm(deps.crm, { addresses, domains, ...recent(hideImported) });
    // In parallel, except when recent activities are asked: the organisation's display setting decides whether
    // those include what autosharing imported, so Liaison's read goes first.
    [mine, crm] =
      options.recentActivities === undefined
        ? await Promise.all([readMine, readCrm(false)])
        : await readMine.then(async (m) => [m, await readCrm(!m.organisation.showExtractedInfo)] as const);
  }
  const { organisation } = mine;
  const ctx: AutoshareContext = {
    user: { id: user.id, addresses: user.addresses, crmUserId: user.crmUserId },
    connectedAt: user.connectedAt ?? '',
    internalDomains: organisation.internalDomains,
    settings: mergeSyncSettings(organisation.defaultSettings, mine.storedSettings),
    blacklist: mine.blacklist,
    threadSubscriptions: subscriptionsFor(messages, mine.subscriptions),
    savedMessageIds: mine.savedMessageIds,
    crm: {
      people: crm.people,
      accounts: crm.accounts,
      opportunities: crm.opportunities,
      tombstones: crm.tombstones,
    },
  };
  const gathered: GatheredContext = {
    ctx,
    organisation,
    people: crm.people,
    accounts: crm.accounts,
    opportunities: crm.opportunities,
  };
  if (crm.activities) gathered.activities = crm.activities;
  if (mine.ledger) gathered.ledger = mine.ledger;
  return gathered;
}
