// The embedded CRM: the CrmAdapter on Liaison's own database, for a deployment without Salesforce
// (and for the demo). Each method is one batched call; the queries live in the files next to this.
import type { Kysely, RawBuilder } from 'kysely';
import type { RecentActivity, RecordDetails, RecordRef } from '../../../src';
import type { ReadRow } from '../../db/cached-plan';
import type { Database } from '../../db/database-types';
import type {
  ActivityLinks,
  AddLinksResult,
  CrmAccountRecord,
  CrmActivityRecord,
  ChangeEventResult,
  CrmAdapter,
  CrmEventCancel,
  CrmEventUpdate,
  CrmSavedEvent,
  CrmLookup,
  CrmLookupAlongsideRequest,
  CrmLookupRequest,
  CrmOpportunityRecord,
  CrmPersonRecord,
  CreateResult,
  NewActivity,
  NewContact,
  NewCrmEvent,
  NewLead,
  RecentActivityOptions,
  SaveActivityResult,
  SaveEventResult,
  SearchHit,
} from '../crm-adapter';
import { findAccountsByDomains, findAccountsByIds, findOpenOpportunitiesByAccounts } from './account-queries';
import {
  findActivitiesByMessageIds,
  recentActivities,
  addActivityLinks,
  saveActivities,
  setImportedActivitiesHidden,
} from './activity-store';
import { lookupContext, lookupContextAlongside } from './context-lookup';
import { cancelEvents, findEventsByKeys, saveEvents, updateEvents } from './event-store';
import { findPeopleByEmails, findTombstones } from './people-queries';
import { createContacts, createLeads, deleteContacts } from './record-creation';
import { getRecordDetails, search } from './record-details';

export interface EmbeddedCrmOptions {
  /** Where a record can be opened (the dashboard's CRM pages), if anywhere. */
  recordUrl?: (ref: RecordRef) => string | undefined;
}

export class EmbeddedCrm implements CrmAdapter {
  readonly kind = 'embedded';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: EmbeddedCrmOptions = {},
  ) {}

  findPeopleByEmails(addresses: string[]): Promise<CrmPersonRecord[]> {
    return findPeopleByEmails(this.db, addresses);
  }

  findAccountsByDomains(domains: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByDomains(this.db, domains);
  }

  findAccountsByIds(ids: string[]): Promise<CrmAccountRecord[]> {
    return findAccountsByIds(this.db, ids);
  }

  findOpenOpportunitiesByAccounts(accountIds: string[]): Promise<CrmOpportunityRecord[]> {
    return findOpenOpportunitiesByAccounts(this.db, accountIds);
  }

  findTombstones(addresses: string[]): Promise<string[]> {
    return findTombstones(this.db, addresses);
  }

  /** The batched lookups above in one statement (see context-lookup.ts). */
  lookupContext(request: CrmLookupRequest): Promise<CrmLookup> {
    return lookupContext(this.db, request);
  }

  /** The same statement with a read of Liaison's own tables (this CRM lives in Liaison's database). */
  lookupContextAlongside<T>(
    request: CrmLookupAlongsideRequest,
    alongside: RawBuilder<T>,
  ): Promise<{ lookup: CrmLookup; alongside: ReadRow<T> | undefined }> {
    return lookupContextAlongside(this.db, request, alongside);
  }

  recentActivities(
    refs: RecordRef[],
    limit: number,
    options: RecentActivityOptions = {},
  ): Promise<Record<string, RecentActivity[]>> {
    return recentActivities(this.db, refs, limit, options.hideImported === true);
  }

  recordUrl(ref: RecordRef): string | undefined {
    return this.options.recordUrl?.(ref);
  }

  search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    const url = this.options.recordUrl;
    return search(this.db, query, options.limit).then((hits) =>
      url ? hits.map((hit) => ({ ...hit, ...(url(hit.ref) ? { url: url(hit.ref) } : {}) })) : hits,
    );
  }

  createContacts(items: NewContact[]): Promise<CreateResult[]> {
    return createContacts(this.db, items);
  }

  createLeads(items: NewLead[]): Promise<CreateResult[]> {
    return createLeads(this.db, items);
  }

  saveActivities(items: NewActivity[]): Promise<SaveActivityResult[]> {
    return saveActivities(this.db, items);
  }

  findActivitiesByMessageIds(messageIds: string[]): Promise<CrmActivityRecord[]> {
    return findActivitiesByMessageIds(this.db, messageIds);
  }

  saveEvents(items: NewCrmEvent[]): Promise<SaveEventResult[]> {
    return saveEvents(this.db, items);
  }

  updateEvents(items: CrmEventUpdate[]): Promise<ChangeEventResult[]> {
    return updateEvents(this.db, items);
  }

  cancelEvents(items: CrmEventCancel[]): Promise<ChangeEventResult[]> {
    return cancelEvents(this.db, items);
  }

  findEventsByKeys(keys: string[]): Promise<CrmSavedEvent[]> {
    return findEventsByKeys(this.db, keys);
  }

  readonly addsWhatLater = true;
  /** Its tables notify Liaison's change feed (migration 0014). */
  readonly changesNotified = true;

  addActivityLinks(activityId: string, links: ActivityLinks): Promise<AddLinksResult> {
    return addActivityLinks(this.db, activityId, links);
  }

  getRecordDetails(refs: RecordRef[]): Promise<Record<string, RecordDetails>> {
    return getRecordDetails(this.db, refs, this.options.recordUrl);
  }

  setImportedActivitiesHidden(hidden: boolean): Promise<number> {
    return setImportedActivitiesHidden(this.db, hidden);
  }

  /** Embedded only: soft-delete contacts (their addresses become tombstones). */
  deleteContacts(ids: string[]): Promise<number> {
    return deleteContacts(this.db, ids);
  }
}
