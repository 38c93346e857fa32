import { isDatabaseCommand } from './command-kinds';

// `liaison <command>`: each command is a function from its arguments to an exit code. Commands load only when
// called, so `liaison users list` does not pay for fastify, jsforce and the mail clients.

/**
 * Loads a command's module (CommonJS require: the compiled JavaScript, or tsx's loader). The path is not spelled
 * out in the call, so the compiled build (scripts/build-server.js) makes each of these modules a file of its own.
 */
function load<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

const USAGE = `Usage: liaison <command> [options]

Commands:
  serve
      Start the server (PORT, HOST, DATABASE_URL, LIAISON_DATA_DIR; see the README).
  worker
      Run the sync engine only (several workers may share one PostgreSQL; LIAISON_SYNC_* settings).
  explain <file.eml> --context <ctx.json> [--folder inbox|sent|archive|…] [--json]
      Decide what autosharing does with one email and print the decision and its reasons.
  explain --message-id <id> --user <address> [--json]
      The logged decision and its reasons for one of a user's emails.
  migrate
      Bring the database (DATABASE_URL, or PGlite in LIAISON_DATA_DIR) to the latest schema.
  users add <address> [aliases…] [--name "…"] [--admin] [--crm-user-id ID] [--not-included]
  users list [--json] | users remove <address> | users link <address>
      Manage users; \`link\` prints a one-time sign-in link.
  crm import <file.json|file.csv> [--format json|csv] [--kind account|…] [--dry-run]
      Import accounts, contacts, leads, opportunities into the embedded CRM (examples/import/README.md).
`;

export async function main(argv: string[]): Promise<number> {
  if (isDatabaseCommand(argv)) {
    return load<typeof import('./local-context')>('./local-context').runLocalCommand(argv);
  }
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return load<typeof import('./serve-command')>('./serve-command').serveCommand(rest);
    case 'worker':
      return load<typeof import('./worker-command')>('./worker-command').workerCommand(rest);
    case 'explain':
      return load<typeof import('./explain-command')>('./explain-command').explainCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`liaison: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
