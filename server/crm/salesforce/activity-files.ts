// The files of an activity saved at `full`, as Salesforce Files: one ContentVersion per file (VersionData base64,
// Title and PathOnClient the file's name) with FirstPublishLocationId the Task or EmailMessage, so Salesforce makes
// the ContentDocument and its ContentDocumentLink to the activity in the same call (REST API "Insert or Update Blob
// Data"; Object Reference "ContentVersion"). Collections of up to 200 versions, and at most ~30 MB of base64 per
// request (a JSON request may carry 50 MB of text). A save repeated for an activity that existed already first
// reads the activity's files (ContentDocumentLink by LinkedEntityId) and sends only the missing ones, and after a
// timeout the same read decides what to send again: a retried save never makes a file twice.
import type { ActivityFile } from '../../../src';
import { createReliably } from './reliable-create';
import { clip } from './activity-records';
import type { SalesforceClient } from './salesforce-client';
import { soqlList } from './soql-literals';
import { text, unique, type SfRow } from './sf-values';

export interface FilesJob {
  /** The activity (Task or EmailMessage) id. */
  activityId: string;
  files: ActivityFile[];
  /** True when the activity existed before this save: its files may be there already. */
  existed: boolean;
  ownerId?: string;
}

const MAX_BASE64_PER_REQUEST = 30 * 1024 * 1024;
const COLLECTION_SIZE = 200;

const fileKey = (activityId: string, name: string, size: number) =>
  `${activityId.slice(0, 15)}\n${name}\n${size}`;

/** Keys (activity, title, size) of the files already linked to these activities, counted. */
async function linkedFiles(client: SalesforceClient, activityIds: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (activityIds.length === 0) return found;
  const rows = await client.queryChunked<SfRow, string>(
    unique(activityIds),
    (chunk) =>
      `SELECT LinkedEntityId, ContentDocument.Title, ContentDocument.ContentSize FROM ContentDocumentLink WHERE LinkedEntityId IN ${soqlList(chunk)}`,
  );
  for (const row of rows) {
    const doc = row.ContentDocument as SfRow | null | undefined;
    const key = fileKey(
      String(row.LinkedEntityId),
      text(doc ?? {}, 'Title') ?? '',
      Number(doc?.ContentSize ?? -1),
    );
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  return found;
}

/** ContentVersion's Title holds 255 characters (the org's describe); PathOnClient is kept to the same. */
const TITLE_MAX = 255;

/** A file name within TITLE_MAX, its extension kept (Salesforce reads the file type from it). */
export function fileTitle(name: string): string {
  if (name.length <= TITLE_MAX) return name;
  const ext = /\.[^./\\]{1,16}$/.exec(name)?.[0] ?? '';
  return clip(name.slice(0, name.length - ext.length), TITLE_MAX - ext.length) + ext;
}

/** Saves the jobs' files; answers the files refused, by job index. */
export async function saveActivityFiles(
  client: SalesforceClient,
  jobs: FilesJob[],
): Promise<Map<number, { name: string; error: string }[]>> {
  const errors = new Map<number, { name: string; error: string }[]>();
  const already = await linkedFiles(
    client,
    jobs.filter((j) => j.existed && j.files.length > 0).map((j) => j.activityId),
  );
  const pending: { job: number; file: ActivityFile; key: string }[] = [];
  jobs.forEach((job, index) => {
    for (const file of job.files) {
      const key = fileKey(job.activityId, fileTitle(file.name), file.size);
      const there = already.get(key) ?? 0;
      if (there > 0) already.set(key, there - 1);
      else pending.push({ job: index, file, key });
    }
  });
  for (const chunk of chunks(pending)) {
    const records = chunk.map(({ job, file }) => ({
      Title: fileTitle(file.name),
      PathOnClient: fileTitle(file.name),
      VersionData: file.content,
      FirstPublishLocationId: jobs[job]!.activityId,
      ...(jobs[job]!.ownerId ? { OwnerId: jobs[job]!.ownerId } : {}),
    }));
    const outcomes = await createReliably(client, 'ContentVersion', records, {
      onDuplicate: 'fail',
      // After a timeout: the files of this chunk that are linked now were made by that request.
      lookup: async (indexes) => {
        const linked = await linkedFiles(
          client,
          indexes.map((i) => jobs[chunk[i]!.job]!.activityId),
        );
        const out = new Map<number, string>();
        for (const i of indexes) {
          const n = linked.get(chunk[i]!.key) ?? 0;
          if (n > 0) {
            linked.set(chunk[i]!.key, n - 1);
            out.set(i, 'linked');
          }
        }
        return out;
      },
    });
    outcomes.forEach((o, i) => {
      if (o.status !== 'failed') return;
      const { job, file } = chunk[i]!;
      errors.set(job, [...(errors.get(job) ?? []), { name: file.name, error: `${o.code}: ${o.message}` }]);
    });
  }
  return errors;
}

/** Requests of at most 200 versions and MAX_BASE64_PER_REQUEST characters of content (one larger file goes alone). */
function chunks<T extends { file: ActivityFile }>(items: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const n = item.file.content.length;
    if (current.length > 0 && (current.length >= COLLECTION_SIZE || chars + n > MAX_BASE64_PER_REQUEST)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}
