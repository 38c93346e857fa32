// Links added to an email saved earlier (rulebook section 4), as Salesforce allows them.
// Task mode: more contacts or leads are TaskRelation rows (Object Reference, "TaskRelation": create() with
// TaskId and RelationId; "a task can be related to one lead or up to 50 contacts"), and the related record is
// the Task's WhatId, set only when it has none (a Task has one WhatId; a Task on a lead has none).
// EmailMessage mode: people are EmailMessageRelation rows; a sent EmailMessage cannot be updated (Object
// Reference, "EmailMessage": update() only for drafts, else custom fields), so no related record is added.
import type { RecordRef } from '../../../src';
import type { ActivityLinks, AddLinksResult } from '../crm-adapter';
import type { ActivityWriteContext } from './activity-writes';
import { createReliably } from './reliable-create';
import { refOf } from './record-refs';
import { soqlList } from './soql-literals';
import { text, type SfRow } from './sf-values';

const MAX_CONTACTS = 50;

/** Ids compare on their 15 case-sensitive characters (the 18-character form adds a checksum). */
const same = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

export async function addActivityLinks(
  ctx: ActivityWriteContext,
  activityId: string,
  links: ActivityLinks,
): Promise<AddLinksResult> {
  return ctx.options.activityMode === 'task'
    ? addToTask(ctx, activityId, links)
    : addToEmailMessage(ctx, activityId, links);
}

async function addToTask(
  ctx: ActivityWriteContext,
  taskId: string,
  links: ActivityLinks,
): Promise<AddLinksResult> {
  const [task] = await ctx.client.query<SfRow>(
    `SELECT Id, WhoId, WhatId FROM Task WHERE Id IN ${soqlList([taskId])}`,
  );
  if (!task) return { ok: false, error: `The saved task ${taskId} is no longer in Salesforce.` };
  const relations = await ctx.client.query<SfRow>(
    `SELECT RelationId, IsWhat FROM TaskRelation WHERE TaskId IN ${soqlList([taskId])}`,
  );
  const people: RecordRef[] = [];
  const addPerson = (ref: RecordRef | undefined) => {
    if (ref && (ref.kind === 'contact' || ref.kind === 'lead') && !people.some((p) => same(p.id, ref.id)))
      people.push(ref);
  };
  addPerson(refOf(text(task, 'WhoId')));
  for (const r of relations) if (r.IsWhat !== true) addPerson(refOf(text(r, 'RelationId')));
  const added = links.who.filter((r) => !people.some((p) => same(p.id, r.id)));
  const all = [...people, ...added];
  const leads = all.filter((p) => p.kind === 'lead').length;
  if (added.length > 0 && leads > 0 && all.length > 1)
    return {
      ok: false,
      error: 'Salesforce relates a task to one lead alone or to contacts, not to both or to several leads.',
    };
  if (all.length > MAX_CONTACTS)
    return { ok: false, error: `Salesforce relates a task to at most ${MAX_CONTACTS} contacts.` };

  const whatId = text(task, 'WhatId');
  let setWhat: string | undefined;
  if (links.what && !(whatId && same(whatId, links.what.id))) {
    if (whatId)
      return { ok: false, error: `The task is related to ${whatId} already; a task has one related record.` };
    if (leads > 0)
      return {
        ok: false,
        error: 'Salesforce does not relate a task on a lead to an opportunity or account.',
      };
    setWhat = links.what.id;
  }
  if (added.length > 0) {
    const res = await createReliably(
      ctx.client,
      'TaskRelation',
      added.map((r) => ({ TaskId: task.Id, RelationId: r.id })),
      { onDuplicate: 'accept' }, // a relation there already is what was asked
    );
    const failed = res.find((r) => r.status === 'failed');
    if (failed && failed.status === 'failed')
      return { ok: false, error: `${failed.code}: ${failed.message}` };
  }
  if (setWhat) {
    await ctx.client.send(
      'PATCH',
      `/services/data/v${ctx.client.version}/sobjects/Task/${encodeURIComponent(String(task.Id))}`,
      { WhatId: setWhat },
      true, // the same field set twice is the same task
    );
  }
  return { ok: true };
}

async function addToEmailMessage(
  ctx: ActivityWriteContext,
  emailMessageId: string,
  links: ActivityLinks,
): Promise<AddLinksResult> {
  if (links.what)
    return {
      ok: false,
      error: 'Salesforce does not let a sent email be related to an opportunity or account afterwards.',
    };
  if (links.who.length === 0) return { ok: true };
  const res = await createReliably(
    ctx.client,
    'EmailMessageRelation',
    links.who.map((r) => ({ EmailMessageId: emailMessageId, RelationId: r.id, RelationType: 'ToAddress' })),
    { onDuplicate: 'accept' },
  );
  const failed = res.find((r) => r.status === 'failed');
  return failed && failed.status === 'failed'
    ? { ok: false, error: `${failed.code}: ${failed.message}` }
    : { ok: true };
}
