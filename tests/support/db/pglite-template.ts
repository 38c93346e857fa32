// A freshly initialised PGlite data folder, dumped once per PGlite version into the temp folder:
// starting from it skips initdb, which is most of PGlite's start-up time (seconds on a busy machine).
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

let cached: Promise<Blob> | undefined;

export function pgliteTemplate(): Promise<Blob> {
  cached ??= loadOrCreate();
  return cached;
}

function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const packageJson = path.join(path.dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

async function loadOrCreate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `liaison-pglite-template-${pgliteVersion()}.tar`);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const pglite = new PGlite();
  try {
    await pglite.waitReady; // dumpDataDir before ready never settles
    const dump = await pglite.dumpDataDir('none');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Several jest workers may race here: each writes its own file, the rename is atomic.
    const temporary = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
    return new Blob([bytes]);
  } finally {
    await pglite.close();
  }
}
