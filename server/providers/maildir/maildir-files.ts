// File access for the Maildir source. A Maildir is local, its files small, and a sync reads hundreds of them: a
// thread-pool round trip per open, stat, read and close costs far more than the work itself (and much more again on
// a busy machine, where each hop waits for a CPU), so files are read synchronously, in slices that yield to the
// event loop between them so that a large backlog never holds the process for long.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { headerBlockEnd } from '../eml-to-message';
import { MailSourceError } from '../mail-source';

/** Files handled between two yields to the event loop (a few milliseconds of work). */
export const FILES_PER_SLICE = 64;
/** Files are read in chunks of this size: one that fits in a chunk is read whole, a larger one to its header
 * block (most header blocks fit in the first chunk). */
export const START_CHUNK = 16 * 1024;

/** Reads are synchronous, so one scratch buffer serves them all; what is kept is copied out of it. */
const scratch = Buffer.allocUnsafe(START_CHUNK);

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `fn` over `items` in order, synchronously within slices of FILES_PER_SLICE, yielding between slices. */
export async function inSlices<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += FILES_PER_SLICE) {
    if (i > 0) await yieldToLoop();
    for (const item of items.slice(i, i + FILES_PER_SLICE)) results.push(fn(item));
  }
  return results;
}

function gone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The names in a directory, or undefined when it does not exist. */
export function namesIn(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (gone(error)) return undefined;
    throw toMailSourceError(error, dir);
  }
}

/** The file's mtime in whole ms, or undefined when it is gone (renamed meanwhile). */
export function mtimeIfThere(path: string): number | undefined {
  try {
    return Math.floor(statSync(path).mtimeMs);
  } catch (error) {
    if (gone(error)) return undefined;
    throw toMailSourceError(error, path);
  }
}

export interface FileStart {
  data: Buffer;
  /** True when `data` is the whole file, false when it is the header block of a larger one. */
  whole: boolean;
}

/** The whole file when it fits in one chunk, else its header block; undefined when the file is gone. */
export function readStartIfThere(path: string): FileStart | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (gone(error)) return undefined;
    throw toMailSourceError(error, path);
  }
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, scratch, 0, START_CHUNK, length);
      chunks.push(Buffer.from(scratch.subarray(0, bytesRead)));
      length += bytesRead;
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      if (bytesRead < START_CHUNK) return { data, whole: true };
      const end = headerBlockEnd(data);
      if (end >= 0) return { data: data.subarray(0, end), whole: false };
    }
  } catch (error) {
    throw toMailSourceError(error, path);
  } finally {
    closeSync(fd);
  }
}

/** The whole file, or undefined when it is gone. */
export function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if (gone(error)) return undefined;
    throw toMailSourceError(error, path);
  }
}

export function toMailSourceError(error: unknown, path: string): MailSourceError {
  if (error instanceof MailSourceError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = `Maildir ${path}: ${error instanceof Error ? error.message : String(error)}`;
  const kind = code === 'ENOENT' || code === 'ENOTDIR' ? 'not_found' : 'unavailable';
  return new MailSourceError(kind, message, undefined, { cause: error });
}
