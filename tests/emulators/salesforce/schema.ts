/**
 * The sObject types the emulator knows, with the field types that SOQL filters are checked against.
 * Only what Liaison's adapter touches; names and key prefixes are Salesforce's own.
 */

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'email'
  | 'phone'
  | 'textarea'
  | 'picklist'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'int'
  | 'currency'
  | 'base64';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** For references: the sObject types an id may point to (more than one: polymorphic). */
  referenceTo?: string[];
  /** For references: the relationship name used in field paths (`Account.Name`). */
  relationshipName?: string;
  required?: boolean;
  /** Set by the platform, never by an API write. */
  readonly?: boolean;
  externalId?: boolean;
  unique?: boolean;
  /** Searched by SOSL `IN NAME FIELDS`. */
  nameField?: boolean;
  /** Long text areas cannot appear in a SOQL WHERE clause. */
  filterable?: false;
  /** Most characters a write may hold (default by type: 255 text, 80 email, 32,000 long text). */
  length?: number;
  /** A restricted picklist's values: any other is INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST. */
  values?: string[];
}

export interface SObjectDef {
  name: string;
  keyPrefix: string;
  fields: FieldDef[];
}

const system: FieldDef[] = [
  { name: 'Id', type: 'id', readonly: true },
  { name: 'IsDeleted', type: 'boolean', readonly: true },
  { name: 'CreatedDate', type: 'datetime', readonly: true },
  { name: 'LastModifiedDate', type: 'datetime', readonly: true },
  { name: 'SystemModstamp', type: 'datetime', readonly: true },
];
const owner: FieldDef = {
  name: 'OwnerId',
  type: 'reference',
  referenceTo: ['User'],
  relationshipName: 'Owner',
};
const who: FieldDef = {
  name: 'WhoId',
  type: 'reference',
  referenceTo: ['Contact', 'Lead'],
  relationshipName: 'Who',
};
const what: FieldDef = {
  name: 'WhatId',
  type: 'reference',
  referenceTo: ['Account', 'Opportunity'],
  relationshipName: 'What',
};

/** A unique external id text field (Task's Message-ID, Event's key), or none when the org lacks it. */
function externalIdField(name: string | null): FieldDef[] {
  return name === null ? [] : [{ name, type: 'string', externalId: true, unique: true }];
}

/**
 * Builds the schema; the Task and Event external-id fields' names are configurable, and `null` leaves one out (an org
 * where no admin created it: SOQL and writes naming it answer INVALID_FIELD "No such column", as Salesforce does).
 * `multiCurrency`: the org has multiple currencies turned on, so Opportunity has CurrencyIsoCode (Salesforce adds the
 * field to currency-bearing objects only then); Organization's DefaultCurrencyIsoCode is the single-currency one.
 */
