import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort } from '../free-port';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { dovecotConfig, dovecotUsersFile } from './dovecot-config';

// A real Dovecot IMAP server for one test suite, following shared/recipes/dovecot.md: a temp folder with a generated
// config, a free port on 127.0.0.1, run as the `dovecot` user when we are root, ready when the greeting carries this
// instance's token. A missing Dovecot is a failure with a clear message, never a skip.

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export interface DovecotUser {
  user: string;
  pass: string;
}

export interface DovecotServer {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly users: DovecotUser[];
  /** Stops the server but keeps its mail, so `resume()` brings the same mailboxes back on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
  /** Dovecot's own log, for failure messages. */
  log(): string;
}

const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 25;

interface RunAs {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { user: me.username, group, uid: me.uid, gid: me.gid };
  }
  // Dovecot refuses root for its login and mail processes: use the user the package created.
  const id = (flag: string) => execFileSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).trim();
  return { user: 'dovecot', group: id('-gn'), uid: Number(id('-u')), gid: Number(id('-g')) };
}

/** Resolves with the first line the server sends, or rejects when nothing is listening. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffered = '';
    socket.setTimeout(1000, () => socket.destroy(new Error('greeting timeout')));
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\n');
      if (end >= 0) {
        socket.destroy();
        resolve(buffered.slice(0, end));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed before greeting')));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startDovecot(options: {
  users: DovecotUser[];
  /** Sessions at once (Dovecot's default is 100). */
  processLimit?: number;
}): Promise<DovecotServer> {
  if (!existsSync(DOVECOT_BINARY)) {
    throw new Error(
      `Dovecot is not installed (${DOVECOT_BINARY} is missing): install dovecot-imapd ` +
        '(apt-get install -y dovecot-imapd) to run the IMAP tests.',
    );
  }
  const who = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'liaison-dovecot-'));
  const token = basename(dir);
  mkdirSync(join(dir, 'mail'));
  writeFileSync(join(dir, 'users'), dovecotUsersFile(options.users));
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async (): Promise<void> => {
    writeFileSync(
      join(dir, 'dovecot.conf'),
      dovecotConfig({
        dir,
        port,
        token,
        runUser: who.user,
        runGroup: who.group,
        uid: who.uid,
        gid: who.gid,
        ...(options.processLimit ? { processLimit: options.processLimit } : {}),
      }),
    );
    // A mkdtemp folder is 0700 for its creator: hand everything to the user Dovecot runs as.
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', `${who.uid}:${who.gid}`, dir]);
    const spawned = spawn(DOVECOT_BINARY, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true, // its own process group, so stopping can reach the children it leaves behind
    });
    child = spawned;
    process.on('exit', onExit); // a test run that dies must not leave a Dovecot behind
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited: number | null | undefined;
    void exitOf(spawned).then((code) => (exited = code));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited !== undefined) {
        child = undefined;
        process.off('exit', onExit);
        const why = exited === 89 ? ` (port ${port} is taken)` : '';
        throw new Error(
          `Dovecot exited with code ${exited}${why} before it was ready: ${stderr}${readLog(dir)}`,
        );
      }
      const line = await greeting(port).catch(() => '');
      if (line.startsWith('* OK') && line.includes(token)) return;
      await delay(POLL_MS);
    }
    await terminate();
    throw new Error(
      `Dovecot was not ready on port ${port} after ${READY_TIMEOUT_MS} ms: ${stderr}${readLog(dir)}`,
    );
  };

  const terminate = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running) return;
    const exit = exitOf(running);
    running.kill('SIGTERM'); // not SIGQUIT: it orphans Dovecot's children
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
    // The master exits without its imap, log and stats processes, and an orphaned imap process would keep serving
    // its connection for seconds: end the rest of the group too.
    killGroup(running.pid);
    process.off('exit', onExit);
  };
  const onExit = () => killGroup(child?.pid);

  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      // Another process may grab the port between freePort() and Dovecot's bind (exit 89): try another one.
      if (attempt >= 3 || !String(error).includes('is taken')) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    host: '127.0.0.1',
    port,
    dir,
    users: options.users,
    pause: terminate,
    resume: async () => {
      if (!child) await launch();
    },
    stop: async () => {
      await terminate();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => readLog(dir),
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left in the group
  }
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}
