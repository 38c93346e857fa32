// Activities in the embedded CRM: saving many at once (one per Message-ID, so saving again is a
// no-op), finding them by Message-ID, recent ones per record, and hiding what autosharing imported.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  normalizeMessageId,
  parseIsoDateTime,
  recordKey,
  type RecentActivity,
  type RecordRef,
} from '../../../src';
import type { Database } from '../../db/database-types';
import { jsonRecordset } from '../../db/json-recordset';
import type {
  ActivityLinks,
  AddLinksResult,
  CrmActivityRecord,
  NewActivity,
  SaveActivityResult,
} from '../crm-adapter';
import { textArray, toIso, unique } from './sql-helpers';

const WHO_KINDS = new Set(['contact', 'lead']);
const WHAT_KINDS = new Set(['opportunity', 'account']);
const TABLE_OF_KIND = {
  contact: 'crm_contacts',
  lead: 'crm_leads',
  account: 'crm_accounts',
  opportunity: 'crm_opportunities',
} as const;

const ACTIVITY_COLUMNS =
  'id text, subject text, body text, activity_date timestamptz, owner_id text, source_message_id text, origin text';
const LINK_COLUMNS = 'activity_id text, role text, kind text, record_id text, position int';

interface Checked {
  index: number;
  messageId: string;
  item: NewActivity;
}

export async function saveActivities(
  db: Kysely<Database>,
  items: NewActivity[],
): Promise<SaveActivityResult[]> {
  const results: SaveActivityResult[] = new Array(items.length);
  const valid: Checked[] = [];
  items.forEach((item, index) => {
    const messageId = normalizeMessageId(item?.messageId);
    const error = validate(item, messageId);
    if (error) results[index] = { messageId, ok: false, error };
    else valid.push({ index, messageId, item });
  });
  if (valid.length === 0) return results;

  await db.transaction().execute(async (trx) => {
    const missing = await missingRecords(
      trx,
      valid.flatMap((v) => [...v.item.who, ...(v.item.what ? [v.item.what] : [])]),
    );
    const toInsert: (Checked & { id: string })[] = [];
    const firstOfMessage = new Map<string, Checked & { id: string }>();
    for (const v of valid) {
      const unknown = [...v.item.who, ...(v.item.what ? [v.item.what] : [])].find((r) =>
        missing.has(recordKey(r)),
      );
      if (unknown) {
        results[v.index] = {
          messageId: v.messageId,
          ok: false,
          error: `Unknown ${unknown.kind} ${unknown.id}`,
        };
      } else if (!firstOfMessage.has(v.messageId)) {
        const row = { ...v, id: `act-${randomUUID()}` };
        firstOfMessage.set(v.messageId, row);
        toInsert.push(row);
      }
    }
    if (toInsert.length === 0) return;

    const { rows: inserted } = await sql<{ id: string }>`
      insert into crm_activities (id, subject, body, activity_date, owner_id, source_message_id, origin)
      select id, subject, body, activity_date, owner_id, source_message_id, origin
        from ${jsonRecordset(
          toInsert.map(({ id, messageId, item }) => ({
            id,
            subject: item.subject,
            body: item.body,
            activity_date: item.date,
            owner_id: item.ownerId ?? null,
            source_message_id: messageId,
            origin: item.mode,
          })),
          't',
          ACTIVITY_COLUMNS,
        )}
      on conflict (source_message_id) do nothing
      returning id`.execute(trx);
    const created = new Set(inserted.map((r) => r.id));
    const links = toInsert
      .filter((row) => created.has(row.id))
      .flatMap(({ id, item }) => [
        ...dedupe(item.who).map((ref, position) => ({
          activity_id: id,
          role: 'who' as const,
          ...link(ref),
          position,
        })),
        ...(item.what ? [{ activity_id: id, role: 'what' as const, ...link(item.what), position: 0 }] : []),
      ]);
    if (links.length > 0) {
      await sql`
        insert into crm_activity_links (activity_id, role, kind, record_id, position)
        select activity_id, role, kind, record_id, position from ${jsonRecordset(links, 't', LINK_COLUMNS)}
      `.execute(trx);
    }
    // Message-IDs saved before (or by a concurrent writer): answer with the activity that exists.
    const existingIds = toInsert.filter((row) => !created.has(row.id)).map((row) => row.messageId);
    const existing = new Map<string, string>();
    if (existingIds.length > 0) {
      const rows = await trx
        .selectFrom('crm_activities')
        .select(['id', 'source_message_id'])
        .where('source_message_id', '=', sql<string>`any(${textArray(existingIds)})`)
        .execute();
      for (const row of rows) existing.set(row.source_message_id!, row.id);
    }
    const files: FileRow[] = [];
    for (const v of valid) {
      if (results[v.index]) continue;
      const mine = firstOfMessage.get(v.messageId)!;
      if (mine.index === v.index && created.has(mine.id)) {
        results[v.index] = { messageId: v.messageId, ok: true, id: mine.id, created: true };
      } else {
        const id = created.has(mine.id) ? mine.id : existing.get(v.messageId);
        results[v.index] = id
          ? { messageId: v.messageId, ok: true, id, created: false }
          : { messageId: v.messageId, ok: false, error: 'The activity could not be saved' };
      }
      const r = results[v.index];
      if (r?.ok && mine.index === v.index) files.push(...fileRows(r.id, v.item.files));
    }
    await insertFiles(trx, files);
  });
  return results;
}

