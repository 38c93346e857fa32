import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type ServerConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { askAdminSocket } from '../runtime/admin-socket';
import { acquireDataFolderLock, DataFolderBusyError, type DataFolderLock } from '../runtime/data-folder-lock';
import { databaseOptions, type CommandContext, type CommandIo, type DatabaseWork } from './cli-database';
import { runDatabaseCommand } from './database-commands';

// A database command run from the shell. On PostgreSQL it opens the database (many processes may). On the embedded
// PGlite it takes the data folder's lock and opens the folder; while a server (or worker) holds the folder, the
// command runs inside that process through its admin socket instead, so what it does is what the server sees.

/** How long to wait for a folder held by a command that is about to finish, or by a server still starting. */
const WAIT_FOR_FOLDER_MS = 30_000;

/** `liaison users|crm|migrate|explain --message-id …` from the shell. */
export function runLocalCommand(argv: string[]): Promise<number> {
  return runDatabaseCommand(argv, localContext(argv));
}

export function localContext(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): CommandContext {
  const io: CommandIo = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
  return {
    io,
    cwd: process.cwd(),
    withDatabase: (work, options) => onDatabase(argv, env, io, work, options?.migrate ?? true),
  };
}

async function onDatabase(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CommandIo,
  work: DatabaseWork,
  migrate: boolean,
): Promise<number> {
  const config = loadConfig(env);
  if (config.databaseUrl) return openAndRun(config, work, migrate);
  const deadline = Date.now() + WAIT_FOR_FOLDER_MS;
  for (;;) {
    let lock: DataFolderLock;
    try {
      lock = acquireDataFolderLock(config.dataDir, `liaison ${argv.slice(0, 2).join(' ')}`);
    } catch (error) {
      if (!(error instanceof DataFolderBusyError)) throw error;
      const answer = error.holder.socket
        ? await askAdminSocket(error.holder.socket, { argv, cwd: process.cwd() })
        : undefined;
      if (answer) {
        io.out(answer.stdout);
        io.err(answer.stderr);
        return answer.code;
      }
      if (Date.now() > deadline) throw error;
      await sleep(250);
      continue;
    }
    try {
      return await openAndRun(config, work, migrate);
    } finally {
      lock.release();
    }
  }
}

async function openAndRun(config: ServerConfig, work: DatabaseWork, migrate: boolean): Promise<number> {
  const handle = await openDatabase({ ...databaseOptions(config), migrate });
  try {
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}
