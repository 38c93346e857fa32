// Starts the sync engine in a process that has a runtime (`liaison worker`, or `serve` with workers on).
import type { CrmAdapter } from '../crm/crm-adapter';
import type { DatabaseHandle } from '../db/open-database';
import { SecretBox } from '../secrets';
import { defaultMailSourceFactory } from './mail-source-factory';
import { loadSyncConfig } from './sync-config';
import { createSyncWorker, type SyncWorker } from './sync-worker';

export async function startSync(options: {
  database: DatabaseHandle;
  crm: CrmAdapter;
  dataDir: string;
  embedded: boolean;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): Promise<SyncWorker> {
  const env = options.env ?? process.env;
  const secrets = await SecretBox.load({ env, dataDir: options.dataDir, embedded: options.embedded });
  const log = options.log ?? (() => {});
  const worker = createSyncWorker({
    database: options.database,
    crm: options.crm,
    sources: defaultMailSourceFactory({ secrets }),
    config: loadSyncConfig(env),
    onError: (error) => log(`sync: ${error instanceof Error ? error.message : String(error)}`),
    onRun: (id, result) => {
      if (result.outcome === 'synced' && result.looked > 0)
        log(`sync: mailbox ${id}: ${result.looked} emails looked at, ${result.saved} saved`);
      if (result.outcome === 'failed') log(`sync: mailbox ${id} failed: ${result.error}`);
    },
  });
  await worker.start();
  return worker;
}