export function buildSchema(
  taskExternalIdField: string | null,
  eventExternalIdField: string | null = 'Liaison_Event_Key__c',
  multiCurrency = false,
): Map<string, SObjectDef> {
  const defs: SObjectDef[] = [
    {
      name: 'Organization',
      keyPrefix: '00D',
      fields: [
        ...system,
        { name: 'Name', type: 'string', nameField: true },
        { name: 'DefaultCurrencyIsoCode', type: 'picklist', readonly: true },
      ],
    },
    {
      name: 'User',
      keyPrefix: '005',
      fields: [
        ...system,
        { name: 'Name', type: 'string', nameField: true },
        { name: 'FirstName', type: 'string', nameField: true },
        { name: 'LastName', type: 'string', required: true, nameField: true },
        { name: 'Email', type: 'email', required: true },
        { name: 'Username', type: 'string' },
        { name: 'IsActive', type: 'boolean' },
      ],
    },
    {
      name: 'Account',
      keyPrefix: '001',
      fields: [
        ...system,
        owner,
        { name: 'Name', type: 'string', required: true, nameField: true },
        { name: 'Website', type: 'string' },
        { name: 'Domain__c', type: 'string' },
      ],
    },
    {
      name: 'Contact',
      keyPrefix: '003',
      fields: [
        ...system,
        owner,
        { name: 'Name', type: 'string', readonly: true, nameField: true },
        { name: 'FirstName', type: 'string', nameField: true },
        { name: 'LastName', type: 'string', required: true, nameField: true },
        { name: 'Email', type: 'email' },
        { name: 'Secondary_Email__c', type: 'email' },
        { name: 'Title', type: 'string' },
        { name: 'Phone', type: 'phone' },
        { name: 'MobilePhone', type: 'phone' },
        { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
      ],
    },
    {
      name: 'Lead',
      keyPrefix: '00Q',
      fields: [
        ...system,
        owner,
        { name: 'Name', type: 'string', readonly: true, nameField: true },
        { name: 'FirstName', type: 'string', nameField: true },
        { name: 'LastName', type: 'string', required: true, nameField: true },
        { name: 'Email', type: 'email' },
        { name: 'Company', type: 'string', required: true },
        { name: 'Title', type: 'string' },
        { name: 'Phone', type: 'phone' },
        { name: 'MobilePhone', type: 'phone' },
        { name: 'Status', type: 'picklist' },
        { name: 'IsConverted', type: 'boolean' },
        {
          name: 'ConvertedContactId',
          type: 'reference',
          referenceTo: ['Contact'],
          relationshipName: 'ConvertedContact',
        },
      ],
    },
    {
      name: 'Opportunity',
      keyPrefix: '006',
      fields: [
        ...system,
        owner,
        { name: 'Name', type: 'string', required: true, nameField: true },
        { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
        { name: 'StageName', type: 'picklist', required: true },
        { name: 'IsClosed', type: 'boolean' },
        { name: 'Amount', type: 'currency' },
        { name: 'CloseDate', type: 'date' },
        ...(multiCurrency ? [{ name: 'CurrencyIsoCode', type: 'picklist' } satisfies FieldDef] : []),
      ],
    },
    {
      name: 'Task',
      keyPrefix: '00T',
      fields: [
        ...system,
        owner,
        who,
        what,
        { name: 'Subject', type: 'string' },
        { name: 'Description', type: 'textarea', filterable: false },
        { name: 'ActivityDate', type: 'date' },
        { name: 'Status', type: 'picklist' },
        { name: 'Priority', type: 'picklist' },
        { name: 'TaskSubtype', type: 'picklist' },
        ...externalIdField(taskExternalIdField),
        // The optional custom field the adapter's `taskOriginField` names (`manual` or `automatic`).
        { name: 'Liaison_Origin__c', type: 'string' },
      ],
    },
    {
      name: 'TaskRelation',
      keyPrefix: '0RT',
      fields: [
        ...system,
        {
          name: 'TaskId',
          type: 'reference',
          referenceTo: ['Task'],
          relationshipName: 'Task',
          required: true,
        },
        {
          name: 'RelationId',
          type: 'reference',
          referenceTo: ['Contact', 'Lead', 'Account', 'Opportunity'],
          relationshipName: 'Relation',
          required: true,
        },
        { name: 'IsWhat', type: 'boolean' },
      ],
    },
    // Object Reference, Event: an all-day event (IsAllDayEvent) takes ActivityDate and DurationInMinutes (a day when
    // neither it nor EndDateTime is given); another takes StartDateTime (or ActivityDateTime) and EndDateTime or
    // DurationInMinutes, which must agree when both are given (dml.ts). ShowAs: Busy, OutOfOffice, Free.
    {
      name: 'Event',
      keyPrefix: '00U',
      fields: [
        ...system,
        owner,
        who,
        what,
        { name: 'Subject', type: 'string' },
        { name: 'Description', type: 'textarea', filterable: false },
        { name: 'Location', type: 'string' },
        { name: 'IsAllDayEvent', type: 'boolean' },
        { name: 'ActivityDate', type: 'date' },
        { name: 'ActivityDateTime', type: 'datetime' },
        { name: 'StartDateTime', type: 'datetime' },
        { name: 'EndDateTime', type: 'datetime' },
        { name: 'DurationInMinutes', type: 'int' },
        { name: 'ShowAs', type: 'picklist', values: ['Busy', 'OutOfOffice', 'Free'] },
        ...externalIdField(eventExternalIdField),
        // The optional text field the adapter's `eventStateField` names (`<sequence>:<fingerprint>`).
        { name: 'Liaison_Event_State__c', type: 'string' },
      ],
    },
    // Object Reference, EventRelation (Shared Activities on): invitees (IsInvitee, a user, contact or lead), related
    // people (IsParent: up to 50 contacts or one lead) and the related record (IsWhat).
    {
      name: 'EventRelation',
      keyPrefix: '0RE',
      fields: [
        ...system,
        {
          name: 'EventId',
          type: 'reference',
          referenceTo: ['Event'],
          relationshipName: 'Event',
          required: true,
        },
        {
          name: 'RelationId',
          type: 'reference',
          referenceTo: ['Contact', 'Lead', 'User', 'Account', 'Opportunity'],
          relationshipName: 'Relation',
          required: true,
        },
        { name: 'IsParent', type: 'boolean' },
        { name: 'IsWhat', type: 'boolean' },
        { name: 'IsInvitee', type: 'boolean' },
        { name: 'Status', type: 'picklist' },
      ],
    },
    {
      name: 'EmailMessage',
      keyPrefix: '02s',
      fields: [
        ...system,
        // Lengths as the org's describe gives them: Subject 3,000; To/Cc/Bcc strings of 4,000 (the Object Reference's
        // EmailMessage page: "a string array of email addresses", the EmailMessageRelation rows carry the people);
        // the bodies the org's email body limit, 32,000 by default (knowledge article 000233060, "Number of
        // Characters allowed when composing an email": default 32,000, up to 131,072 on request).
        { name: 'Subject', type: 'string', length: 3000 },
        { name: 'TextBody', type: 'textarea', filterable: false, length: 32_000 },
        { name: 'HtmlBody', type: 'textarea', filterable: false, length: 32_000 },
        { name: 'FromAddress', type: 'email' },
        { name: 'FromName', type: 'string' },
        { name: 'ToAddress', type: 'string', length: 4000 },
        { name: 'CcAddress', type: 'string', length: 4000 },
        { name: 'BccAddress', type: 'string', length: 4000 },
        { name: 'MessageDate', type: 'datetime' },
        { name: 'MessageIdentifier', type: 'string' },
        { name: 'ThreadIdentifier', type: 'string' },
        // Object Reference, EmailMessage: Status is a restricted picklist, neither Nillable nor Defaulted on create
        // (so required): 0 New, 1 Read, 2 Replied, 3 Sent, 4 Forwarded, 5 Draft.
        { name: 'Status', type: 'picklist', required: true, values: ['0', '1', '2', '3', '4', '5'] },
        { name: 'Incoming', type: 'boolean' },
        {
          name: 'RelatedToId',
          type: 'reference',
          referenceTo: ['Account', 'Opportunity'],
          relationshipName: 'RelatedTo',
        },
        { name: 'ActivityId', type: 'reference', referenceTo: ['Task'], relationshipName: 'Activity' },
      ],
    },
    // Salesforce Files, as the Object Reference describes ContentVersion, ContentDocument and ContentDocumentLink
    // (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/
    // sforce_api_objects_contentversion.htm, …_contentdocumentlink.htm) and the REST API's "Insert or Update Blob
    // Data" (developer.salesforce.com/docs/platform/api-rest/guide/dome-sobject-insert-update-blob.html): a
    // ContentVersion created with VersionData (base64) and PathOnClient makes its ContentDocument; with
    // FirstPublishLocationId it is shared with that record through a ContentDocumentLink. VersionData cannot be
    // filtered (a blob), as in Salesforce.
    {
      name: 'ContentVersion',
      keyPrefix: '068',
      fields: [
        ...system,
        owner,
        { name: 'Title', type: 'string' },
        { name: 'PathOnClient', type: 'string', required: true },
        { name: 'VersionData', type: 'base64', required: true, filterable: false },
        { name: 'Description', type: 'textarea', filterable: false },
        {
          name: 'FirstPublishLocationId',
          type: 'reference',
          referenceTo: ['Task', 'EmailMessage', 'Account', 'Contact', 'Lead', 'Opportunity', 'User'],
          relationshipName: 'FirstPublishLocation',
        },
        {
          name: 'ContentDocumentId',
          type: 'reference',
          referenceTo: ['ContentDocument'],
          relationshipName: 'ContentDocument',
          readonly: true,
        },
        { name: 'ContentSize', type: 'int', readonly: true },
        { name: 'FileExtension', type: 'string', readonly: true },
        { name: 'IsLatest', type: 'boolean', readonly: true },
      ],
    },
    {
      name: 'ContentDocument',
      keyPrefix: '069',
      fields: [
        ...system,
        owner,
        { name: 'Title', type: 'string' },
        { name: 'FileExtension', type: 'string', readonly: true },
        { name: 'ContentSize', type: 'int', readonly: true },
        {
          name: 'LatestPublishedVersionId',
          type: 'reference',
          referenceTo: ['ContentVersion'],
          relationshipName: 'LatestPublishedVersion',
          readonly: true,
        },
      ],
    },
    {
      name: 'ContentDocumentLink',
      keyPrefix: '06A',
      fields: [
        ...system,
        {
          name: 'ContentDocumentId',
          type: 'reference',
          referenceTo: ['ContentDocument'],
          relationshipName: 'ContentDocument',
          required: true,
        },
        {
          name: 'LinkedEntityId',
          type: 'reference',
          referenceTo: ['Task', 'EmailMessage', 'Account', 'Contact', 'Lead', 'Opportunity', 'User'],
          relationshipName: 'LinkedEntity',
          required: true,
        },
        { name: 'ShareType', type: 'picklist' },
        { name: 'Visibility', type: 'picklist' },
      ],
    },
    {
      name: 'EmailMessageRelation',
      keyPrefix: '0CA',
      fields: [
        ...system,
        {
          name: 'EmailMessageId',
          type: 'reference',
          referenceTo: ['EmailMessage'],
          relationshipName: 'EmailMessage',
          required: true,
        },
        {
          name: 'RelationId',
          type: 'reference',
          referenceTo: ['Contact', 'Lead', 'User'],
          relationshipName: 'Relation',
        },
        { name: 'RelationType', type: 'picklist', required: true },
        { name: 'RelationAddress', type: 'email' },
      ],
    },
  ];
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

/** Case-insensitive field lookup, as SOQL and the REST API resolve names. */
export function findField(def: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return def.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Fields on the polymorphic `Name` object (Who, What, Owner…) that SOQL lets a query reach. */
export const polymorphicNameFields = ['Id', 'Name', 'Type', 'Email', 'FirstName', 'LastName'];
