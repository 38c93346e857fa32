import { readFile } from 'node:fs/promises';
import { autoshareContextSchema, describeZodError } from '../../src/api/core-schemas';
import type { AutoshareContext } from '../../src';

/** Reads and checks an AutoshareContext JSON file; a bad file is an error that names each wrong field. */
export async function readContextFile(path: string): Promise<AutoshareContext> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read the context file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = autoshareContextSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `the context file ${path} is not a valid context:\n  ${describeZodError(parsed.error).join('\n  ')}`,
    );
  }
  return parsed.data;
}
