// Runs the real `bin/liaison.js` as a child process and answers its exit code and output (it never throws on a
// non-zero exit, so tests can assert on the code). A data folder made here starts from the dumped PGlite
// template, which spares each test file PGlite's initdb (5–15 s on a busy machine).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplate } from '../support/db/pglite-template';

export const root = join(__dirname, '..', '..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function liaison(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'liaison.js'), ...args],
      {
        cwd: root,
        // Only what the command needs: no DATABASE_URL leaking in from the developer's shell.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          LOG_LEVEL: 'silent',
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A temporary LIAISON_DATA_DIR holding an initialised (not yet migrated) PGlite database. */
export async function pgliteDataDir(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
  const pglite = new PGlite({ dataDir: join(dir, 'pglite'), loadDataDir: await pgliteTemplate() });
  await pglite.waitReady;
  await pglite.close();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
