import { crmCommand } from './crm-command';
import { explainCommand } from './explain-command';
import { migrateCommand } from './migrate-command';
import { serveCommand } from './serve-command';
import { usersCommand } from './users-command';

// `liaison <command>`: each command is a function from its arguments to an exit code.

const USAGE = `Usage: liaison <command> [options]

Commands:
  serve
      Start the server (PORT, HOST, DATABASE_URL, LIAISON_DATA_DIR; see the README).
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
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'explain':
      return explainCommand(rest);
    case 'migrate':
      return migrateCommand(rest);
    case 'users':
      return usersCommand(rest);
    case 'crm':
      return crmCommand(rest);
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
