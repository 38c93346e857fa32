import { explainCommand } from './explain-command';
import { serveCommand } from './serve-command';

// `liaison <command>`: each command is a function from its arguments to an exit code.

const USAGE = `Usage: liaison <command> [options]

Commands:
  serve
      Start the server (PORT, HOST, DATABASE_URL, LIAISON_DATA_DIR; see the README).
  explain <file.eml> --context <ctx.json> [--folder inbox|sent|archive|…] [--json]
      Decide what autosharing does with one email and print the decision and its reasons.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case 'explain':
      return explainCommand(rest);
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
