import type { RecordRef } from '../../src';
import type {
  ActivityLinks,
  CrmAdapter,
  CrmEventCancel,
  CrmEventUpdate,
  CrmLookup,
  CrmLookupRequest,
  NewActivity,
  NewContact,
  NewCrmEvent,
  NewLead,
  RecentActivityOptions,
} from './crm-adapter';

// The adapter the rest of the server holds: it forwards to the CRM in use, which an admin can change while the
// server runs (Connect Salesforce, Disconnect) without anything else noticing.

export class CrmSwitch implements CrmAdapter {
  constructor(private adapter: CrmAdapter) {}

  get kind(): string {
    return this.adapter.kind;
  }

  get current(): CrmAdapter {
    return this.adapter;
  }

  use(adapter: CrmAdapter): void {
    this.adapter = adapter;
  }

  findPeopleByEmails(addresses: string[]) {
    return this.adapter.findPeopleByEmails(addresses);
  }
  findAccountsByDomains(domains: string[]) {
    return this.adapter.findAccountsByDomains(domains);
  }
  findAccountsByIds(ids: string[]) {
    return this.adapter.findAccountsByIds(ids);
  }
  findOpenOpportunitiesByAccounts(accountIds: string[]) {
    return this.adapter.findOpenOpportunitiesByAccounts(accountIds);
  }
  findTombstones(addresses: string[]) {
    return this.adapter.findTombstones(addresses);
  }
  recentActivities(refs: RecordRef[], limit: number, options?: RecentActivityOptions) {
    return this.adapter.recentActivities(refs, limit, options);
  }
  search(query: string, options?: { limit?: number }) {
    return this.adapter.search(query, options);
  }
  recordUrl(ref: RecordRef) {
    return this.adapter.recordUrl?.(ref);
  }
  createContacts(items: NewContact[]) {
    return this.adapter.createContacts(items);
  }
  createLeads(items: NewLead[]) {
    return this.adapter.createLeads(items);
  }
  saveActivities(items: NewActivity[]) {
    return this.adapter.saveActivities(items);
  }
  findActivitiesByMessageIds(messageIds: string[]) {
    return this.adapter.findActivitiesByMessageIds(messageIds);
  }
  saveEvents(items: NewCrmEvent[]) {
    return this.adapter.saveEvents(items);
  }
  updateEvents(items: CrmEventUpdate[]) {
    return this.adapter.updateEvents(items);
  }
  cancelEvents(items: CrmEventCancel[]) {
    return this.adapter.cancelEvents(items);
  }
  findEventsByKeys(keys: string[]) {
    return this.adapter.findEventsByKeys(keys);
  }
  addActivityLinks(activityId: string, links: ActivityLinks) {
    return this.adapter.addActivityLinks(activityId, links);
  }
  get addsWhatLater(): boolean {
    return this.adapter.addsWhatLater;
  }
  get changesNotified(): boolean {
    return this.adapter.changesNotified === true;
  }
  getRecordDetails(refs: RecordRef[]) {
    return this.adapter.getRecordDetails(refs);
  }
  /** Only when the CRM in use has it: callers fall back to the batched calls otherwise. */
  get lookupContext(): ((request: CrmLookupRequest) => Promise<CrmLookup>) | undefined {
    const adapter = this.adapter;
    return adapter.lookupContext ? (request) => adapter.lookupContext!(request) : undefined;
  }
  /** Likewise. */
  get lookupContextAlongside(): CrmAdapter['lookupContextAlongside'] {
    const adapter = this.adapter;
    return adapter.lookupContextAlongside
      ? (request, alongside) => adapter.lookupContextAlongside!(request, alongside)
      : undefined;
  }

  async setImportedActivitiesHidden(hidden: boolean): Promise<number> {
    return this.adapter.setImportedActivitiesHidden ? this.adapter.setImportedActivitiesHidden(hidden) : 0;
  }
}
