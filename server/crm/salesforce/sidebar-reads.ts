// What the sidebar shows around known records: display details, recent activities and search (SOSL).
import { recordKey, type RecentActivity, type RecordDetails, type RecordRef } from '../../../src';
import type { SearchHit } from '../crm-adapter';
import { validIds } from './account-reads';
import { hasLoneSurrogate } from './query-chunks';
import { OBJECT_BY_KIND, refOf } from './record-refs';
import { currencyFields, currencyForAmounts, currencyOf, type OrgCurrency } from './org-currency';
import type { SalesforceClient } from './salesforce-client';
import type { ResolvedOptions } from './salesforce-options';
import { soqlList, soslTerm } from './soql-literals';
import { isoDate, parent, text, type SfRow } from './sf-values';

export interface SidebarContext {
  client: SalesforceClient;
  options: ResolvedOptions;
  /** `https://acme.my.salesforce.com`, for record links. */
  recordUrlBase: () => string;
  /** The currency of opportunity amounts (learned once per connection). */
  currency: OrgCurrency;
}

const DETAIL_FIELDS: Record<RecordRef['kind'], (o: ResolvedOptions) => string[]> = {
  contact: (o) => ['Id', 'Name', ...(o.visible('Contact.Title') ? ['Title'] : []), 'Account.Name'],
  lead: (o) => ['Id', 'Name', ...(o.visible('Lead.Title') ? ['Title'] : []), 'Company'],
  account: () => ['Id', 'Name'],
  opportunity: (o) => [
    'Id',
    'Name',
    'StageName',
    'CloseDate',
    ...(o.visible('Opportunity.Amount') ? ['Amount'] : []),
  ],
};

/** The record's Lightning page on the org's instance (or the configured record URL base). */
export function recordUrl(ctx: SidebarContext, ref: RecordRef): string {
  return `${ctx.recordUrlBase()}/lightning/r/${OBJECT_BY_KIND[ref.kind]}/${ref.id}/view`;
}

export async function getRecordDetails(
  ctx: SidebarContext,
  refs: RecordRef[],
): Promise<Record<string, RecordDetails>> {
  const out: Record<string, RecordDetails> = {};
  // Amounts are shown with their currency: asked only when there are amounts to read. An org whose currency cannot
  // be learned shows plain numbers (never a guessed currency).
  const amounts = await currencyForAmounts(
    ctx.currency,
    ctx.options.visible('Opportunity.Amount') && refs.some((r) => r.kind === 'opportunity'),
  );
  for (const kind of Object.keys(OBJECT_BY_KIND) as RecordRef['kind'][]) {
    const ids = validIds(refs.filter((r) => r.kind === kind).map((r) => r.id));
    if (ids.length === 0) continue;
    const object = OBJECT_BY_KIND[kind];
    const fields = [
      ...DETAIL_FIELDS[kind](ctx.options),
      ...(kind === 'opportunity' ? currencyFields(amounts) : []),
    ];
    const rows = await ctx.client.queryChunked<SfRow, string>(
      ids,
      (chunk) => `SELECT ${fields.join(', ')} FROM ${object} WHERE Id IN ${soqlList(chunk)}`,
    );
    for (const row of rows) {
      const id = String(row.Id);
      const d: RecordDetails = {
        name: text(row, 'Name') ?? '',
        url: recordUrl(ctx, { kind, id }),
      };
      const title = text(row, 'Title');
      if (title) d.title = title;
      const company = kind === 'lead' ? text(row, 'Company') : text(parent(row, 'Account'), 'Name');
      if (company) d.company = company;
      const stage = text(row, 'StageName');
      if (stage) d.stage = stage;
      const close = text(row, 'CloseDate');
      if (close) d.closeDate = close;
      const amount = row.Amount;
      if (typeof amount === 'number') {
        d.amount = amount;
        const currency = currencyOf(row, amounts);
        if (currency) d.currency = currency;
      }
      // Keyed by the caller's id (15 or 18 characters), as it asked.
      const asked = refs.find((r) => r.kind === kind && (r.id === id || id.startsWith(r.id)));
      out[recordKey({ kind, id: asked?.id ?? id })] = d;
    }
  }
  return out;
}

