import { parseArgs } from 'node:util';
import { isArgsError, usageError, type CommandContext } from './cli-database';

// `liaison migrate`: brings the configured database to the latest schema and says what it did.

const USAGE = `Usage: liaison migrate
  Runs the database migrations on DATABASE_URL (PostgreSQL) or the embedded PGlite in LIAISON_DATA_DIR.
`;

export async function migrateCommand(args: string[], ctx: CommandContext): Promise<number> {
  try {
    parseArgs({ args, options: {}, allowPositionals: false });
  } catch (error) {
    if (isArgsError(error)) return usageError(ctx.io, error.message, USAGE);
    throw error;
  }
  return ctx.withDatabase(
    async (handle, config) => {
      const where = config.databaseUrl
        ? `PostgreSQL${config.dbSchema ? ` (schema ${config.dbSchema})` : ''}`
        : `PGlite in ${config.dataDir}`;
      const { applied } = await handle.migrate();
      if (applied.length === 0) {
        ctx.io.out(`Database up to date (${where}): no migrations to apply.\n`);
      } else {
        ctx.io.out(
          `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:\n${applied
            .map((name) => `  ${name}\n`)
            .join('')}`,
        );
      }
      return 0;
    },
    { migrate: false },
  );
}
