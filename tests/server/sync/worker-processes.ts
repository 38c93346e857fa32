// Sync workers as processes of their own (fixtures/sync-worker-process.ts), for the crash suites: started on a
// PostgreSQL schema, killed with SIGKILL.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUrl } from '../../support/db/test-databases';

const SCRIPT = path.join(__dirname, 'fixtures', 'sync-worker-process.ts');

export function startWorker(
  schema: string,
  options: { batchSize?: number; calendars?: boolean } = {},
): { child: ChildProcess; ready: Promise<void>; errors: string[] } {
  const errors: string[] = [];
  const child = fork(SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      SYNC_TEST_URL: testDatabaseUrl(),
      SYNC_TEST_SCHEMA: schema,
      SYNC_TEST_BATCH_SIZE: String(options.batchSize ?? 100),
      ...(options.calendars ? { SYNC_TEST_CALENDARS: 'on' } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const ready = new Promise<void>((resolve) => {
    child.on('message', (m: { ready?: boolean; error?: string }) => {
      if (m.ready) resolve();
      if (m.error) errors.push(m.error);
    });
    child.on('exit', () => resolve());
  });
  return { child, ready, errors };
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
