import { join } from 'node:path';
import { normalizeAddress, normalizeMessageId, type Folder, type MailMessage } from '../../../src';
import { emlHeadersToMessage, emlToMessage } from '../eml-to-message';
import { MailSourceError, type MailBatch, type MailCursor, type MailSource } from '../mail-source';
import {
  emptyPosition,
  parseMaildirCursor,
  prunePosition,
  toMailCursor,
  type MaildirCursor,
  type MaildirFolderPosition,
} from './maildir-cursor';
import { listReadableFolders, type MaildirFolder } from './maildir-folders';
import {
  inSlices,
  mtimeIfThere,
  namesIn,
  readIfThere,
  readStartIfThere,
  toMailSourceError,
} from './maildir-files';
import { isTrashed, uniquePartOf } from './maildir-name';
import { watchMaildir } from './watch-maildir';

// A local Maildir++ mailbox (the embedded demo's): reads the inbox (cur/ and new/), `.Sent` and `.Archive`, in
// delivery order (mtime, then name); of a large message only the header block (its body on demand: withBody). A
// message is read once per folder however often its file is renamed; one moved to another readable folder is read
// again there (the engine's ledger dedupes by Message-ID). Within one batch a Message-ID is never returned twice.

export const DEFAULT_MAILDIR_BATCH_LIMIT = 500;
/** Inbox files looked at, newest first, for the latest email from one address. */
const LATEST_SCAN = 2000;

interface Candidate {
  unique: string;
  path: string;
  mtime: number;
}

export class MaildirSource implements MailSource {
  readonly kind = 'maildir' as const;
  /** mtime by file path from the previous listing: a path's mtime does not change (renames make a new path), so
   * paging through a large backlog does not stat every waiting file again on each call. */
  private mtimes = new Map<string, number>();
  /**
   * What the last call left unread, for the call that continues from the very cursor object it returned (the
   * engine pages through a backlog that way): it goes on from this listing instead of listing and sorting every
   * waiting file again. Anything that arrived since is found by the next fresh listing.
   */
  private left?: { cursor: MailCursor; parsed: MaildirCursor; rest: Map<string, Candidate[]> };

  constructor(private readonly options: { dir: string }) {}

  async initialCursor(connectedAt: Date): Promise<MailCursor> {
    const folders: Record<string, MaildirFolderPosition> = {};
    const listed = new Set<string>();
    for (const folder of await this.folders()) {
      const position = emptyPosition(connectedAt);
      // Whatever is there already counts as seen, even if its mtime is at or after the floor.
      for (const candidate of await this.unseen(folder, position, listed))
        position.seen[candidate.unique] = candidate.mtime;
      folders[folder.key] = position;
    }
    this.forgetMtimesExcept(listed);
    return toMailCursor({ connectedAt: connectedAt.toISOString(), folders });
  }

