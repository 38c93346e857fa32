// What differs between orgs: which fields hold email addresses and domains, how an email is saved
// (Task or Enhanced Email's EmailMessage) and where the Message-ID is kept. Checked once, up front.
import { assertApiName } from './soql-literals';

export interface SalesforceOptions {
  /** Contact fields holding addresses; the first is the primary one (default `['Email']`). */
  contactEmailFields?: string[];
  /** Lead fields holding addresses; the first is the primary one (default `['Email']`). */
  leadEmailFields?: string[];
  /** Take account domains from `Website` (default true). */
  accountWebsite?: boolean;
  /** A text field holding an account's domain(s), separated by commas, semicolons or spaces. */
  accountDomainField?: string;
  /** `task` (default) or `emailMessage` (Enhanced Email on). */
  activityMode?: 'task' | 'emailMessage';
  /** Task's unique, case-insensitive external-id text field for the Message-ID (default `Liaison_Message_Id__c`). */
  taskMessageIdField?: string;
  /** Optional Task text field recording `manual` or `automatic`. */
  taskOriginField?: string;
  /** Event's unique, case-insensitive external-id text field for the event key (default `Liaison_Event_Key__c`). */
  eventKeyField?: string;
  /** Event's text field for `<sequence>:<fingerprint>` as written (default `Liaison_Event_State__c`). */
  eventStateField?: string;
  /**
   * Optional display fields the integration user cannot see (field-level security), as `Object.Field`:
   * `Lead.Title`, `Contact.Title`, `Opportunity.Amount`. They are left out of queries.
   */
  hiddenFields?: string[];
  /** Include soft-deleted people (queryAll), as the rulebook's rule 8 wants (default true). */
  includeDeletedPeople?: boolean;
  /**
   * How long what a people lookup showed is reused (default 60 s): tombstones, and which addresses have no
   * contact or lead yet (creating those skips the existence check). A sync batch fits well within it.
   */
  lookupMemoMs?: number;
  /** The record URL base for the sidebar's links (default: the instance URL). */
  recordUrlBase?: string;
  now?: () => number;
}

export interface ResolvedOptions {
  contactEmailFields: string[];
  leadEmailFields: string[];
  accountWebsite: boolean;
  accountDomainField?: string;
  activityMode: 'task' | 'emailMessage';
  taskMessageIdField: string;
  taskOriginField?: string;
  eventKeyField: string;
  eventStateField: string;
  /** Whether an optional display field (`Lead.Title`…) may be queried. */
  visible: (objectField: string) => boolean;
  includeDeletedPeople: boolean;
  lookupMemoMs: number;
  recordUrlBase?: string;
  now: () => number;
}

function fields(list: string[] | undefined, what: string): string[] {
  const out = (list?.length ? list : ['Email']).map((f) => assertApiName(f, what));
  return [...new Set(out)];
}

export function resolveOptions(o: SalesforceOptions = {}): ResolvedOptions {
  const hidden = new Set((o.hiddenFields ?? []).map((f) => f.toLowerCase()));
  const resolved: ResolvedOptions = {
    contactEmailFields: fields(o.contactEmailFields, 'contact email field'),
    leadEmailFields: fields(o.leadEmailFields, 'lead email field'),
    accountWebsite: o.accountWebsite ?? true,
    activityMode: o.activityMode ?? 'task',
    taskMessageIdField: assertApiName(
      o.taskMessageIdField ?? 'Liaison_Message_Id__c',
      'task Message-ID field',
    ),
    eventKeyField: assertApiName(o.eventKeyField ?? 'Liaison_Event_Key__c', 'event key field'),
    eventStateField: assertApiName(o.eventStateField ?? 'Liaison_Event_State__c', 'event state field'),
    visible: (f) => !hidden.has(f.toLowerCase()),
    includeDeletedPeople: o.includeDeletedPeople ?? true,
    lookupMemoMs: o.lookupMemoMs ?? 60_000,
    now: o.now ?? Date.now,
  };
  if (o.accountDomainField)
    resolved.accountDomainField = assertApiName(o.accountDomainField, 'account domain field');
  if (o.taskOriginField) resolved.taskOriginField = assertApiName(o.taskOriginField, 'task origin field');
  if (o.recordUrlBase) resolved.recordUrlBase = o.recordUrlBase.replace(/\/+$/, '');
  if (!resolved.accountWebsite && !resolved.accountDomainField) {
    throw new Error('Salesforce accounts need a domain source: Website or accountDomainField');
  }
  return resolved;
}
