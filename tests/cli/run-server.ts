// Starts the real `bin/liaison.js serve` as a child process on a free port and answers once it prints its banner;
// tests then drive it over HTTP and run `liaison` commands beside it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './run-liaison';

export interface RunningServer {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Ctrl+C (SIGTERM), and the exit code. */
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `liaison serve` with `env` (LIAISON_DATA_DIR at least; a function of the port it gets); resolves on its banner, rejects if it exits first. */
export async function startServer(
  env: Record<string, string> | ((port: number) => Record<string, string>),
): Promise<RunningServer> {
  const port = await freePort();
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [join(root, 'bin', 'liaison.js'), 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      LOG_LEVEL: 'silent',
      // The sync engine is not what these tests are about.
      LIAISON_SYNC_WORKERS: 'off',
      PORT: String(port),
      ...(typeof env === 'function' ? env(port) : env),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (/Liaison is running at .*\n(?:.*\n)*\n/.test(out)) {
        clearInterval(poll);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`liaison serve exited (${code}) before it ran:\n${out}\n${err}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Follows a one-time sign-in link; answers the session cookie (`name=value`) it sets. */
export async function signIn(link: string): Promise<string> {
  const response = await fetch(link, { redirect: 'manual' });
  if (response.status !== 303)
    throw new Error(`sign-in link answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

/** The first sign-in link printed in `text`. */
export function linkIn(text: string): string {
  const match = /^ {4}(\S+\/auth\/link\?token=\S+)$/m.exec(text);
  if (!match) throw new Error(`no sign-in link in:\n${text}`);
  return match[1]!;
}
