import { chmodSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// The admin socket: a Unix domain socket in the data folder, readable and writable by its owner only, on which the
// process holding an embedded data folder runs the command line's database commands for a second process (which
// must not open the folder itself). One request a connection: a JSON line in, a JSON line out.

export interface AdminRequest {
  argv: string[];
  /** The caller's working directory: files named on its command line are found from there. */
  cwd: string;
}

export interface AdminAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AdminSocket {
  readonly path: string;
  close(): Promise<void>;
}

/** A request is a command line and a folder name, nothing near this. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export function adminSocketPath(dataDir: string): string {
  return path.join(dataDir, 'liaison.sock');
}

/** Listens on `file` (left by a dead holder of the lock: removed first), answering each request with `answer`. */
export async function listenAdminSocket(
  file: string,
  answer: (request: AdminRequest) => Promise<AdminAnswer>,
): Promise<AdminSocket> {
  removeQuietly(file);
  const server = net.createServer((socket) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > MAX_REQUEST_BYTES) return socket.destroy();
      const end = received.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      void respond(received.slice(0, end)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  async function respond(line: string): Promise<AdminAnswer> {
    let request: AdminRequest;
    try {
      request = parseRequest(line);
    } catch {
      return { code: 2, stdout: '', stderr: 'liaison: the server could not read this request\n' };
    }
    try {
      return await answer(request);
    } catch (error) {
      return {
        code: 1,
        stdout: '',
        stderr: `liaison: ${error instanceof Error ? error.message : String(error)}\n`,
      };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Owner only: whoever can write to the socket acts as an admin.
  chmodSync(file, 0o600);
  // Listening alone does not keep a process alive (one whose start failed must still exit).
  server.unref();
  const onExit = () => removeQuietly(file);
  process.once('exit', onExit);
  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        server.close(() => resolve());
      }),
  };
}

/** Sends one request; undefined when no process listens on `file`. */
export function askAdminSocket(file: string, request: AdminRequest): Promise<AdminAnswer | undefined> {
  return new Promise((resolve) => {
    let received = '';
    let connected = false;
    const socket = net.connect(file, () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => {
      if (!connected) return resolve(undefined);
      try {
        resolve(parseAnswer(received));
      } catch {
        // It took the request: running it again here could do it twice.
        resolve({
          code: 1,
          stdout: '',
          stderr: 'liaison: the server stopped before answering; the command may or may not have run\n',
        });
      }
    });
  });
}

function parseRequest(line: string): AdminRequest {
  const value = JSON.parse(line) as Partial<AdminRequest>;
  if (
    !Array.isArray(value.argv) ||
    !value.argv.every((a) => typeof a === 'string') ||
    typeof value.cwd !== 'string'
  )
    throw new Error('not a request');
  return { argv: value.argv, cwd: value.cwd };
}

function parseAnswer(text: string): AdminAnswer {
  const value = JSON.parse(text) as Partial<AdminAnswer>;
  if (typeof value.code !== 'number' || typeof value.stdout !== 'string' || typeof value.stderr !== 'string')
    throw new Error('not an answer');
  return { code: value.code, stdout: value.stdout, stderr: value.stderr };
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
}
