// Starts the sync engine in a process that has a runtime (`liaison worker`, or `serve` with workers on).
import { loadConfig, type ServerConfig } from '../config';
import type { CrmAdapter } from '../crm/crm-adapter';
import { storeMailboxSecret } from '../db/mailboxes-repo';
import type { DatabaseHandle } from '../db/open-database';
import { SecretBox } from '../secrets';
import { providerSourceOptions } from '../providers/registry';
import {
  defaultCalendarSourceFactory,
  defaultMailSourceFactory,
  type SourceFactoryOptions,
} from './mail-source-factory';
import { loadSyncConfig } from './sync-config';
import { createSyncWorker, type SyncWorker } from './sync-worker';

export async function startSync(options: {
  database: DatabaseHandle;
  crm: CrmAdapter;
  dataDir: string;
  embedded: boolean;
  env?: Record<string, string | undefined>;
  /** The server's configuration (read from `env` when not given). */
  config?: ServerConfig;
  log?: (line: string) => void;
}): Promise<SyncWorker> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env);
  const secrets = await SecretBox.load({ env, dataDir: options.dataDir, embedded: options.embedded });
  const log = options.log ?? (() => {});
  const sourceOptions = syncSourceOptions(options.database, secrets, config, log);
  const pushErrors = new Map<string, string>();
  const worker = createSyncWorker({
    database: options.database,
    crm: options.crm,
    sources: defaultMailSourceFactory(sourceOptions),
    calendars: defaultCalendarSourceFactory(sourceOptions),
    config: loadSyncConfig(env),
    secrets,
    onError: (error) => log(`sync: ${error instanceof Error ? error.message : String(error)}`),
    onRun: (id, result) => {
      if (result.outcome === 'synced' && result.looked > 0)
        log(`sync: mailbox ${id}: ${result.looked} emails looked at, ${result.saved} saved`);
      const calendar = result.outcome === 'synced' ? result.calendar : undefined;
      if (calendar?.outcome === 'synced' && calendar.looked > 0)
        log(
          `sync: mailbox ${id}: ${calendar.looked} calendar events looked at, ${calendar.saved} saved, ` +
            `${calendar.updated} updated, ${calendar.cancelled} cancelled`,
        );
      if (calendar?.outcome === 'failed') log(`sync: mailbox ${id}: calendar not read: ${calendar.error}`);
      // Said once per cause, not at every run that tries again.
      const pushError = calendar?.outcome === 'synced' ? calendar.pushError : undefined;
      if (pushError && pushErrors.get(id) !== pushError)
        log(`sync: mailbox ${id}: calendar notifications not kept (${pushError}); read on schedule`);
      if (calendar?.outcome === 'synced') {
        if (pushError) pushErrors.set(id, pushError);
        else pushErrors.delete(id);
      }
      if (result.outcome === 'failed') log(`sync: mailbox ${id} failed: ${result.error}`);
    },
  });
  await worker.start();
  return worker;
}

/**
 * What the engine's sources need: the key that opens mailbox secrets, the OAuth apps of Microsoft 365 and Google
 * (the same ones the connect routes signed people in with, or such mailboxes could never refresh their tokens),
 * and where a rotated token cache goes: sealed again into the mailbox row, so a restart keeps the newest tokens.
 */
export function syncSourceOptions(
  database: Pick<DatabaseHandle, 'db'>,
  secrets: SecretBox,
  config: ServerConfig,
  log?: (line: string) => void,
): SourceFactoryOptions {
  return {
    secrets,
    ...providerSourceOptions({ config, db: database.db, ...(log ? { log } : {}) }),
    onSecretChange: (mailbox, secret) =>
      storeMailboxSecret(database.db, mailbox.id, secrets.seal(JSON.stringify(secret), mailbox.id)),
  };
}
