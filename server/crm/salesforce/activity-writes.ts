// Saving emails as activities exactly once per Message-ID, and finding them again by Message-ID.
// Task mode relies on the unique external-id field (a second write answers DUPLICATE_VALUE, resolved to the
// existing task: no read before writing is needed); on an org without it Tasks are saved without it and the
// caller's ledger keeps each email to one save (task-key-field.ts). EmailMessage.MessageIdentifier is not unique,
// so EmailMessage mode looks the Message-IDs up first.
import type { CrmActivityRecord, SaveActivityResult } from '../crm-adapter';
import { normalizeMessageId, type RecordRef } from '../../../src';
import {
  emailMessageRecord,
  emailMessageRelations,
  taskRecord,
  taskRelations,
  type SalesforceNewActivity,
} from './activity-records';
import { saveActivityFiles, type FilesJob } from './activity-files';
import { createReliably, type CreateOutcome } from './reliable-create';
import { messageKey, refOf } from './record-refs';
import type { SalesforceClient } from './salesforce-client';
import type { ResolvedOptions } from './salesforce-options';
import type { TaskKeyField } from './task-key-field';
import { soqlList } from './soql-literals';
import { isoDate, text, unique, type SfRow } from './sf-values';

export interface ActivityWriteContext {
  client: SalesforceClient;
  options: ResolvedOptions;
  /** Task's Message-ID field, and whether the org has it. */
  taskKey: TaskKeyField;
  /** A person's known addresses (from recent lookups), for EmailMessageRelation types. */
  emailsOf: (id: string) => string[] | undefined;
}

const lower = (s: string) => s.toLowerCase();

/** Existing activities by Message-ID key (compared case-insensitively, as the unique field is). */
export async function existingByKeys(
  ctx: ActivityWriteContext,
  keys: string[],
  includeDeleted: boolean,
): Promise<Map<string, string>> {
  const wanted = unique(keys.filter(Boolean));
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const task = ctx.options.activityMode === 'task';
  const query = (field: string) =>
    ctx.client.queryChunked<SfRow, string>(
      wanted,
      (chunk) =>
        `SELECT Id, ${field} FROM ${task ? 'Task' : 'EmailMessage'} WHERE ${field} IN ${soqlList(chunk)} ORDER BY CreatedDate, Id`,
      includeDeleted,
    );
  // Without Task's Message-ID field nothing can be found by Message-ID: the ledger is what knows.
  const rows = task ? await ctx.taskKey.orWithout(query, []) : await query('MessageIdentifier');
  const field = task ? ctx.options.taskMessageIdField : 'MessageIdentifier';
  for (const row of rows) {
    const key = text(row, field);
    if (key && !found.has(lower(key))) found.set(lower(key), String(row.Id));
  }
  return found;
}

export async function saveActivities(
  ctx: ActivityWriteContext,
  items: SalesforceNewActivity[],
): Promise<SaveActivityResult[]> {
  const task = ctx.options.activityMode === 'task';
  // Answers carry the normalised Message-ID (no `<>`), as the embedded CRM's do.
  const ids = items.map((it) => normalizeMessageId(it.messageId));
  const keys = items.map((it) => messageKey(it.messageId));
  const results: (SaveActivityResult | undefined)[] = items.map((_, i) =>
    keys[i]
      ? undefined
      : { messageId: ids[i] as string, ok: false, error: 'INVALID_MESSAGE_ID: the email has no Message-ID' },
  );
  // One write per Message-ID: repeats inside the batch get the first one's answer.
  const firstIndex = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k && !firstIndex.has(lower(k))) firstIndex.set(lower(k), i);
  });
  let toWrite = [...firstIndex.values()];
  if (!task) {
    const existing = await existingByKeys(
      ctx,
      toWrite.map((i) => keys[i] as string),
      false,
    );
    for (const i of toWrite) {
      const id = existing.get(lower(keys[i] as string));
      if (id) results[i] = { messageId: ids[i] as string, ok: true, id, created: false };
    }
    toWrite = toWrite.filter((i) => !results[i]);
  }
  const keyField = ctx.taskKey.field;
  const records = toWrite.map((i) =>
    task
      ? taskRecord(items[i]!, keys[i] as string, ctx.options, keyField)
      : emailMessageRecord(items[i]!, keys[i] as string),
  );
  const lookup = async (indexes: number[]) => {
    const found = await existingByKeys(
      ctx,
      indexes.map((j) => keys[toWrite[j] as number] as string),
      true,
    );
    const out = new Map<number, string>();
    for (const j of indexes) {
      const id = found.get(lower(keys[toWrite[j] as number] as string));
      if (id) out.set(j, id);
    }
    return out;
  };
  const outcomes = await createReliably(ctx.client, task ? 'Task' : 'EmailMessage', records, {
    lookup,
    onDuplicate: task && keyField ? 'lookup' : 'fail',
  });
  if (task && keyField) await withoutMissingKey(ctx, items, keys, toWrite, outcomes);
  const relationErrors = await writeRelations(ctx, items, toWrite, outcomes);
  outcomes.forEach((o, j) => {
    const i = toWrite[j] as number;
    const messageId = ids[i] as string;
    if (o.status === 'failed') results[i] = { messageId, ok: false, error: `${o.code}: ${o.message}` };
    else if (relationErrors.has(i))
      results[i] = {
        messageId,
        ok: false,
        error: `saved as ${o.id} but not linked to every record: ${relationErrors.get(i)}`,
      };
    else results[i] = { messageId, ok: true, id: o.id, created: o.status === 'created' };
  });
  await writeFiles(ctx, items, [...firstIndex.values()], results);
  return items.map((_, i) => {
    const r = results[i] ?? results[firstIndex.get(lower(keys[i] as string)) as number];
    const messageId = ids[i] as string;
    if (!r) return { messageId, ok: false, error: 'NOT_SAVED' };
    if (results[i]) return r;
    return r.ok ? { messageId, ok: true, id: r.id, created: false } : { ...r, messageId };
  });
}

