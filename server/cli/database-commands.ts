import type { CommandContext } from './cli-database';

// The commands that work on the database: `liaison users`, `crm`, `migrate` and `explain --message-id`. The shell
// runs them through local-context.ts; a server holding the embedded data folder runs the same ones for the shell
// (server-context.ts). Each command's module loads when it is called: a `require` inside the function, which the
// compiled build (scripts/build-server.js) keeps in the same file but runs only then.
/* eslint-disable @typescript-eslint/no-require-imports */

/** Runs a command isDatabaseCommand (command-kinds.ts) accepts. */
export function runDatabaseCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'users':
      return (require('./users-command') as typeof import('./users-command')).usersCommand(rest, ctx);
    case 'crm':
      return (require('./crm-command') as typeof import('./crm-command')).crmCommand(rest, ctx);
    case 'migrate':
      return (require('./migrate-command') as typeof import('./migrate-command')).migrateCommand(rest, ctx);
    case 'explain':
      return (
        require('./explain-logged-command') as typeof import('./explain-logged-command')
      ).explainLoggedCommand(rest, ctx);
    default:
      throw new Error(`not a database command: ${String(command)}`);
  }
}
