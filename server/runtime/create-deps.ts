import { connectionLostLog } from '../db/connection-lost-log';
import { createTokenAuth, OneTimeLinks, Sessions, type TokenAuth } from '../auth';
import type { AppDeps } from '../app/app-deps';
import type { ServerConfig } from '../config';
import { CrmSwitch } from '../crm/crm-switch';
import { salesforceConfigFromEnv } from '../crm/salesforce';
import { openConfiguredCrm } from '../crm/salesforce-connection';
import { DbOneTimeTokenStore, DbSessionStore } from '../db/auth-stores';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { SecretBox } from '../secrets';
import { answerCommands, holdDataFolder } from './embedded-folder';

// Wires the server's parts from its configuration: the database (migrated on open), the CRM, sign-in, secrets.

export interface Runtime {
  deps: AppDeps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export async function createRuntime(
  config: ServerConfig,
  options: {
    now?: () => Date;
    env?: Record<string, string | undefined>;
    /** Who holds an embedded data folder, in the sentence a second process prints. */
    command?: 'liaison serve' | 'liaison worker';
  } = {},
): Promise<Runtime> {
  const lock = config.databaseUrl
    ? undefined
    : await holdDataFolder(config.dataDir, options.command ?? 'liaison serve');
  // The keys are read while the database opens: PGlite's start keeps this thread busy for most of a second, and
  // the files' reads (the thread pool) are done meanwhile instead of after it.
  const keys = loadKeys(config, options.env ?? process.env);
  keys.catch(() => undefined); // heard where it is awaited; the database may fail first
  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
      ...(config.dbSchema ? { schema: config.dbSchema } : {}),
      onConnectionLost: connectionLostLog((line) => process.stderr.write(`${line}\n`)),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const commands = lock ? await answerCommands(lock, database, config) : undefined;
  const close = async () => {
    await commands?.close();
    await database.close();
    lock?.release();
  };
  try {
    return {
      deps: await depsAround(config, database, await keys, options.now, options.env),
      database,
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** The parts around an open database (tests bring their own database). */
export async function createDeps(
  config: ServerConfig,
  database: DatabaseHandle,
  clock?: () => Date,
  env: Record<string, string | undefined> = process.env,
): Promise<AppDeps> {
  return depsAround(config, database, await loadKeys(config, env), clock, env);
}

interface Keys {
  tokens: TokenAuth;
  secrets: SecretBox;
}

/** Sign-in's verifier and issuer key, and the key that seals secrets: read (or made) from the data folder. */
async function loadKeys(config: ServerConfig, env: Record<string, string | undefined>): Promise<Keys> {
  // Both at once: their files are read while the other's are.
  const [tokens, secrets] = await Promise.all([
    createTokenAuth({
      env,
      dataDir: config.dataDir,
      embedded: config.embeddedIssuer,
      publicUrl: config.publicUrl,
    }),
    // Without DATABASE_URL (embedded mode) the key may be generated into the data folder; a deployment on
    // PostgreSQL must bring LIAISON_SECRET_KEY.
    SecretBox.load({ env, dataDir: config.dataDir, embedded: !config.databaseUrl }),
  ]);
  return { tokens, secrets };
}

async function depsAround(
  config: ServerConfig,
  database: DatabaseHandle,
  { tokens, secrets }: Keys,
  clock?: () => Date,
  env: Record<string, string | undefined> = process.env,
): Promise<AppDeps> {
  const now = clock ?? (() => new Date());
  const salesforce = salesforceConfigFromEnv(env, config.publicUrl);
  const crm = new CrmSwitch(
    await openConfiguredCrm({ db: database.db, secrets, salesforce, publicUrl: () => config.publicUrl }),
  );
  return {
    config,
    db: database.db,
    backend: database.backend,
    tokens,
    sessions: new Sessions({ store: new DbSessionStore(database.db), now }),
    links: new OneTimeLinks({ store: new DbOneTimeTokenStore(database.db), now }),
    crm,
    secrets,
    salesforce,
    now,
  };
}
