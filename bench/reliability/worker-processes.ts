// `liaison worker` processes, as an operator runs them, that a bench can kill -9 and start again. Each process
// names its PostgreSQL connections (PGAPPNAME) so the bench can see which one holds a mailbox's lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'liaison.js');

export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it printed, for a bench's error. */
  tail(): string;
  exited: Promise<void>;
}

export interface FleetOptions {
  databaseUrl: string;
  schema: string;
  dataDir: string;
  /** Extra environment (sync interval, batch size). */
  env?: Record<string, string>;
}

export class WorkerFleet {
  /** The key the workers seal and open mailbox secrets with (a bench seals IMAP passwords with it). */
  readonly secretKey = randomBytes(32).toString('hex');
  readonly workers = new Map<string, WorkerProcess>();

  constructor(private readonly options: FleetOptions) {}

  start(name: string): WorkerProcess {
    const child = spawn(process.execPath, [BIN, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: this.options.databaseUrl,
        LIAISON_DB_SCHEMA: this.options.schema,
        LIAISON_DATA_DIR: this.options.dataDir,
        LIAISON_SECRET_KEY: this.secretKey,
        LIAISON_EMBEDDED_ISSUER: 'off',
        PGAPPNAME: name,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 20));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const worker: WorkerProcess = { name, child, tail: () => lines.join('\n'), exited };
    this.workers.set(name, worker);
    return worker;
  }

  /** kill -9, and wait until the process is gone. */
  async kill(name: string): Promise<void> {
    const worker = this.workers.get(name);
    if (!worker) return;
    worker.child.kill('SIGKILL');
    await worker.exited;
    this.workers.delete(name);
  }

  /** Workers that died on their own (not killed by the bench). */
  crashed(): WorkerProcess[] {
    return [...this.workers.values()].filter((w) => w.child.exitCode !== null || w.child.signalCode !== null);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.workers.values()].map(async (w) => {
        w.child.kill('SIGTERM');
        const timer = setTimeout(() => w.child.kill('SIGKILL'), 15_000);
        await w.exited;
        clearTimeout(timer);
      }),
    );
    this.workers.clear();
  }
}
