import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireDataFolderLock,
  DataFolderBusyError,
  holderOf,
  lockFile,
  type LockHolder,
} from '../../../server/runtime/data-folder-lock';

// The embedded data folder's lock, in-process: one holder at a time, and a dead holder's lock never blocks.

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'liaison-lock-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeLock = (holder: Partial<LockHolder>) =>
  writeFileSync(
    lockFile(dir),
    JSON.stringify({ command: 'liaison serve', startedAt: '2026-01-01T00:00:00.000Z', ...holder }),
  );

/** A pid that was a process and is no more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

test('the holder is named; a second taker is refused until it releases', () => {
  const lock = acquireDataFolderLock(dir, 'liaison serve');
  expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'liaison serve' });
  // A live holder other than this process: the parent of jest's worker is alive as long as the test runs.
  const held = JSON.parse(readFileSync(lockFile(dir), 'utf8')) as LockHolder;
  lock.release();
  expect(holderOf(dir)).toBeUndefined();
  writeLock({ ...held, pid: process.ppid, processStart: undefined, command: 'liaison worker' });
  const refusal = (() => {
    try {
      acquireDataFolderLock(dir, 'liaison users add');
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  expect(refusal).toBeInstanceOf(DataFolderBusyError);
  expect((refusal as Error).message).toMatch(
    new RegExp(
      `^the data folder ${dir} is in use by \`liaison worker\` \\(pid ${process.ppid}, since ${held.startedAt}\\)`,
    ),
  );
});

test("a dead process's lock (kill -9) is taken over at once", () => {
  writeLock({ pid: deadPid() });
  expect(holderOf(dir)).toBeUndefined();
  const lock = acquireDataFolderLock(dir, 'liaison serve');
  expect(holderOf(dir)?.pid).toBe(process.pid);
  lock.release();
});

test('a live pid that started at another time (a reused pid) is not the holder', () => {
  // The parent is alive, but the lock says its process started at another tick: the pid was reused.
  writeLock({ pid: process.ppid, processStart: '1' });
  expect(holderOf(dir)).toBeUndefined();
  acquireDataFolderLock(dir, 'liaison serve').release();
});

test('a lock cut short by a crash while it was written is stale', () => {
  writeFileSync(lockFile(dir), '{"pid": 12');
  acquireDataFolderLock(dir, 'liaison serve').release();
});

test('the socket announced is in the lock; release leaves nothing behind', () => {
  const lock = acquireDataFolderLock(dir, 'liaison serve');
  lock.announceSocket(join(dir, 'liaison.sock'));
  expect(holderOf(dir)).toMatchObject({ pid: process.pid, socket: join(dir, 'liaison.sock') });
  lock.release();
  expect(() => readFileSync(lockFile(dir))).toThrow(/ENOENT/);
});
