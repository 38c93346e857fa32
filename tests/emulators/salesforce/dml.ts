/**
 * Writes through the API: the validation Salesforce applies to one record (field names, types,
 * lengths, required fields, references, unique external ids), then the store change.
 */
import { SalesforceError } from './errors';
import { normaliseId } from './ids';
import { findField, type FieldDef, type SObjectDef } from './schema';
import { formatDateTime, type SfRecord, type Store } from './store';

const MAX_LENGTH: Partial<Record<string, number>> = {
  string: 255,
  picklist: 255,
  email: 80,
  phone: 40,
  textarea: 32000,
};

/** The most characters a write of this text field may hold. */
export function maxLength(f: FieldDef): number {
  return f.length ?? MAX_LENGTH[f.type] ?? 255;
}

const fail = (code: string, message: string, fields: string[] = []) =>
  new SalesforceError(400, code, message, fields);

/** Checks each field of an API body and returns it keyed by canonical field names. */
function checkFields(store: Store, def: SObjectDef, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const f = findField(def, key);
    if (!f) throw fail('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
    if (f.readonly) {
      throw fail(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [f.name],
      );
    }
    out[f.name] = value === null || value === undefined ? null : checkValue(store, f, value);
  }
  return out;
}

function checkValue(store: Store, f: FieldDef, value: unknown): unknown {
  const jsonError = (expected: string) =>
    fail('JSON_PARSER_ERROR', `Cannot deserialize instance of ${expected} from ${JSON.stringify(value)}`, [
      f.name,
    ]);
  switch (f.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw jsonError('boolean');
      return value;
    case 'date':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        throw jsonError('date');
      }
      return value;
    case 'datetime':
      if (
        typeof value !== 'string' ||
        Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))
      ) {
        throw jsonError('datetime');
      }
      return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw jsonError('int');
      return value;
    case 'currency':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw jsonError('currency');
      return value;
    case 'base64':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(value))
        throw jsonError('base64Binary');
      return value;
    case 'reference':
    case 'id': {
      if (typeof value !== 'string') throw jsonError('reference');
      const id = normaliseId(value);
      if (!id) throw fail('MALFORMED_ID', `${f.name}: id value of incorrect type: ${value}`, [f.name]);
      const type = store.typeOfId(id);
      if (!type || !f.referenceTo?.includes(type)) {
        throw fail('FIELD_INTEGRITY_EXCEPTION', `${f.name}: id value of incorrect type: ${value}`, [f.name]);
      }
      const target = store.get(type, id);
      if (!target || target.IsDeleted === true) {
        throw fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
      }
      return id;
    }
    default: {
      if (typeof value !== 'string') throw jsonError('string');
      const max = maxLength(f);
      if (value.length > max) {
        throw fail(
          'STRING_TOO_LONG',
          `${f.name}: data value too large: ${value.slice(0, 40)}… (max length=${max})`,
          [f.name],
        );
      }
      if (f.values && !f.values.includes(value)) {
        throw fail(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${f.name}: bad value for restricted picklist field: ${value}`,
          [f.name],
        );
      }
      if (f.type === 'email' && value !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
        throw fail('INVALID_EMAIL_ADDRESS', `${f.name}: invalid email address: ${value}`, [f.name]);
      }
      return value;
    }
  }
}

/** DUPLICATE_VALUE on unique fields (compared case-insensitively, Salesforce's default) and on TaskRelation pairs. */
function checkUnique(store: Store, def: SObjectDef, rec: Record<string, unknown>, selfId?: string): void {
  for (const f of def.fields) {
    const v = rec[f.name];
    if (!f.unique || typeof v !== 'string' || v === '') continue;
    const clash = store
      .all(def.name, { includeDeleted: true })
      .find(
        (r) =>
          r.Id !== selfId &&
          typeof r[f.name] === 'string' &&
          (r[f.name] as string).toLowerCase() === v.toLowerCase(),
      );
    if (clash) {
      throw fail(
        'DUPLICATE_VALUE',
        `duplicate value found: ${f.name} duplicates value on record with id: ${clash.Id}`,
      );
    }
  }
  if (def.name === 'TaskRelation' || def.name === 'EmailMessageRelation' || def.name === 'EventRelation') {
    const parent =
      def.name === 'TaskRelation' ? 'TaskId' : def.name === 'EventRelation' ? 'EventId' : 'EmailMessageId';
    const clash = store
      .all(def.name)
      .find(
        (r) =>
          r.Id !== selfId &&
          r[parent] === rec[parent] &&
          r.RelationId === rec.RelationId &&
          (def.name !== 'EmailMessageRelation' || r.RelationType === rec.RelationType),
      );
    if (clash && rec.RelationId) {
      throw fail(
        'DUPLICATE_VALUE',
        `duplicate value found: <unknown> duplicates value on record with id: ${clash.Id}`,
      );
    }
  }
}

function checkRequired(def: SObjectDef, rec: Record<string, unknown>): void {
  const missing = def.fields.filter(
    (f) => f.required && (rec[f.name] === null || rec[f.name] === undefined || rec[f.name] === ''),
  );
  if (missing.length) {
    const names = missing.map((f) => f.name);
    throw fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
  }
}

/**
 * Object Reference, "TaskRelation": "A task can be related to one lead or up to 50 contacts." Salesforce's exact
 * error for a breach is not documented there; FIELD_INTEGRITY_EXCEPTION is the code it uses for such relations.
 */
function checkTaskPeople(store: Store, rel: Record<string, unknown>): void {
  const id = String(rel.RelationId ?? '');
  if (rel.IsWhat === true || !(id.startsWith('003') || id.startsWith('00Q'))) return;
  const people = store
    .all('TaskRelation')
    .filter((r) => r.TaskId === rel.TaskId && r.IsWhat !== true)
    .map((r) => String(r.RelationId));
  const all = [...people, id];
  const leads = all.filter((p) => p.startsWith('00Q')).length;
  if ((leads > 0 && all.length > 1) || all.length > 50)
    throw fail('FIELD_INTEGRITY_EXCEPTION', 'A task can be related to one lead or up to 50 contacts.', [
      'RelationId',
    ]);
}

/**
 * Object Reference, EventRelation: "An event can be related to up to 50 contacts or one lead" (its IsParent rows);
 * FIELD_INTEGRITY_EXCEPTION as for tasks (the code is an assumption).
 */
function checkEventPeople(store: Store, rel: Record<string, unknown>): void {
  const id = String(rel.RelationId ?? '');
  if (rel.IsParent !== true || !(id.startsWith('003') || id.startsWith('00Q'))) return;
  const people = store
    .all('EventRelation')
    .filter((r) => r.EventId === rel.EventId && r.IsParent === true)
    .map((r) => String(r.RelationId));
  const all = [...people, id];
  const leads = all.filter((p) => p.startsWith('00Q')).length;
  if ((leads > 0 && all.length > 1) || all.length > 50)
    throw fail('FIELD_INTEGRITY_EXCEPTION', 'An event can be related to one lead or up to 50 contacts.', [
      'RelationId',
    ]);
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** Multiday events last at most 14 days (the Object Reference's DurationInMinutes). */
const MAX_MINUTES = 14 * DAY_MINUTES;
const tooLong = (field: string) =>
  fail('FIELD_INTEGRITY_EXCEPTION', 'An event cannot last longer than 14 days', [field]);
const msOf = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);

/**
 * Event's times as the Object Reference gives them: an all-day event needs ActivityDate and lasts DurationInMinutes
 * (a day by default); another needs StartDateTime (or ActivityDateTime) and EndDateTime or DurationInMinutes, equal
 * in length when both are given (FIELD_INTEGRITY_EXCEPTION otherwise, for a negative duration and for one over 14
 * days: the code and words are an assumption). `changed` are the fields written now: moving the start of an existing event keeps its duration.
 * Returns the derived fields (ActivityDateTime, ActivityDate, StartDateTime, EndDateTime, DurationInMinutes).
 */
function eventTimes(
  merged: Record<string, unknown>,
  changed: Record<string, unknown>,
): Record<string, unknown> {
  if (merged.IsAllDayEvent === true) {
    const date = typeof merged.ActivityDate === 'string' ? merged.ActivityDate : undefined;
    if (!date)
      throw fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [ActivityDate]', ['ActivityDate']);
    const minutes =
      'DurationInMinutes' in changed || merged.DurationInMinutes != null
        ? Number(merged.DurationInMinutes)
        : DAY_MINUTES;
    if (!(minutes > 0))
      throw fail('FIELD_INTEGRITY_EXCEPTION', 'Event duration cannot be negative', ['DurationInMinutes']);
    if (minutes > MAX_MINUTES) throw tooLong('DurationInMinutes');
    const start = Date.parse(`${date}T00:00:00Z`);
    return {
      ActivityDateTime: null,
      StartDateTime: formatDateTime(start),
      EndDateTime: formatDateTime(start + minutes * MINUTE),
      DurationInMinutes: minutes,
    };
  }
  const startValue =
    'StartDateTime' in changed
      ? changed.StartDateTime
      : 'ActivityDateTime' in changed
        ? changed.ActivityDateTime
        : (merged.StartDateTime ?? merged.ActivityDateTime);
  const start = msOf(startValue);
  if (Number.isNaN(start))
    throw fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [ActivityDateTime]', [
      'ActivityDateTime',
    ]);
  const endGiven = 'EndDateTime' in changed ? msOf(changed.EndDateTime) : NaN;
  const minutesGiven = 'DurationInMinutes' in changed ? Number(changed.DurationInMinutes) : NaN;
  let minutes: number;
  if (!Number.isNaN(endGiven)) {
    minutes = Math.round((endGiven - start) / MINUTE);
    if (!Number.isNaN(minutesGiven) && minutesGiven !== minutes)
      throw fail('FIELD_INTEGRITY_EXCEPTION', 'DurationInMinutes and EndDateTime do not agree', [
        'DurationInMinutes',
      ]);
  } else if (!Number.isNaN(minutesGiven)) minutes = minutesGiven;
  else if (typeof merged.DurationInMinutes === 'number') minutes = merged.DurationInMinutes;
  else
    throw fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [DurationInMinutes]', [
      'DurationInMinutes',
    ]);
  if (minutes < 0)
    throw fail('FIELD_INTEGRITY_EXCEPTION', 'Event duration cannot be negative', ['EndDateTime']);
  if (minutes > MAX_MINUTES) throw tooLong('EndDateTime');
  return {
    ActivityDateTime: formatDateTime(start),
    ActivityDate: new Date(start).toISOString().slice(0, 10),
    StartDateTime: formatDateTime(start),
    EndDateTime: formatDateTime(start + minutes * MINUTE),
    DurationInMinutes: minutes,
  };
}

/** Shared Activities: an event's WhoId is an IsParent relation, its WhatId an IsWhat one (replacing the old). */
function eventRelationsOf(store: Store, event: SfRecord, before?: SfRecord): void {
  const rows = () => store.all('EventRelation').filter((r) => r.EventId === event.Id);
  if (typeof event.WhoId === 'string' && event.WhoId !== before?.WhoId) {
    const row = rows().find((r) => r.RelationId === event.WhoId);
    if (row) store.update('EventRelation', row.Id as string, { IsParent: true });
    else
      store.insert('EventRelation', {
        EventId: event.Id,
        RelationId: event.WhoId,
        IsParent: true,
        IsInvitee: false,
      });
  }
  if (event.WhatId !== before?.WhatId) {
    for (const r of rows().filter((r) => r.IsWhat === true))
      store.softDelete('EventRelation', r.Id as string);
    if (typeof event.WhatId === 'string')
      store.insert('EventRelation', {
        EventId: event.Id,
        RelationId: event.WhatId,
        IsWhat: true,
        IsInvitee: false,
      });
  }
}

export function createRecord(
  store: Store,
  type: string,
  body: Record<string, unknown>,
  userId: string,
): SfRecord {
  const def = store.def(type);
  const fields = checkFields(store, def, body);
  checkRequired(def, fields);
  checkUnique(store, def, fields);
  if (def.name === 'TaskRelation') checkTaskPeople(store, fields);
  if (def.name === 'EventRelation') checkEventPeople(store, fields);
  if (findField(def, 'OwnerId') && !fields.OwnerId) fields.OwnerId = userId;
  if (def.name === 'ContentVersion') return createContentVersion(store, fields);
  if (def.name === 'Event') Object.assign(fields, eventTimes(fields, fields));
  const rec = store.insert(def.name, fields);
  if (def.name === 'Event') eventRelationsOf(store, rec);
  // With Shared Activities on, a task's WhoId and WhatId appear as TaskRelation rows.
  if (def.name === 'Task') {
    if (typeof rec.WhoId === 'string')
      store.insert('TaskRelation', { TaskId: rec.Id, RelationId: rec.WhoId });
    if (typeof rec.WhatId === 'string') {
      store.insert('TaskRelation', { TaskId: rec.Id, RelationId: rec.WhatId, IsWhat: true });
    }
  }
  return rec;
}

/**
 * A new file: its ContentDocument, and the ContentDocumentLinks Salesforce makes, to the owner (ShareType I) and, with
 * FirstPublishLocationId, to that record (ShareType V, Viewer).
 */
function createContentVersion(store: Store, fields: Record<string, unknown>): SfRecord {
  const path = String(fields.PathOnClient);
  const dot = path.lastIndexOf('.');
  const extension = dot > 0 ? path.slice(dot + 1).toLowerCase() : '';
  const size = Buffer.from(String(fields.VersionData), 'base64').length;
  const title = typeof fields.Title === 'string' && fields.Title !== '' ? fields.Title : path;
  const doc = store.insert('ContentDocument', {
    Title: title,
    OwnerId: fields.OwnerId,
    FileExtension: extension,
    ContentSize: size,
  });
  const version = store.insert('ContentVersion', {
    ...fields,
    Title: title,
    ContentDocumentId: doc.Id,
    ContentSize: size,
    FileExtension: extension,
    IsLatest: true,
  });
  store.update('ContentDocument', doc.Id as string, { LatestPublishedVersionId: version.Id });
  store.insert('ContentDocumentLink', {
    ContentDocumentId: doc.Id,
    LinkedEntityId: fields.OwnerId,
    ShareType: 'I',
    Visibility: 'AllUsers',
  });
  if (typeof fields.FirstPublishLocationId === 'string')
    store.insert('ContentDocumentLink', {
      ContentDocumentId: doc.Id,
      LinkedEntityId: fields.FirstPublishLocationId,
      ShareType: 'V',
      Visibility: 'AllUsers',
    });
  return version;
}

export function updateRecord(
  store: Store,
  type: string,
  id: string,
  body: Record<string, unknown>,
): SfRecord {
  const def = store.def(type);
  const existing = store.get(def.name, id);
  if (!existing) throw new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (existing.IsDeleted === true) throw fail('ENTITY_IS_DELETED', 'entity is deleted');
  const fields = checkFields(store, def, body);
  const merged = { ...existing, ...fields };
  checkRequired(def, merged);
  checkUnique(store, def, merged, existing.Id as string);
  const whatChanged = def.name === 'Task' && 'WhatId' in fields && fields.WhatId !== existing.WhatId;
  if (def.name === 'Event') Object.assign(fields, eventTimes(merged, fields));
  const before = { ...existing };
  const updated = store.update(def.name, existing.Id as string, fields);
  if (def.name === 'Event') eventRelationsOf(store, updated, before);
  // Shared Activities: a task's new WhatId is its IsWhat TaskRelation row.
  if (whatChanged) {
    for (const r of store.all('TaskRelation').filter((r) => r.TaskId === existing.Id && r.IsWhat === true))
      store.softDelete('TaskRelation', r.Id as string);
    if (typeof fields.WhatId === 'string')
      store.insert('TaskRelation', { TaskId: existing.Id, RelationId: fields.WhatId, IsWhat: true });
  }
  return updated;
}

/** Upsert by an external-id field: update the one match, create when none. */
export function upsertRecord(
  store: Store,
  type: string,
  extField: string,
  extValue: unknown,
  body: Record<string, unknown>,
  userId: string,
): { rec: SfRecord; created: boolean } {
  const def = store.def(type);
  const f = findField(def, extField);
  if (!f || !(f.externalId || f.type === 'id')) {
    throw new SalesforceError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${extField}`,
    );
  }
  if (typeof extValue !== 'string' || extValue === '') {
    throw fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
  }
  const matches = store
    .all(def.name)
    .filter(
      (r) => typeof r[f.name] === 'string' && (r[f.name] as string).toLowerCase() === extValue.toLowerCase(),
    );
  if (matches.length > 1) {
    throw new SalesforceError(
      300,
      'MULTIPLE_CHOICES',
      `More than one record found for external id field ${f.name}`,
    );
  }
  const { [extField]: _omit, ...rest } = body;
  const match = matches[0];
  if (match) return { rec: updateRecord(store, def.name, match.Id as string, rest), created: false };
  return { rec: createRecord(store, def.name, { ...rest, [f.name]: extValue }, userId), created: true };
}

export function deleteRecord(store: Store, type: string, id: string): void {
  const def = store.def(type);
  const rec = store.get(def.name, id);
  if (!rec) throw new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (rec.IsDeleted === true) throw fail('ENTITY_IS_DELETED', 'entity is deleted');
  store.softDelete(def.name, rec.Id as string);
}
