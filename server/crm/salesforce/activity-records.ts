// How one email becomes Salesforce records: a completed Task of subtype Email (Shared Activities add the
// other contacts as TaskRelation rows), or an EmailMessage with EmailMessageRelation rows (Enhanced Email).
import type { RecordRef } from '../../../src';
import type { NewActivity } from '../crm-adapter';
import type { ResolvedOptions } from './salesforce-options';

/** Optional participant addresses: EmailMessage mode fills From/To/Cc and relation types from them. */
export interface ActivityEmail {
  from?: string;
  to?: string[];
  cc?: string[];
  /** Inbound (true) or outbound. */
  incoming?: boolean;
}

/** A NewActivity as the sync engine may pass it to Salesforce: the participants ride along when known. */
export type SalesforceNewActivity = NewActivity & { email?: ActivityEmail };

// Documented lengths of the fields written (characters; a longer value fails the record with STRING_TOO_LONG):
// Task Subject 255 and Description 32,000 (Object Reference, Task); EmailMessage Subject 3,000, ToAddress and
// CcAddress 4,000 (the org's describe; the Object Reference's EmailMessage page calls them string arrays of
// addresses), TextBody 32,000 (the org's email body limit, 32,000 unless Salesforce raised it: knowledge article
// 000233060).
const TASK_SUBJECT_MAX = 255;
const EMAIL_SUBJECT_MAX = 3000;
const ADDRESS_LIST_MAX = 4000;
const LONG_TEXT_MAX = 32_000;
/** Salesforce's email fields (FromAddress). */
const EMAIL_FIELD_MAX = 80;

/** At most `max` UTF-16 units, never half of a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Addresses joined with "; " while they fit in `max`: whole addresses only, in order. The EmailMessageRelation rows
 * name every known person whatever fits here.
 */
export function addressList(addresses: string[], max = ADDRESS_LIST_MAX): string {
  let out = '';
  for (const a of addresses) {
    const next = out ? `${out}; ${a}` : a;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

/**
 * Salesforce lets a task name up to 50 contacts, or one lead alone, and a task on a lead has no WhatId.
 * Contacts win over leads; with leads only, the first one is kept and the related record dropped.
 */
export function activityLinks(item: Pick<NewActivity, 'who' | 'what'>): {
  primary?: RecordRef;
  others: RecordRef[];
  what?: RecordRef;
} {
  const seen = new Set<string>();
  const who = item.who.filter(
    (r) => (r.kind === 'contact' || r.kind === 'lead') && !seen.has(r.id) && seen.add(r.id),
  );
  const contacts = who.filter((r) => r.kind === 'contact').slice(0, 50);
  const what =
    item.what && (item.what.kind === 'account' || item.what.kind === 'opportunity') ? item.what : undefined;
  if (contacts.length) return { primary: contacts[0], others: contacts.slice(1), ...(what ? { what } : {}) };
  const lead = who[0];
  if (lead) return { primary: lead, others: [] };
  return { others: [], ...(what ? { what } : {}) };
}

/** `keyField`: where the Message-ID goes; undefined on an org without the field (the ledger keeps saves single). */
export function taskRecord(
  item: NewActivity,
  key: string,
  o: ResolvedOptions,
  keyField: string | undefined,
): Record<string, unknown> {
  const { primary, what } = activityLinks(item);
  const rec: Record<string, unknown> = {
    Subject: clip(item.subject || 'Email', TASK_SUBJECT_MAX),
    Description: clip(item.body, LONG_TEXT_MAX),
    ActivityDate: activityDate(item.date),
    Status: 'Completed',
    TaskSubtype: 'Email',
  };
  if (keyField) rec[keyField] = key;
  if (primary) rec.WhoId = primary.id;
  if (what) rec.WhatId = what.id;
  if (item.ownerId) rec.OwnerId = item.ownerId;
  if (o.taskOriginField) rec[o.taskOriginField] = item.mode;
  return rec;
}

export function emailMessageRecord(item: SalesforceNewActivity, key: string): Record<string, unknown> {
  const what =
    item.what && (item.what.kind === 'account' || item.what.kind === 'opportunity') ? item.what : undefined;
  const rec: Record<string, unknown> = {
    Subject: clip(item.subject || 'Email', EMAIL_SUBJECT_MAX),
    TextBody: clip(item.body, LONG_TEXT_MAX),
    MessageDate: new Date(Date.parse(item.date) || 0).toISOString(),
    MessageIdentifier: key,
    Status: '3', // Sent
    Incoming: item.email?.incoming ?? false,
  };
  // An email field holds 80 characters and must look like an address; one that does not would fail the whole
  // record (STRING_TOO_LONG, INVALID_EMAIL_ADDRESS), so it is left out: the relation rows still name the sender.
  const from = item.email?.from?.trim();
  if (from && from.length <= EMAIL_FIELD_MAX && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from))
    rec.FromAddress = from;
  const to = addressList(item.email?.to ?? []);
  const cc = addressList(item.email?.cc ?? []);
  if (to) rec.ToAddress = to;
  if (cc) rec.CcAddress = cc;
  if (what) rec.RelatedToId = what.id;
  return rec;
}

/** TaskRelation rows for the contacts after the first (Salesforce adds WhoId and WhatId itself). */
export function taskRelations(item: NewActivity, taskId: string): Record<string, unknown>[] {
  return activityLinks(item).others.map((r) => ({ TaskId: taskId, RelationId: r.id }));
}

/**
 * EmailMessageRelation rows: each person under the field their address was in (To when unknown), and the
 * owner as sender of an outbound email or recipient of an inbound one.
 */
export function emailMessageRelations(
  item: SalesforceNewActivity,
  emailMessageId: string,
  emailsOf: (id: string) => string[] | undefined,
): Record<string, unknown>[] {
  const people = item.who.filter((r) => r.kind === 'contact' || r.kind === 'lead');
  const chosen = people.filter((r, i) => people.findIndex((x) => x.id === r.id) === i);
  const rows: Record<string, unknown>[] = chosen.map((r) => ({
    EmailMessageId: emailMessageId,
    RelationId: r.id,
    RelationType: relationType(item.email, emailsOf(r.id)),
  }));
  if (item.ownerId) {
    rows.push({
      EmailMessageId: emailMessageId,
      RelationId: item.ownerId,
      RelationType: item.email?.incoming ? 'ToAddress' : 'FromAddress',
    });
  }
  return rows;
}

function relationType(email: ActivityEmail | undefined, addresses: string[] | undefined): string {
  const has = (list: string[] | undefined) =>
    !!list && !!addresses && list.some((a) => addresses.includes(a.trim().toLowerCase()));
  if (email?.from && has([email.from])) return 'FromAddress';
  if (has(email?.cc)) return 'CcAddress';
  return 'ToAddress';
}

/** The day the email was sent, in UTC (Task.ActivityDate is a date). */
export function activityDate(iso: string): string {
  const ms = Date.parse(iso);
  return new Date(Number.isNaN(ms) ? 0 : ms).toISOString().slice(0, 10);
}