/**
 * Task mode on an org that turned out to lack the Message-ID field (INVALID_FIELD, confirmed by Task's describe): the
 * refused tasks are sent again without it, once each; from then on the ledger alone keeps each email to one save.
 */
async function withoutMissingKey(
  ctx: ActivityWriteContext,
  items: SalesforceNewActivity[],
  keys: (string | undefined)[],
  written: number[],
  outcomes: CreateOutcome[],
): Promise<void> {
  const refused = outcomes.flatMap((o, j) =>
    o.status === 'failed' && o.code === 'INVALID_FIELD' ? [j] : [],
  );
  if (refused.length === 0 || !(await ctx.taskKey.refused())) return;
  const again = await createReliably(
    ctx.client,
    'Task',
    refused.map((j) => taskRecord(items[written[j]!]!, keys[written[j]!] as string, ctx.options, undefined)),
    { onDuplicate: 'fail' },
  );
  refused.forEach((j, k) => {
    outcomes[j] = again[k]!;
  });
}

/** The files of the activities saved (or found) at these input indexes; refused files go into their result. */
async function writeFiles(
  ctx: ActivityWriteContext,
  items: SalesforceNewActivity[],
  indexes: number[],
  results: (SaveActivityResult | undefined)[],
): Promise<void> {
  const jobs: FilesJob[] = [];
  const owners: number[] = [];
  for (const i of indexes) {
    const r = results[i];
    const item = items[i]!;
    if (!r?.ok || !item.files?.length) continue;
    jobs.push({
      activityId: r.id,
      files: item.files,
      existed: !r.created,
      ...(item.ownerId ? { ownerId: item.ownerId } : {}),
    });
    owners.push(i);
  }
  if (jobs.length === 0) return;
  const errors = await saveActivityFiles(ctx.client, jobs);
  for (const [j, fileErrors] of errors) {
    const i = owners[j]!;
    const r = results[i];
    if (r?.ok) results[i] = { ...r, fileErrors };
  }
}

/** Relations of the activities created just now (existing ones keep theirs); errors by input index. */
async function writeRelations(
  ctx: ActivityWriteContext,
  items: SalesforceNewActivity[],
  written: number[],
  outcomes: CreateOutcome[],
): Promise<Map<number, string>> {
  const task = ctx.options.activityMode === 'task';
  const rows: Record<string, unknown>[] = [];
  const owner: number[] = [];
  outcomes.forEach((o, j) => {
    if (o.status !== 'created') return;
    const i = written[j] as number;
    const item = items[i]!;
    const rels = task ? taskRelations(item, o.id) : emailMessageRelations(item, o.id, ctx.emailsOf);
    for (const r of rels) {
      rows.push(r);
      owner.push(i);
    }
  });
  const errors = new Map<number, string>();
  if (rows.length === 0) return errors;
  // A relation sent twice answers DUPLICATE_VALUE: it is there, which is all that matters.
  const res = await createReliably(ctx.client, task ? 'TaskRelation' : 'EmailMessageRelation', rows, {
    onDuplicate: 'accept',
  });
  res.forEach((r, k) => {
    if (r.status === 'failed') errors.set(owner[k] as number, `${r.code}: ${r.message}`);
  });
  return errors;
}

