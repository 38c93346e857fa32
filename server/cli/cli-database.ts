import type { ServerConfig } from '../config';
import type { DatabaseHandle, OpenDatabaseOptions } from '../db/open-database';

// What a database command (users, crm import, explain --message-id, migrate) is given to run: where it writes, where
// the files it names are found, and the database. The same command code runs in the `liaison` process
// (local-context.ts) and, while a server holds the embedded data folder, inside that server (server-context.ts).

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** Work on the database; answers the command's exit code. */
export type DatabaseWork = (handle: DatabaseHandle, config: ServerConfig) => Promise<number>;

export interface CommandContext {
  io: CommandIo;
  /** The folder relative file names on the command line are read from (the caller's). */
  cwd: string;
  /**
   * Runs `work` on the configured database. `migrate: false` asks for it as found (`liaison migrate` migrates and
   * says what it did); a server's database is migrated already.
   */
  withDatabase(work: DatabaseWork, options?: { migrate?: boolean }): Promise<number>;
}

export function databaseOptions(config: ServerConfig): Omit<OpenDatabaseOptions, 'migrate'> {
  return {
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(config.dbSchema ? { schema: config.dbSchema } : {}),
    // One command, one connection at a time: a small pool is enough.
    poolSize: 2,
  };
}

/** Usage errors print the command's usage and exit 2. */
export function usageError(io: CommandIo, message: string, usage: string): number {
  io.err(`liaison: ${message}\n\n${usage}`);
  return 2;
}

/** parseArgs throws on unknown options; those are usage errors too. */
export function isArgsError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error`: Node's own errors may come from another realm (jest's sandbox).
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
