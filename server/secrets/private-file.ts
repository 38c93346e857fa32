import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Owner-only permissions for key material: the file 0600, its folder 0700. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Reads a private file, or creates it with `create()` when missing. Creation uses the exclusive
 * flag so two processes starting together (serve and worker) end up sharing one key instead of
 * overwriting each other: the loser of the race reads the winner's file.
 * An existing file with looser permissions is tightened back to 0600.
 */
export async function readOrCreatePrivateFile(
  filePath: string,
  create: () => Promise<string> | string,
): Promise<{ content: string; created: boolean }> {
  const existing = await readPrivateFile(filePath);
  if (existing !== undefined) return { content: existing, created: false };

  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: PRIVATE_DIR_MODE });
  const content = await create();
  // Written to a temporary name first so a crash never leaves a half-written key behind.
  const temp = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    await fs.link(temp, filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readPrivateFile(filePath);
    if (winner === undefined) throw error;
    return { content: winner, created: false };
  } finally {
    await fs.rm(temp, { force: true });
  }
  return { content, created: true };
}

async function readPrivateFile(filePath: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(filePath);
    if ((stat.mode & 0o077) !== 0) await fs.chmod(filePath, PRIVATE_FILE_MODE);
    return await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
