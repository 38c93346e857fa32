import { setTimeout as sleep } from 'node:timers/promises';
import { answerForwardedCommand } from '../cli/server-context';
import type { ServerConfig } from '../config';
import type { DatabaseHandle } from '../db/open-database';
import { adminSocketPath, listenAdminSocket, type AdminSocket } from './admin-socket';
import { acquireDataFolderLock, DataFolderBusyError, type DataFolderLock } from './data-folder-lock';

// `liaison serve` and `liaison worker` on the embedded PGlite: the data folder is theirs alone for as long as they
// run, and the command line's database commands reach them through the admin socket instead of opening it.

const LONG_RUNNING = new Set(['liaison serve', 'liaison worker']);

/** Takes the folder's lock; a one-shot command holding it (`liaison users add`…) is waited for, a server is not. */
export async function holdDataFolder(
  dataDir: string,
  command: string,
  waitMs = 30_000,
): Promise<DataFolderLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return acquireDataFolderLock(dataDir, command);
    } catch (error) {
      if (
        !(error instanceof DataFolderBusyError) ||
        LONG_RUNNING.has(error.holder.command) ||
        Date.now() > deadline
      )
        throw error;
      await sleep(250);
    }
  }
}

/** Answers the command line on the folder's admin socket and says so in the lock; undefined when it cannot listen. */
export async function answerCommands(
  lock: DataFolderLock,
  database: DatabaseHandle,
  config: ServerConfig,
): Promise<AdminSocket | undefined> {
  let socket: AdminSocket;
  try {
    socket = await listenAdminSocket(adminSocketPath(config.dataDir), (request) =>
      answerForwardedCommand(request, database, config),
    );
  } catch (error) {
    // A folder path too long for a socket name, say: the command line then refuses with a sentence instead.
    process.stderr.write(
      `Commands such as \`liaison users link\` cannot reach this process while it runs (admin socket: ${
        error instanceof Error ? error.message : String(error)
      }); stop it to run them.\n`,
    );
    return undefined;
  }
  lock.announceSocket(socket.path);
  return socket;
}
