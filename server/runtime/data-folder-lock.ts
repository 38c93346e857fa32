import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// One process at a time on an embedded (PGlite) data folder: PGlite has no locking of its own, and a second process
// opening the folder works on a copy that the first one overwrites. The lock is a file naming its holder (pid and
// the process's start time), so a holder killed with kill -9 is seen as gone at once instead of blocking forever.

export interface LockHolder {
  pid: number;
  /** What the holder is, for the sentence a refused process prints: "liaison serve", "liaison users add"… */
  command: string;
  startedAt: string;
  /** Linux: the process's start time in clock ticks since boot, and the boot: a reused pid is not the holder. */
  processStart?: string;
  bootId?: string;
  /** Set once the holder answers commands on its admin socket (`liaison serve`, `liaison worker`). */
  socket?: string;
}

export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data folder ${dataDir} is in use by \`${holder.command}\` (pid ${holder.pid}, since ${holder.startedAt}), ` +
        'and two processes must never open one embedded database. Stop that process first (Ctrl+C where it runs, ' +
        `or kill ${holder.pid}) and try again, or use PostgreSQL (DATABASE_URL), which several processes may share.`,
    );
    this.name = 'DataFolderBusyError';
  }
}

export interface DataFolderLock {
  readonly file: string;
  /** Records that the holder answers commands on this socket (read by `holderOf`). */
  announceSocket(socket: string): void;
  release(): void;
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'liaison.lock');
}

/** Takes the folder's lock, or throws DataFolderBusyError naming the live process that holds it. */
export function acquireDataFolderLock(dataDir: string, command: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  let holder: LockHolder = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    ...processIdentity(process.pid),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, holder))
      return heldLock(
        file,
        () => holder,
        (next) => (holder = next),
      );
    const text = readText(file);
    if (text === undefined) continue; // released meanwhile: try again
    const current = parseHolder(text);
    if (current && isAlive(current)) throw new DataFolderBusyError(dataDir, current);
    takeOverStale(file, text);
  }
  const current = holderOf(dataDir);
  if (current) throw new DataFolderBusyError(dataDir, current);
  throw new Error(`cannot take the lock ${file}: it keeps changing hands`);
}

/** The live process holding the folder, if any (a stale lock answers undefined). */
export function holderOf(dataDir: string): LockHolder | undefined {
  const text = readText(lockFile(dataDir));
  const holder = text === undefined ? undefined : parseHolder(text);
  return holder && isAlive(holder) ? holder : undefined;
}

function heldLock(file: string, get: () => LockHolder, set: (holder: LockHolder) => void): DataFolderLock {
  let released = false;
  // A process that ends without releasing (an uncaught error, process.exit) still leaves no lock behind.
  const onExit = () => release();
  process.once('exit', onExit);
  function release() {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    const text = readText(file);
    if (text !== undefined && parseHolder(text)?.pid === process.pid) rmQuietly(file);
  }
  return {
    file,
    announceSocket(socket) {
      const next = { ...get(), socket };
      // Replace the file whole (rename is atomic): a reader never sees half a lock.
      const temporary = `${file}.${process.pid}`;
      writeFileSync(temporary, JSON.stringify(next), { mode: 0o600 });
      renameSync(temporary, file);
      set(next);
    },
    release,
  };
}

/** Creates the lock with its whole content at once (written aside, then linked): no reader sees it empty. */
function createExclusive(file: string, holder: LockHolder): boolean {
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmQuietly(temporary);
  }
}

/**
 * Moves a dead holder's lock aside. Two processes may judge the same lock stale at once: only one rename wins, and
 * if what was moved is not the stale lock (another process took the folder in between), it is put back.
 */
function takeOverStale(file: string, staleText: string): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process holds the file now; the one moved aside lost its lock, as a crashed one would.
    }
  }
  rmQuietly(aside);
}

function isAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processIdentity(holder.pid);
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false;
  if (holder.processStart && now.processStart && holder.processStart !== now.processStart) return false;
  return true;
}

/** Linux only (elsewhere the pid alone is checked): a process's start time and the boot it belongs to. */
function processIdentity(pid: number): { processStart?: string; bootId?: string } {
  const stat = readText(`/proc/${pid}/stat`);
  const bootId = readText('/proc/sys/kernel/random/boot_id')?.trim();
  // Field 22 (starttime); the fields after the command name's closing parenthesis start at field 3.
  const processStart = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return { ...(processStart ? { processStart } : {}), ...(bootId ? { bootId } : {}) };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.command === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined; // a lock cut short by a crash mid-write: stale
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function rmQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
