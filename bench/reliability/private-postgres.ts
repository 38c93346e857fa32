// A PostgreSQL server of the bench's own (initdb + pg_ctl in a temporary folder, on a free port), so a bench may
// stop and start it without touching the machine's PostgreSQL. As root, the server runs as the `postgres` user
// (PostgreSQL refuses to run as root).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { freePort } from '../../tests/support/free-port';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivatePostgres {
  url: string;
  /** Stops the server: `fast` closes the sessions cleanly, `immediate` is a crash (recovery at the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** The folder of initdb and pg_ctl: LIAISON_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string {
  const fromEnv = process.env.LIAISON_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      'no PostgreSQL server binaries (initdb, pg_ctl) found under /usr/lib/postgresql: install them or set LIAISON_PG_BIN',
    );
  return path.join(root, versions[0]!, 'bin');
}

/** uid/gid to run the server as: ours, or the `postgres` user's when we are root. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error('running as root, and there is no `postgres` user to run a private PostgreSQL as');
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  const user = await serverUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reliability-pg-'));
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const port = await freePort();
  const pg = (tool: string, args: string[]) =>
    run(path.join(bin, tool), args, { ...(user ?? {}), cwd: dir, timeout: 120_000 }).catch(async (e) => {
      const tail = await readFile(log, 'utf8').catch(() => '');
      throw new Error(`${tool} failed: ${e instanceof Error ? e.message : String(e)}\n${tail.slice(-2000)}`);
    });
  await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  // fsync off: a stop, even `immediate`, is recovered from the WAL; only a machine crash would need fsync.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate') => {
    await pg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await stop('immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