interface FileRow {
  activity_id: string;
  position: number;
  name: string;
  content_type: string;
  size: number;
  content: string;
}

const FILE_COLUMNS = 'activity_id text, position int, name text, content_type text, size int, content text';
/** base64 characters per statement: a batch of large files goes in several statements, not one huge one. */
const FILE_CHUNK_CHARS = 32 * 1024 * 1024;

function fileRows(activityId: string, files: NewActivity['files']): FileRow[] {
  return (files ?? []).map((f, position) => ({
    activity_id: activityId,
    position,
    name: f.name,
    content_type: f.contentType,
    size: f.size,
    content: f.content,
  }));
}

/** The files of activities saved now or before; a file already there (a retried save) is left as it is. */
async function insertFiles(db: Kysely<Database>, rows: FileRow[]): Promise<void> {
  let chunk: FileRow[] = [];
  let chars = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await sql`
      insert into crm_activity_files (activity_id, position, name, content_type, size, content)
      select activity_id, position, name, content_type, size, decode(content, 'base64')
        from ${jsonRecordset(chunk, 't', FILE_COLUMNS)}
      on conflict (activity_id, position) do nothing
    `.execute(db);
    chunk = [];
    chars = 0;
  };
  for (const row of rows) {
    if (chars + row.content.length > FILE_CHUNK_CHARS) await flush();
    chunk.push(row);
    chars += row.content.length;
  }
  await flush();
}

/** The files saved with these activities, in order (names, types and sizes; `content` only when asked). */
export async function activityFiles(
  db: Kysely<Database>,
  activityIds: string[],
  withContent = false,
): Promise<{ activityId: string; name: string; contentType: string; size: number; content?: Buffer }[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom('crm_activity_files')
    .select(['activity_id', 'name', 'content_type', 'size'])
    .$if(withContent, (q) => q.select('content'))
    .where('activity_id', '=', sql<string>`any(${textArray(unique(activityIds))})`)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    activityId: r.activity_id,
    name: r.name,
    contentType: r.content_type,
    size: r.size,
    ...('content' in r && r.content ? { content: Buffer.from(r.content as Uint8Array) } : {}),
  }));
}

/** Rulebook section 4: more contacts and leads on a saved activity, and a related record when it has none. */
export async function addActivityLinks(
  db: Kysely<Database>,
  activityId: string,
  links: ActivityLinks,
): Promise<AddLinksResult> {
  const badWho = links.who.find((r) => !WHO_KINDS.has(r.kind));
  if (badWho) return { ok: false, error: `who can only hold contacts and leads (got ${badWho.kind})` };
  if (links.what && !WHAT_KINDS.has(links.what.kind))
    return { ok: false, error: `what must be an opportunity or an account (got ${links.what.kind})` };
  return db.transaction().execute(async (trx) => {
    // Locks the activity: two reps adding links at once take turns.
    const activity = await trx
      .selectFrom('crm_activities')
      .select('id')
      .where('id', '=', activityId)
      .forUpdate()
      .executeTakeFirst();
    if (!activity) return { ok: false, error: `Unknown activity ${activityId}` };
    const wanted = [...links.who, ...(links.what ? [links.what] : [])];
    const unknown = [...(await missingRecords(trx, wanted))][0];
    if (unknown) return { ok: false, error: `Unknown ${unknown.replace(':', ' ')}` };
    const existing = await trx
      .selectFrom('crm_activity_links')
      .select(['role', 'kind', 'record_id', 'position'])
      .where('activity_id', '=', activityId)
      .execute();
    const currentWhat = existing.find((l) => l.role === 'what');
    if (links.what && currentWhat && currentWhat.record_id !== links.what.id) {
      return {
        ok: false,
        error: `The activity is related to ${currentWhat.kind} ${currentWhat.record_id} already; it has one related record.`,
      };
    }
    const has = new Set(existing.map((l) => `${l.kind}:${l.record_id}`));
    let position = Math.max(-1, ...existing.filter((l) => l.role === 'who').map((l) => l.position)) + 1;
    const rows = dedupe(links.who)
      .filter((r) => !has.has(recordKey(r)))
      .map((r) => ({
        activity_id: activityId,
        role: 'who' as 'who' | 'what',
        ...link(r),
        position: position++,
      }));
    if (links.what && !currentWhat)
      rows.push({ activity_id: activityId, role: 'what' as const, ...link(links.what), position: 0 });
    if (rows.length > 0) await trx.insertInto('crm_activity_links').values(rows).execute();
    return { ok: true };
  });
}

