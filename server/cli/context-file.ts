import { readFile } from 'node:fs/promises';
import { autoshareContextSchema, describeZodError } from '../../src/api/core-schemas';
import { z } from 'zod';
import type { AutoshareContext, EventContext } from '../../src';

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

/** What an event's context adds to the file (event-rules.md section 1), both optional. */
const eventExtrasSchema = z.object({
  savedEvents: z
    .array(
      z.object({ key: z.string(), fingerprint: z.string(), sequence: z.number(), cancelled: z.boolean() }),
    )
    .default([]),
  crmUsers: z.array(z.object({ address: z.string(), crmUserId: z.string() })).default([]),
});

/** The context file read for an event: the email context, with `savedEvents` and `crmUsers` when it has them. */
export async function readEventContextFile(
  path: string,
  clock: { now: string; horizonDays: number },
): Promise<EventContext> {
  const ctx = await readContextFile(path);
  const extras = eventExtrasSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!extras.success)
    throw new Error(
      `the context file ${path} is not a valid event context:\n  ${describeZodError(extras.error).join('\n  ')}`,
    );
  return { ...ctx, ...clock, ...extras.data };
}
