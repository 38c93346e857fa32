import type { ServerConfig } from '../config';
import type { DatabaseHandle } from '../db/open-database';
import type { AdminAnswer, AdminRequest } from '../runtime/admin-socket';
import type { CommandContext } from './cli-database';
import { isDatabaseCommand } from './command-kinds';
import { runDatabaseCommand } from './database-commands';

// A database command sent by `liaison` to the process holding the embedded data folder (admin-socket.ts): the same
// command code, run here on this process's database and configuration (so a sign-in link names this server's public
// URL), its output collected for the caller to print.

export async function answerForwardedCommand(
  request: AdminRequest,
  database: DatabaseHandle,
  config: ServerConfig,
): Promise<AdminAnswer> {
  let stdout = '';
  let stderr = '';
  if (!isDatabaseCommand(request.argv)) {
    return {
      code: 2,
      stdout,
      stderr: 'liaison: a running server answers only users, crm, migrate and explain --message-id\n',
    };
  }
  const ctx: CommandContext = {
    io: { out: (text) => void (stdout += text), err: (text) => void (stderr += text) },
    cwd: request.cwd,
    withDatabase: (work) => work(database, config),
  };
  const code = await runDatabaseCommand(request.argv, ctx);
  return { code, stdout, stderr };
}
