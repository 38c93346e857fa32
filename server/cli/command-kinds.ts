// Which commands work on the database (`users`, `crm`, `migrate`, `explain --message-id`): the shell runs them on
// its own or through the server holding the embedded data folder (database-commands.ts). A module of its own so
// that `liaison` can tell without loading any command.

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
