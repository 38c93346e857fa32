/** Records held in memory per sObject type, with Salesforce's system fields filled in. */
import { makeId, normaliseId } from './ids';
import { buildSchema, findField, type SObjectDef } from './schema';
import { invalidType } from './errors';

export type SfValue = string | number | boolean | null;
export type SfRecord = Record<string, SfValue>;

/** Salesforce writes date-times as `2024-05-01T09:30:00.000+0000`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class Store {
  readonly schema: Map<string, SObjectDef>;
  readonly defaultUserId: string;
  private records = new Map<string, Map<string, SfRecord>>();
  private seq = 1;

  constructor(
    readonly taskExternalIdField: string | null,
    readonly now: () => number,
    readonly eventExternalIdField: string | null = 'Liaison_Event_Key__c',
    /** The org's currencies: `multiCurrency` adds CurrencyIsoCode to Opportunity (new ones get `corporate`). */
    readonly currency: { multiCurrency: boolean; corporate: string } = {
      multiCurrency: false,
      corporate: 'USD',
    },
  ) {
    this.schema = buildSchema(taskExternalIdField, eventExternalIdField, currency.multiCurrency);
    for (const def of this.schema.values()) this.records.set(def.name, new Map());
    this.defaultUserId = this.insert('User', {
      FirstName: 'Integration',
      LastName: 'User',
      Email: 'integration@liaison.test',
      Username: 'integration@liaison.test',
    }).Id as string;
    this.insert('Organization', { Name: 'Liaison Test Org', DefaultCurrencyIsoCode: currency.corporate });
  }

  /** The schema of a type, by any letter case; INVALID_TYPE when unknown. */
  def(type: string): SObjectDef {
    const def = this.schema.get(type.toLowerCase());
    if (!def) throw invalidType(type);
    return def;
  }

  /** The type an id belongs to, from its key prefix. */
  typeOfId(id: string): string | undefined {
    const prefix = id.slice(0, 3);
    for (const def of this.schema.values()) if (def.keyPrefix === prefix) return def.name;
    return undefined;
  }

  /**
   * Inserts a record as seed data: no API validation, any field may be set (IsDeleted, CreatedDate,
   * IsConverted…). Field names are matched case-insensitively; unknown names throw.
   */
  insert(type: string, fields: Record<string, unknown>): SfRecord {
    const def = this.def(type);
    const now = formatDateTime(this.now());
    const rec: SfRecord = {};
    for (const f of def.fields) rec[f.name] = null;
    Object.assign(rec, { IsDeleted: false, CreatedDate: now, LastModifiedDate: now, SystemModstamp: now });
    if (findField(def, 'OwnerId') && this.defaultUserId) rec.OwnerId = this.defaultUserId;
    applyDefaults(def.name, rec);
    if (findField(def, 'CurrencyIsoCode')) rec.CurrencyIsoCode = this.currency.corporate;
    for (const [k, v] of Object.entries(fields)) {
      const f = findField(def, k);
      if (!f) throw new Error(`Emulator seed: no field ${k} on ${def.name}`);
      rec[f.name] = normaliseValue(f.type, v);
    }
    rec.Id = makeId(def.keyPrefix, this.seq++);
    deriveFields(def.name, rec);
    this.table(def.name).set(rec.Id, rec);
    return rec;
  }

  /** Changes fields in place (seed helper and the write path after validation). */
  update(type: string, id: string, fields: Record<string, unknown>): SfRecord {
    const def = this.def(type);
    const rec = this.get(def.name, id);
    if (!rec) throw new Error(`Emulator: no ${def.name} ${id}`);
    for (const [k, v] of Object.entries(fields)) {
      const f = findField(def, k);
      if (!f) throw new Error(`Emulator: no field ${k} on ${def.name}`);
      rec[f.name] = normaliseValue(f.type, v);
    }
    rec.LastModifiedDate = rec.SystemModstamp = formatDateTime(this.now());
    deriveFields(def.name, rec);
    return rec;
  }

  /** Moves a record to the recycle bin: only queryAll sees it afterwards. */
  softDelete(type: string, id: string): void {
    this.update(type, id, { IsDeleted: true });
  }

  get(type: string, id: string): SfRecord | undefined {
    const norm = normaliseId(id);
    return norm ? this.table(this.def(type).name).get(norm) : undefined;
  }

  /** A record of any type by id. */
  byId(id: string): SfRecord | undefined {
    const norm = normaliseId(id);
    const type = norm && this.typeOfId(norm);
    return type && norm ? this.table(type).get(norm) : undefined;
  }

  all(type: string, opts: { includeDeleted?: boolean } = {}): SfRecord[] {
    const rows = [...this.table(this.def(type).name).values()];
    return opts.includeDeleted ? rows : rows.filter((r) => r.IsDeleted !== true);
  }

  /** A copy of every table, to roll back an allOrNone request. */
  snapshot(): Map<string, Map<string, SfRecord>> {
    return new Map([...this.records].map(([t, m]) => [t, new Map([...m].map(([id, r]) => [id, { ...r }]))]));
  }

  restore(snap: Map<string, Map<string, SfRecord>>): void {
    this.records = snap;
  }

  private table(name: string): Map<string, SfRecord> {
    const t = this.records.get(name);
    if (!t) throw invalidType(name);
    return t;
  }
}

function applyDefaults(type: string, rec: SfRecord): void {
  if (type === 'Lead') Object.assign(rec, { IsConverted: false, Status: 'Open - Not Contacted' });
  if (type === 'Opportunity') rec.IsClosed = false;
  if (type === 'Task') Object.assign(rec, { Status: 'Not Started', Priority: 'Normal' });
  if (type === 'User') rec.IsActive = true;
  if (type === 'TaskRelation') rec.IsWhat = false;
  // IsInvitee is defaulted on create (true): a relation is an invitee unless it says otherwise.
  if (type === 'EventRelation')
    Object.assign(rec, { IsParent: false, IsWhat: false, IsInvitee: true, Status: 'New' });
  if (type === 'Event') Object.assign(rec, { IsAllDayEvent: false, ShowAs: 'Busy' });
}

/** Fields Salesforce computes: person names, and IsClosed from the closed stages. */
function deriveFields(type: string, rec: SfRecord): void {
  if (type === 'Contact' || type === 'Lead' || type === 'User') {
    rec.Name = [rec.FirstName, rec.LastName].filter((s) => typeof s === 'string' && s !== '').join(' ');
  }
  if (type === 'Opportunity' && typeof rec.StageName === 'string' && /^closed/i.test(rec.StageName)) {
    rec.IsClosed = true;
  }
}

/** Dates and date-times stored in Salesforce's own text forms; ids in their 18-character form. */
export function normaliseValue(type: string, v: unknown): SfValue {
  if (v === undefined || v === null) return null;
  if (type === 'datetime' && (typeof v === 'string' || typeof v === 'number' || v instanceof Date)) {
    const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
    return Number.isNaN(ms) ? String(v) : formatDateTime(ms);
  }
  if (type === 'date' && v instanceof Date) return v.toISOString().slice(0, 10);
  if ((type === 'reference' || type === 'id') && typeof v === 'string') return normaliseId(v) ?? v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}