function validate(item: NewActivity, messageId: string): string | undefined {
  if (!item || typeof item !== 'object') return 'Not an activity';
  if (messageId === '') return 'An activity needs the email Message-ID';
  if (typeof item.subject !== 'string' || typeof item.body !== 'string')
    return 'Subject and body must be text';
  if (parseIsoDateTime(item.date) === null) return `Invalid date "${String(item.date)}"`;
  if (item.mode !== 'manual' && item.mode !== 'automatic') return 'Mode must be manual or automatic';
  if (!Array.isArray(item.who)) return 'who must be a list of contacts and leads';
  const badWho = item.who.find((r) => !r || !WHO_KINDS.has(r.kind) || typeof r.id !== 'string');
  if (badWho) return `who can only hold contacts and leads (got ${String(badWho?.kind)})`;
  if (item.what && (!WHAT_KINDS.has(item.what.kind) || typeof item.what.id !== 'string')) {
    return `what must be an opportunity or an account (got ${String(item.what.kind)})`;
  }
  return undefined;
}

function link(ref: RecordRef) {
  return { kind: ref.kind, record_id: ref.id };
}

export function dedupe(refs: RecordRef[]): RecordRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(recordKey(r)) && seen.add(recordKey(r)));
}

/** Keys (`kind:id`) of the referenced records that do not exist, in one query. */
export async function missingRecords(db: Kysely<Database>, refs: RecordRef[]): Promise<Set<string>> {
  const wanted = new Set(refs.map(recordKey));
  if (wanted.size === 0) return wanted;
  const idsOf = (kind: RecordRef['kind']) => unique(refs.filter((r) => r.kind === kind).map((r) => r.id));
  const parts = (Object.keys(TABLE_OF_KIND) as RecordRef['kind'][]).map(
    (kind) =>
      sql`select ${kind} as kind, id from ${sql.table(TABLE_OF_KIND[kind])} where id = any(${textArray(idsOf(kind))})`,
  );
  const { rows } = await sql<{
    kind: RecordRef['kind'];
    id: string;
  }>`${sql.join(parts, sql` union all `)}`.execute(db);
  for (const row of rows) wanted.delete(recordKey(row));
  return wanted;
}

interface ActivityRow {
  id: string;
  type: CrmActivityRecord['type'];
  subject: string;
  activity_date: Date | string;
  owner_id: string | null;
  source_message_id: string | null;
  origin: CrmActivityRecord['origin'];
  hidden: boolean;
  links: { role: 'who' | 'what'; kind: RecordRef['kind']; id: string; position: number }[] | null;
}

/** Activities saved from these emails (hidden ones included), with their links. */
export async function findActivitiesByMessageIds(
  db: Kysely<Database>,
  messageIds: string[],
): Promise<CrmActivityRecord[]> {
  const wanted = unique(messageIds.map(normalizeMessageId).filter((id) => id !== ''));
  if (wanted.length === 0) return [];
  const { rows } = await sql<ActivityRow>`
    select a.id, a.type, a.subject, a.activity_date, a.owner_id, a.source_message_id, a.origin, a.hidden,
           (select json_agg(json_build_object('role', l.role, 'kind', l.kind, 'id', l.record_id, 'position', l.position)
                            order by l.role desc, l.position)
              from crm_activity_links l where l.activity_id = a.id) as links
      from crm_activities a
     where a.source_message_id = any(${textArray(wanted)})
     order by a.activity_date desc, a.id
  `.execute(db);
  return rows.map((row) => {
    const links = row.links ?? [];
    const what = links.find((l) => l.role === 'what');
    const activity: CrmActivityRecord = {
      id: row.id,
      type: row.type,
      subject: row.subject,
      date: toIso(row.activity_date),
      who: links.filter((l) => l.role === 'who').map((l) => ({ kind: l.kind, id: l.id })),
      origin: row.origin,
      hidden: row.hidden,
    };
    if (what) activity.what = { kind: what.kind, id: what.id };
    if (row.owner_id) activity.ownerId = row.owner_id;
    if (row.source_message_id) activity.messageId = row.source_message_id;
    return activity;
  });
}

