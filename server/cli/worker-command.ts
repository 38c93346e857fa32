import { loadConfig } from '../config';
import { createRuntime } from '../runtime/create-deps';
import { startSync } from '../sync/start-sync';

// `liaison worker`: a sync worker only (no HTTP). Run several on one PostgreSQL: they share the mailboxes, and
// no mailbox is ever synced twice at once.

export async function workerCommand(
  _args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const config = loadConfig(env);
  const runtime = await createRuntime(config, { command: 'liaison worker' });
  const worker = await startSync({
    database: runtime.database,
    crm: runtime.deps.crm,
    dataDir: config.dataDir,
    embedded: !config.databaseUrl,
    env,
    config,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const stop = async () => {
    await worker.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdout.write(
    `Liaison sync worker running (database: ${runtime.database.backend}, every ${worker.config.intervalSeconds} s).\n`,
  );
  return new Promise<number>(() => undefined);
}
