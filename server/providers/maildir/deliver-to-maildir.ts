import { mkdir, rename, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { folderDir } from './maildir-folders';

// Delivers a message the Maildir way (write into tmp/, then rename into new/, so readers never see half a file),
// for the embedded demo and the tests. `folder` is `INBOX` or a Maildir++ name (`Sent`, `Archive`, `Junk`…).

let counter = 0;

export interface Delivered {
  /** The file's path in new/. */
  path: string;
  /** Its unique part, which flag changes keep. */
  unique: string;
}

export async function deliverToMaildir(
  dir: string,
  folder: string,
  rawMessage: string | Buffer,
  options: { mtime?: Date } = {},
): Promise<Delivered> {
  const base = join(dir, folderDir(folder));
  // The root is a Maildir of its own (the inbox); a Maildir++ subfolder is marked by a `maildirfolder` file.
  for (const at of new Set([dir, base])) {
    await Promise.all(['tmp', 'new', 'cur'].map((sub) => mkdir(join(at, sub), { recursive: true })));
  }
  if (base !== dir) await writeFile(join(base, 'maildirfolder'), '');
  const now = Date.now();
  const unique = [
    Math.floor(now / 1000),
    `M${(now % 1000) * 1000}P${process.pid}Q${++counter}R${randomBytes(6).toString('hex')}`,
    hostname().replace(/[/:]/g, '_'),
  ].join('.');
  const temporary = join(base, 'tmp', unique);
  await writeFile(temporary, rawMessage);
  if (options.mtime) await utimes(temporary, options.mtime, options.mtime);
  const path = join(base, 'new', unique);
  await rename(temporary, path);
  return { path, unique };
}
