import { createTokenAuth, OneTimeLinks, Sessions } from '../auth';
import type { AppDeps } from '../app/app-deps';
import type { ServerConfig } from '../config';
import { EmbeddedCrm } from '../crm/embedded/embedded-crm';
import { DbOneTimeTokenStore, DbSessionStore } from '../db/auth-stores';
import { openDatabase, type DatabaseHandle } from '../db/open-database';

// Wires the server's parts from its configuration: the database (migrated on open), the CRM, sign-in.

export interface Runtime {
  deps: AppDeps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export async function createRuntime(
  config: ServerConfig,
  options: { schema?: string; now?: () => Date } = {},
): Promise<Runtime> {
  const database = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  const now = options.now ?? (() => new Date());
  const tokens = await createTokenAuth({
    dataDir: config.dataDir,
    embedded: config.embeddedIssuer,
    publicUrl: config.publicUrl,
  });
  const deps: AppDeps = {
    config,
    db: database.db,
    backend: database.backend,
    tokens,
    sessions: new Sessions({ store: new DbSessionStore(database.db), now }),
    links: new OneTimeLinks({ store: new DbOneTimeTokenStore(database.db), now }),
    crm: new EmbeddedCrm(database.db),
    now,
  };
  return { deps, database, close: () => database.close() };
}
