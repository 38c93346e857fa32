import { loadConfig, type ServerConfig } from '../config';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../db/open-database';

// The database the command line works on: the same one `serve` would open (DATABASE_URL or the
// embedded PGlite in LIAISON_DATA_DIR, in LIAISON_DB_SCHEMA when set).

export function databaseOptions(config: ServerConfig): Omit<OpenDatabaseOptions, 'migrate'> {
  return {
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(config.dbSchema ? { schema: config.dbSchema } : {}),
    // One command, one connection at a time: a small pool is enough.
    poolSize: 2,
  };
}

/** Opens (and migrates) the configured database, runs `work`, and always closes it. */
export async function withDatabase<T>(
  work: (handle: DatabaseHandle, config: ServerConfig) => Promise<T>,
  env: Record<string, string | undefined> = process.env,
): Promise<T> {
  const config = loadConfig(env);
  const handle = await openDatabase(databaseOptions(config));
  try {
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}

/** Usage errors print the command's usage and exit 2. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`liaison: ${message}\n\n${usage}`);
  return 2;
}

/** parseArgs throws on unknown options; those are usage errors too. */
export function isArgsError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error`: Node's own errors may come from another realm (jest's sandbox).
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