export interface RecentActivityRow {
  kind: RecordRef['kind'];
  record_id: string;
  id: string;
  type: RecentActivity['type'];
  subject: string;
  activity_date: Date | string;
  owner_name: string | null;
  /** Names of the files saved with it, in order. */
  files: string[] | null;
}

/** Up to `limit` newest visible activities of each record the subquery names (rows of `kind, id`); without
 * what autosharing imported when `hideImported` (the display setting is off; manual saves stay). The CRM events
 * linked to a record show among them as meetings, dated by their start. */
export function recentActivitiesSql(
  records: RawBuilder<unknown>,
  limit: number,
  hideImported: boolean | RawBuilder<boolean> = false,
): RawBuilder<RecentActivityRow> {
  // A condition in SQL (the organisation's display setting, read in the same statement) or a known answer.
  const hidden = (alias: string) => {
    const origin = sql.ref(`${alias}.origin`);
    return typeof hideImported === 'boolean'
      ? hideImported
        ? sql`and ${origin} <> 'automatic'`
        : sql``
      : sql`and (not ${hideImported} or ${origin} <> 'automatic')`;
  };
  return sql<RecentActivityRow>`
    select kind, record_id, id, type, subject, activity_date, owner_name,
           (select json_agg(f.name order by f.position) from crm_activity_files f where f.activity_id = ranked.id) as files
      from (
      select x.kind, x.record_id, x.id, x.type, x.subject, x.activity_date, u.name as owner_name,
             row_number() over (partition by x.kind, x.record_id order by x.activity_date desc, x.id desc) as rank
        from (
          select l.kind, l.record_id, a.id, a.type, a.subject, a.activity_date, a.owner_id
            from crm_activity_links l
            join crm_activities a on a.id = l.activity_id
           where not a.hidden ${hidden('a')}
             and (l.kind, l.record_id) in (${records})
          union all
          select el.kind, el.record_id, e.id, 'meeting', e.subject, e.start_at, e.owner_id
            from crm_event_links el
            join crm_events e on e.id = el.event_id
           where not e.hidden ${hidden('e')}
             and (el.kind, el.record_id) in (${records})
        ) x
        left join crm_users u on u.id = x.owner_id
    ) ranked
    where rank <= ${Math.floor(limit)}`;
}

/** Rows in `kind, record_id, activity_date desc, id desc` order, keyed by `recordKey`. */
export function groupRecentActivities(rows: RecentActivityRow[]): Record<string, RecentActivity[]> {
  const result: Record<string, RecentActivity[]> = {};
  for (const row of rows) {
    const key = recordKey({ kind: row.kind, id: row.record_id });
    const activity: RecentActivity = {
      id: row.id,
      type: row.type,
      subject: row.subject,
      date: toIso(row.activity_date),
    };
    if (row.owner_name) activity.ownerName = row.owner_name;
    if (row.files && row.files.length > 0) activity.files = row.files;
    (result[key] ??= []).push(activity);
  }
  return result;
}

export const RECENT_ACTIVITY_ORDER = sql`kind, record_id, activity_date desc, id desc`;

/** Up to `limit` newest visible activities per record, keyed by `recordKey`, in one query. */
export async function recentActivities(
  db: Kysely<Database>,
  refs: RecordRef[],
  limit: number,
  hideImported = false,
): Promise<Record<string, RecentActivity[]>> {
  const wanted = dedupe(refs.filter((r) => r && typeof r.id === 'string'));
  if (wanted.length === 0 || limit <= 0) return {};
  const records = sql`select * from unnest(${textArray(wanted.map((r) => r.kind))}, ${textArray(wanted.map((r) => r.id))})`;
  const { rows } = await sql<RecentActivityRow>`
    select * from (${recentActivitiesSql(records, limit, hideImported)}) recent order by ${RECENT_ACTIVITY_ORDER}
  `.execute(db);
  return groupRecentActivities(rows);
}

/** Admin stop (true) and start (false): hides or shows again what autosharing imported (activities and events). */
export async function setImportedActivitiesHidden(db: Kysely<Database>, hidden: boolean): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const activities = await trx
      .updateTable('crm_activities')
      .set({ hidden })
      .where('origin', '=', 'automatic')
      .where('hidden', '=', !hidden)
      .executeTakeFirst();
    // The events autosharing saved are imported too.
    const events = await trx
      .updateTable('crm_events')
      .set({ hidden })
      .where('origin', '=', 'automatic')
      .where('hidden', '=', !hidden)
      .executeTakeFirst();
    return Number(activities.numUpdatedRows) + Number(events.numUpdatedRows);
  });
}
