import type { CommandContext } from './cli-database';

// The commands that work on the database: `liaison users`, `crm`, `migrate` and `explain --message-id`. The shell
// runs them through main.ts; a server holding the embedded data folder runs the same ones for the shell
// (server-context.ts). Their modules load only when called.

/** Loads a command's module on first use (CommonJS require: the compiled JavaScript, or tsx's loader). */
export function load<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

/** `explain` with --message-id reads the decision log; without it, it tries a file offline. */
function wantsLoggedDecision(args: string[]): boolean {
  return args.some((a) => a === '--message-id' || a.startsWith('--message-id='));
}

export function isDatabaseCommand(argv: string[]): boolean {
  const [command, ...rest] = argv;
  return (
    command === 'users' ||
    command === 'crm' ||
    command === 'migrate' ||
    (command === 'explain' && wantsLoggedDecision(rest))
  );
}

/** Runs a command isDatabaseCommand accepts. */
export function runDatabaseCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'users':
      return load<typeof import('./users-command')>('./users-command').usersCommand(rest, ctx);
    case 'crm':
      return load<typeof import('./crm-command')>('./crm-command').crmCommand(rest, ctx);
    case 'migrate':
      return load<typeof import('./migrate-command')>('./migrate-command').migrateCommand(rest, ctx);
    case 'explain':
      return load<typeof import('./explain-logged-command')>('./explain-logged-command').explainLoggedCommand(
        rest,
        ctx,
      );
    default:
      throw new Error(`not a database command: ${String(command)}`);
  }
}
