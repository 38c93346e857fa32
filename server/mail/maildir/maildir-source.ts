import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeMessageId, type MailMessage } from '../../../src';
import { emlToMessage } from '../eml-to-message';
import { MailSourceError, type MailBatch, type MailCursor, type MailSource } from '../mail-source';
import {
  emptyPosition,
  parseMaildirCursor,
  prunePosition,
  toMailCursor,
  type MaildirFolderPosition,
} from './maildir-cursor';
import { listReadableFolders, type MaildirFolder } from './maildir-folders';
import { isTrashed, uniquePartOf } from './maildir-name';
import { watchMaildir } from './watch-maildir';

// A local Maildir++ mailbox (the embedded demo's): reads the inbox (cur/ and new/), `.Sent` and `.Archive`, in
// delivery order (mtime, then name). A message is read once per folder however often its file is renamed; one moved
// to another readable folder is read again there (the engine's ledger dedupes by Message-ID). Within one batch a
// Message-ID is never returned twice.

export const DEFAULT_MAILDIR_BATCH_LIMIT = 500;
const STAT_CONCURRENCY = 64;

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
    const cursor = parseMaildirCursor(stored);
    let remaining = Math.max(1, options.limit ?? DEFAULT_MAILDIR_BATCH_LIMIT);
    const folders: Record<string, MaildirFolderPosition> = {};
    const messages: MailMessage[] = [];
    const seenIds = new Set<string>();
    let more = false;
    const listed = new Set<string>();
    for (const folder of await this.folders()) {
      const before = cursor.folders[folder.key] ?? emptyPosition(new Date(cursor.connectedAt));
      const position: MaildirFolderPosition = { floor: before.floor, seen: { ...before.seen } };
      const candidates = await this.unseen(folder, position, listed);
      const taken = candidates.slice(0, remaining);
      if (candidates.length > taken.length) more = true;
      for (const candidate of taken) {
        const raw = await readIfThere(candidate.path);
        if (raw === undefined) continue; // renamed or moved meanwhile: found again under its new name next time
        const message = await emlToMessage(raw, folder.folder);
        const id = normalizeMessageId(message.internetMessageId);
        if (id === '' || !seenIds.has(id)) messages.push(message);
        if (id !== '') seenIds.add(id);
        position.seen[candidate.unique] = candidate.mtime;
        remaining--;
      }
      folders[folder.key] = prunePosition(position);
    }
    this.forgetMtimesExcept(listed);
    return { messages, cursor: toMailCursor({ connectedAt: cursor.connectedAt, folders }), more };
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
      let entries: string[];
      try {
        entries = await readdir(join(base, sub));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw toMailSourceError(error, base);
      }
      for (const name of entries) {
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
    for (let i = 0; i < missing.length; i += STAT_CONCURRENCY) {
      const batch = missing.slice(i, i + STAT_CONCURRENCY);
      const stats = await Promise.all(batch.map((n) => mtimeIfThere(n.path)));
      stats.forEach((mtime, j) => {
        const entry = batch[j];
        if (entry && mtime !== undefined) known.set(entry.path, mtime);
      });
    }
    for (const entry of names) {
      const mtime = known.get(entry.path);
      if (mtime !== undefined && mtime >= position.floor) candidates.push({ ...entry, mtime });
    }
    // The same message can be listed twice when it moves from new/ to cur/ during the listing.
    const unique = new Map(candidates.map((c) => [c.unique, c]));
    return [...unique.values()].sort((a, b) => a.mtime - b.mtime || (a.unique < b.unique ? -1 : 1));
  }
}

async function mtimeIfThere(path: string): Promise<number | undefined> {
  try {
    return Math.floor((await stat(path)).mtimeMs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toMailSourceError(error, path);
  }
}

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toMailSourceError(error, path);
  }
}

function toMailSourceError(error: unknown, path: string): MailSourceError {
  if (error instanceof MailSourceError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = `Maildir ${path}: ${error instanceof Error ? error.message : String(error)}`;
  const kind = code === 'ENOENT' || code === 'ENOTDIR' ? 'not_found' : 'unavailable';
  return new MailSourceError(kind, message, undefined, { cause: error });
}

export function createMaildirSource(options: { dir: string }): MaildirSource {
  return new MaildirSource(options);
}
