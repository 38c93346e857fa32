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
  options: { now?: () => Date } = {},
): Promise<Runtime> {
  const database = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(config.dbSchema ? { schema: config.dbSchema } : {}),
  });
  const deps = await createDeps(config, database, options.now);
  return { deps, database, close: () => database.close() };
}

/** The parts around an open database (tests bring their own database). */
export async function createDeps(
  config: ServerConfig,
  database: DatabaseHandle,
  clock?: () => Date,
): Promise<AppDeps> {
  const now = clock ?? (() => new Date());
  const tokens = await createTokenAuth({
    dataDir: config.dataDir,
    embedded: config.embeddedIssuer,
    publicUrl: config.publicUrl,
  });
  return {
    config,
    db: database.db,
    backend: database.backend,
    tokens,
    sessions: new Sessions({ store: new DbSessionStore(database.db), now }),
    links: new OneTimeLinks({ store: new DbOneTimeTokenStore(database.db), now }),
    crm: new EmbeddedCrm(database.db),
    now,
  };
}