function taskType(subtype: string | undefined): RecentActivity['type'] {
  if (subtype === 'Email' || subtype === 'ListEmail') return 'email';
  if (subtype === 'Call') return 'call';
  return 'task';
}

interface Found {
  relationIds: string[];
  activity: RecentActivity;
}

/**
 * Up to `limit` newest activities per record: Tasks through TaskRelation, Events, and EmailMessages in that mode.
 * `hideImported` leaves out the Tasks whose origin field says autosharing saved them (without that field
 * Salesforce cannot tell them from manual saves).
 */
export async function recentActivities(
  ctx: SidebarContext,
  refs: RecordRef[],
  limit: number,
  hideImported = false,
): Promise<Record<string, RecentActivity[]>> {
  const ids = validIds(refs.map((r) => r.id));
  const out: Record<string, RecentActivity[]> = {};
  if (ids.length === 0 || limit <= 0) return out;
  // Enough rows for every record's newest few, without pulling an account's whole history.
  const cap = Math.min(2000, ids.length * limit * 4);
  const found: Found[] = [];
  const origin = hideImported ? ctx.options.taskOriginField : undefined;
  const tasks = await ctx.client.queryChunked<SfRow, string>(
    ids,
    (chunk) =>
      `SELECT TaskId, RelationId, Task.Subject, Task.ActivityDate, Task.CreatedDate, Task.TaskSubtype, Task.Owner.Name${origin ? `, Task.${origin}` : ''} FROM TaskRelation WHERE RelationId IN ${soqlList(chunk)} ORDER BY Task.CreatedDate DESC LIMIT ${cap}`,
  );
  const taskIds = new Set<string>();
  for (const row of tasks) {
    const t = parent(row, 'Task');
    const id = String(row.TaskId);
    taskIds.add(id);
    if (origin && text(t, origin) === 'automatic') continue;
    found.push({
      relationIds: [String(row.RelationId)],
      activity: withOwner(
        {
          id,
          type: taskType(text(t, 'TaskSubtype')),
          subject: text(t, 'Subject') ?? '',
          date: isoDate(t?.ActivityDate) || isoDate(t?.CreatedDate),
        },
        text(parent(t, 'Owner'), 'Name'),
      ),
    });
  }
  const events = await ctx.client.queryChunked<SfRow, string>(ids, (chunk) => {
    const list = soqlList(chunk);
    return `SELECT Id, Subject, ActivityDateTime, ActivityDate, CreatedDate, WhoId, WhatId, Owner.Name FROM Event WHERE WhoId IN ${list} OR WhatId IN ${list} ORDER BY CreatedDate DESC LIMIT ${cap}`;
  });
  for (const row of events) {
    found.push({
      relationIds: [text(row, 'WhoId'), text(row, 'WhatId')].filter((x): x is string => !!x),
      activity: withOwner(
        {
          id: String(row.Id),
          type: 'meeting',
          subject: text(row, 'Subject') ?? '',
          date: isoDate(row.ActivityDateTime) || isoDate(row.ActivityDate) || isoDate(row.CreatedDate),
        },
        text(parent(row, 'Owner'), 'Name'),
      ),
    });
  }
  if (ctx.options.activityMode === 'emailMessage') await addEmailMessages(ctx, refs, cap, taskIds, found);
  for (const ref of refs) {
    const list = found
      .filter((f) => f.relationIds.some((r) => r === ref.id || r.startsWith(ref.id)))
      .map((f) => f.activity)
      .filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i)
      .sort((a, b) => b.date.localeCompare(a.date) || (a.id < b.id ? 1 : -1))
      .slice(0, limit);
    out[recordKey(ref)] = list;
  }
  return out;
}

function withOwner(a: RecentActivity, owner: string | undefined): RecentActivity {
  return owner ? { ...a, ownerName: owner } : a;
}