/** Activities saved from these emails (not deleted), with their links. */
export async function findActivitiesByMessageIds(
  ctx: ActivityWriteContext,
  messageIds: string[],
): Promise<CrmActivityRecord[]> {
  const keys = unique(messageIds.map(messageKey).filter(Boolean));
  if (keys.length === 0) return [];
  return ctx.options.activityMode === 'task' ? findTasks(ctx, keys) : findEmailMessages(ctx, keys);
}

const originOf = (row: SfRow, field: string | undefined): CrmActivityRecord['origin'] => {
  const v = field ? text(row, field) : undefined;
  return v === 'manual' || v === 'automatic' ? v : 'automatic';
};

async function findTasks(ctx: ActivityWriteContext, keys: string[]): Promise<CrmActivityRecord[]> {
  const o = ctx.options;
  const fields = unique([
    'Id',
    'Subject',
    'ActivityDate',
    'CreatedDate',
    'OwnerId',
    'WhoId',
    'WhatId',
    o.taskMessageIdField,
    ...(o.taskOriginField ? [o.taskOriginField] : []),
  ]);
  const rows = await ctx.taskKey.orWithout(
    (field) =>
      ctx.client.queryChunked<SfRow, string>(
        keys,
        (chunk) => `SELECT ${fields.join(', ')} FROM Task WHERE ${field} IN ${soqlList(chunk)}`,
      ),
    [],
  );
  const ids = rows.map((r) => String(r.Id));
  const relations = await ctx.client.queryChunked<SfRow, string>(
    ids,
    (chunk) => `SELECT TaskId, RelationId, IsWhat FROM TaskRelation WHERE TaskId IN ${soqlList(chunk)}`,
  );
  return rows.map((row) => {
    const id = String(row.Id);
    const who: RecordRef[] = [];
    const add = (ref: RecordRef | undefined) => {
      if (ref && (ref.kind === 'contact' || ref.kind === 'lead') && !who.some((w) => w.id === ref.id))
        who.push(ref);
    };
    add(refOf(text(row, 'WhoId')));
    for (const r of relations) if (r.TaskId === id && r.IsWhat !== true) add(refOf(text(r, 'RelationId')));
    const rec: CrmActivityRecord = {
      id,
      type: 'email',
      subject: text(row, 'Subject') ?? '',
      date: isoDate(row.ActivityDate) || isoDate(row.CreatedDate),
      who,
      messageId: (text(row, o.taskMessageIdField) ?? '').replace(/^<|>$/g, ''),
      origin: originOf(row, o.taskOriginField),
      hidden: false,
    };
    const owner = text(row, 'OwnerId');
    if (owner) rec.ownerId = owner;
    const what = refOf(text(row, 'WhatId'));
    if (what) rec.what = what;
    return rec;
  });
}

async function findEmailMessages(ctx: ActivityWriteContext, keys: string[]): Promise<CrmActivityRecord[]> {
  const rows = await ctx.client.queryChunked<SfRow, string>(
    keys,
    (chunk) =>
      `SELECT Id, Subject, MessageDate, CreatedDate, MessageIdentifier, RelatedToId FROM EmailMessage WHERE MessageIdentifier IN ${soqlList(chunk)}`,
  );
  const ids = rows.map((r) => String(r.Id));
  const relations = await ctx.client.queryChunked<SfRow, string>(
    ids,
    (chunk) =>
      `SELECT EmailMessageId, RelationId, RelationType FROM EmailMessageRelation WHERE EmailMessageId IN ${soqlList(chunk)}`,
  );
  return rows.map((row) => {
    const id = String(row.Id);
    const who: RecordRef[] = [];
    let ownerId: string | undefined;
    for (const r of relations) {
      if (r.EmailMessageId !== id) continue;
      const relId = text(r, 'RelationId');
      const ref = refOf(relId);
      if (ref && (ref.kind === 'contact' || ref.kind === 'lead') && !who.some((w) => w.id === ref.id))
        who.push(ref);
      else if (relId?.startsWith('005') && !ownerId) ownerId = relId;
    }
    const rec: CrmActivityRecord = {
      id,
      type: 'email',
      subject: text(row, 'Subject') ?? '',
      date: isoDate(row.MessageDate) || isoDate(row.CreatedDate),
      who,
      messageId: (text(row, 'MessageIdentifier') ?? '').replace(/^<|>$/g, ''),
      origin: 'automatic',
      hidden: false,
    };
    if (ownerId) rec.ownerId = ownerId;
    const what = refOf(text(row, 'RelatedToId'));
    if (what) rec.what = what;
    return rec;
  });
}
