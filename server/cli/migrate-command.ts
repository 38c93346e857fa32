import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrateDatabase } from '../db/open-database';
import { databaseOptions, isArgsError, usageError } from './cli-database';

// `liaison migrate`: brings the configured database to the latest schema and says what it did.

const USAGE = `Usage: liaison migrate
  Runs the database migrations on DATABASE_URL (PostgreSQL) or the embedded PGlite in LIAISON_DATA_DIR.
`;

export async function migrateCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  try {
    parseArgs({ args, options: {}, allowPositionals: false });
  } catch (error) {
    if (isArgsError(error)) return usageError(error.message, USAGE);
    throw error;
  }
  const config = loadConfig(env);
  const where = config.databaseUrl
    ? `PostgreSQL${config.dbSchema ? ` (schema ${config.dbSchema})` : ''}`
    : `PGlite in ${config.dataDir}`;
  const { applied } = await migrateDatabase(databaseOptions(config));
  if (applied.length === 0) {
    process.stdout.write(`Database up to date (${where}): no migrations to apply.\n`);
  } else {
    process.stdout.write(
      `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${where}:\n${applied
        .map((name) => `  ${name}\n`)
        .join('')}`,
    );
  }
  return 0;
}