async function addEmailMessages(
  ctx: SidebarContext,
  refs: RecordRef[],
  cap: number,
  taskIds: Set<string>,
  found: Found[],
): Promise<void> {
  const people = validIds(refs.filter((r) => r.kind === 'contact' || r.kind === 'lead').map((r) => r.id));
  const whats = validIds(
    refs.filter((r) => r.kind === 'account' || r.kind === 'opportunity').map((r) => r.id),
  );
  const add = (row: SfRow | undefined, id: string, relationId: string) => {
    // Salesforce files a Task behind each EmailMessage; show the email once.
    const activityId = text(row, 'ActivityId');
    if (activityId && taskIds.has(activityId)) return;
    found.push({
      relationIds: [relationId],
      activity: {
        id,
        type: 'email',
        subject: text(row, 'Subject') ?? '',
        date: isoDate(row?.MessageDate) || isoDate(row?.CreatedDate),
      },
    });
  };
  const related = await ctx.client.queryChunked<SfRow, string>(
    people,
    (chunk) =>
      `SELECT EmailMessageId, RelationId, EmailMessage.Subject, EmailMessage.MessageDate, EmailMessage.CreatedDate, EmailMessage.ActivityId FROM EmailMessageRelation WHERE RelationId IN ${soqlList(chunk)} ORDER BY EmailMessage.CreatedDate DESC LIMIT ${cap}`,
  );
  for (const row of related)
    add(parent(row, 'EmailMessage'), String(row.EmailMessageId), String(row.RelationId));
  const onRecords = await ctx.client.queryChunked<SfRow, string>(
    whats,
    (chunk) =>
      `SELECT Id, Subject, MessageDate, CreatedDate, ActivityId, RelatedToId FROM EmailMessage WHERE RelatedToId IN ${soqlList(chunk)} ORDER BY CreatedDate DESC LIMIT ${cap}`,
  );
  for (const row of onRecords) add(row, String(row.Id), String(row.RelatedToId));
}

/**
 * Words for SOSL: reserved characters escaped, operator words quoted, the last word a prefix. Salesforce
 * refuses one-character terms, so those are left out.
 */
export function soslQuery(text: string): string | undefined {
  // Code points: a lone surrogate (which has no UTF-8 form) stands alone and is dropped.
  const clean = Array.from(text)
    .filter((c) => !hasLoneSurrogate(c))
    .join('');
  const words = clean
    .trim()
    .split(/\s+/)
    .filter((w) => [...w].length >= 2);
  if (words.length === 0) return undefined;
  return words
    .map((w, i) => {
      if (/^(and|or|not)$/i.test(w)) return `"${w}"`;
      const term = soslTerm(w);
      return i === words.length - 1 ? `${term}*` : term;
    })
    .join(' ');
}

/** Contacts, leads (not converted), accounts and open opportunities whose name or email matches. */
export async function search(ctx: SidebarContext, query: string, limit = 20): Promise<SearchHit[]> {
  const terms = soslQuery(query);
  const n = Math.max(1, Math.min(200, Math.floor(limit)));
  if (!terms) return [];
  const rows = await ctx.client.search<SfRow>(
    `FIND {${terms}} IN ALL FIELDS RETURNING Contact(Id, Name, Email, Account.Name LIMIT ${n}), Lead(Id, Name, Email, Company WHERE IsConverted = false LIMIT ${n}), Account(Id, Name, Website LIMIT ${n}), Opportunity(Id, Name, Account.Name WHERE IsClosed = false LIMIT ${n}) LIMIT ${n}`,
  );
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const ref = refOf(text(row, 'Id'));
    if (!ref) continue;
    const hit: SearchHit = { ref, name: text(row, 'Name') ?? '', url: recordUrl(ctx, ref) };
    const email = text(row, 'Email');
    if (email) hit.email = email.toLowerCase();
    const subtitle =
      ref.kind === 'lead'
        ? text(row, 'Company')
        : ref.kind === 'account'
          ? text(row, 'Website')
          : text(parent(row, 'Account'), 'Name');
    if (subtitle) hit.subtitle = subtitle;
    hits.push(hit);
  }
  return hits.slice(0, n);
}