  async fetchChanges(stored: MailCursor, options: { limit?: number } = {}): Promise<MailBatch> {
    const left = this.left;
    this.left = undefined;
    const resume = left && left.cursor === stored && [...left.rest.values()].some((r) => r.length > 0);
    const cursor = resume ? left.parsed : parseMaildirCursor(stored);
    let remaining = Math.max(1, options.limit ?? DEFAULT_MAILDIR_BATCH_LIMIT);
    let more = false;
    const listed = new Set<string>();
    const plan: {
      folder: MaildirFolder;
      position: MaildirFolderPosition;
      taken: Candidate[];
      rest: Candidate[];
    }[] = [];
    for (const folder of await this.folders()) {
      const before = cursor.folders[folder.key] ?? emptyPosition(new Date(cursor.connectedAt));
      const position: MaildirFolderPosition = { floor: before.floor, seen: { ...before.seen } };
      const candidates = resume
        ? (left.rest.get(folder.key) ?? [])
        : await this.unseen(folder, position, listed);
      const taken = candidates.slice(0, remaining);
      if (candidates.length > taken.length) more = true;
      remaining -= taken.length;
      plan.push({ folder, position, taken, rest: candidates.slice(taken.length) });
    }
    if (!resume) this.forgetMtimesExcept(listed);

    // mailparser's cost is mostly per call, not per byte, so a small file is parsed whole at once; of a large one
    // (a long body, attachments) only the header block is read and parsed, which is all the rules read, and
    // withBody reads the rest if it is saved at `full`.
    const starts = await inSlices(
      plan.flatMap(({ taken }) => taken),
      (candidate) => readStartIfThere(candidate.path),
    );

    const messages: MailMessage[] = [];
    const files = new WeakMap<MailMessage, { folder: MaildirFolder; candidate: Candidate; whole: boolean }>();
    const places = new WeakMap<MailMessage, string>();
    const seenIds = new Set<string>();
    const folders: Record<string, MaildirFolderPosition> = {};
    const rests = new Map<string, Candidate[]>();
    let next = 0;
    for (const { folder, position, taken, rest } of plan) {
      for (const candidate of taken) {
        const start = starts[next++];
        if (start === undefined) continue; // renamed or moved meanwhile: found again under its new name next time
        const message = start.whole
          ? await emlToMessage(start.data, folder.folder)
          : await emlHeadersToMessage(start.data, folder.folder);
        const id = normalizeMessageId(message.internetMessageId);
        if (id === '' || !seenIds.has(id)) {
          messages.push(message);
          places.set(message, `${folder.key}/${candidate.unique}`);
          // Read again only for a save at `full`: the rest of a large file, or the attachments' content.
          if (!start.whole || (message.attachments?.length ?? 0) > 0)
            files.set(message, { folder, candidate, whole: start.whole });
        }
        if (id !== '') seenIds.add(id);
        position.seen[candidate.unique] = candidate.mtime;
      }
      const pruned = prunePosition(position);
      folders[folder.key] = pruned;
      rests.set(
        folder.key,
        rest.filter((c) => c.mtime >= pruned.floor),
      );
    }
    const nextCursor = toMailCursor({ connectedAt: cursor.connectedAt, folders });
    if (more)
      this.left = { cursor: nextCursor, parsed: { connectedAt: cursor.connectedAt, folders }, rest: rests };
    return {
      messages,
      cursor: nextCursor,
      more,
      withBody: async (message) => {
        const file = files.get(message);
        if (!file) return message;
        const whole = await emlToMessage(
          await this.readWhole(file.folder, file.candidate),
          file.folder.folder,
          { files: true },
        );
        const full: MailMessage = { ...message, attachments: whole.attachments ?? [] };
        if (whole.bodyText !== undefined) full.bodyText = whole.bodyText;
        return full;
      },
      sourceIdOf: (message) => places.get(message),
    };
  }

  /** `<folder key>/<unique part of the file name>` (neither holds a `/`), read again wherever flags renamed it. */
  async fetchMessage(sourceId: string, folder: Folder): Promise<MailMessage | undefined> {
    const slash = sourceId.indexOf('/');
    if (slash < 0) return undefined;
    const key = sourceId.slice(0, slash);
    const found = (await this.folders()).find((f) => f.key === key);
    const raw = found && this.readByUnique(found, sourceId.slice(slash + 1));
    return raw === undefined ? undefined : emlToMessage(raw, folder, { files: true });
  }

  /** The inbox's files newest first (at most the latest LATEST_SCAN), their header blocks read until one is from
   * `address`. */
  async latestFrom(address: string): Promise<MailMessage | undefined> {
    const inbox = (await this.folders()).find((f) => f.folder === 'inbox');
    if (!inbox) return undefined;
    const base = join(this.options.dir, inbox.dir);
    const files: { path: string; mtime: number }[] = [];
    for (const sub of ['new', 'cur'])
      for (const name of namesIn(join(base, sub)) ?? []) {
        if (name.startsWith('.') || isTrashed(name)) continue;
        const path = join(base, sub, name);
        const mtime = mtimeIfThere(path);
        if (mtime !== undefined) files.push({ path, mtime });
      }
    files.sort((a, b) => b.mtime - a.mtime);
    for (const file of files.slice(0, LATEST_SCAN)) {
      const start = readStartIfThere(file.path);
      if (!start) continue;
      const envelope = await emlHeadersToMessage(start.data, 'inbox');
      if (normalizeAddress(envelope.from.address) !== address) continue;
      const raw = start.whole ? start.data : readIfThere(file.path);
      if (raw) return emlToMessage(raw, 'inbox');
    }
    return undefined;
  }

  /** A message's file, found again by its unique part if a flag change renamed it since it was listed. */
  private async readWhole(folder: MaildirFolder, candidate: Candidate): Promise<Buffer> {
    const raw = readIfThere(candidate.path) ?? this.readByUnique(folder, candidate.unique);
    if (raw !== undefined) return raw;
    // Moved or deleted while the batch was decided: the batch is not recorded, and the next run lists it again
    // wherever it went.
    throw new MailSourceError('unavailable', `Maildir message ${candidate.unique} went away during the sync`);
  }

  private readByUnique(folder: MaildirFolder, unique: string): Buffer | undefined {
    const base = join(this.options.dir, folder.dir);
    for (const sub of ['new', 'cur']) {
      const name = namesIn(join(base, sub))?.find((n) => uniquePartOf(n) === unique);
      const raw = name === undefined ? undefined : readIfThere(join(base, sub, name));
      if (raw !== undefined) return raw;
    }
    return undefined;
  }

  /** Calls `onChange` when a file lands in a readable folder (inotify through fs.watch). */
  async watch(onChange: () => void): Promise<{ stop(): Promise<void> }> {
    const folders = await this.folders();
    return watchMaildir(
      folders.map((f) => join(this.options.dir, f.dir)),
      onChange,
    );
  }

  async close(): Promise<void> {
    this.mtimes.clear();
    this.left = undefined;
  }

  private forgetMtimesExcept(listed: Set<string>): void {
    for (const path of this.mtimes.keys()) if (!listed.has(path)) this.mtimes.delete(path);
  }

  private async folders(): Promise<MaildirFolder[]> {
    try {
      return await listReadableFolders(this.options.dir);
    } catch (error) {
      throw toMailSourceError(error, this.options.dir);
    }
  }

  /** Files of the folder not read yet, oldest first. */
  private async unseen(
    folder: MaildirFolder,
    position: MaildirFolderPosition,
    listed: Set<string>,
  ): Promise<Candidate[]> {
    const base = join(this.options.dir, folder.dir);
    const names: { unique: string; path: string }[] = [];
    for (const sub of ['new', 'cur']) {
      for (const name of namesIn(join(base, sub)) ?? []) {
        if (name.startsWith('.') || isTrashed(name)) continue;
        const unique = uniquePartOf(name);
        if (position.seen[unique] !== undefined) continue;
        const path = join(base, sub, name);
        names.push({ unique, path });
        listed.add(path);
      }
    }
    const candidates: Candidate[] = [];
    const known = this.mtimes;
    const missing = names.filter((n) => !known.has(n.path));
    const mtimes = await inSlices(missing, (n) => mtimeIfThere(n.path));
    mtimes.forEach((mtime, i) => {
      if (mtime !== undefined) known.set(missing[i]!.path, mtime);
    });
    for (const entry of names) {
      const mtime = known.get(entry.path);
      if (mtime !== undefined && mtime >= position.floor) candidates.push({ ...entry, mtime });
    }
    // The same message can be listed twice when it moves from new/ to cur/ during the listing.
    const unique = new Map(candidates.map((c) => [c.unique, c]));
    return [...unique.values()].sort((a, b) => a.mtime - b.mtime || (a.unique < b.unique ? -1 : 1));
  }
}

export function createMaildirSource(options: { dir: string }): MaildirSource {
  return new MaildirSource(options);
}
