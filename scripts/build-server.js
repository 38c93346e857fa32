#!/usr/bin/env node
// Compiles the server and what it imports (server/, src/, the Gmail add-on's cards: TypeScript) to JavaScript in
// dist/server/<build>/, once, like the faces: `liaison` then starts without compiling TypeScript at every start.
// <build> names the sources it was made from (each file's path, size and time), so a change to any of them makes
// the next `liaison` build again (esbuild: well under a second) and a fresh clone's `npm ci && npm start` works.
// A build is written to a temporary folder and renamed into place, so processes starting at the same moment (the
// tests) never see half a build. Without esbuild (installed without dev dependencies) `liaison` runs the
// TypeScript through tsx as before.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
// What the server imports: its own folder, the core, and the Gmail add-on's card model (served over HTTP).
const SOURCES = ['server', 'src', 'gmail-addon/card-model', 'gmail-addon/render'];
const BUILDS = join(ROOT, 'dist', 'server');
/** Older builds are removed once this old: a long-running server may still load a command's module from its own. */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

function sourceFiles(dir = ROOT, folders = SOURCES, out = []) {
  for (const folder of folders) {
    const path = join(dir, folder);
    for (const entry of fs.readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory()) sourceFiles(path, [entry.name], out);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(join(path, entry.name));
    }
  }
  return out;
}

/** The build's name: a digest of every source's path, size and modification time, and of this script. */
function buildName(files) {
  const hash = createHash('sha256');
  for (const file of [...files, join(__dirname, 'build-server.js')]) {
    const stat = fs.statSync(file);
    hash.update(`${relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes builds other than `keep` that are more than a day old (best effort). */
function removeOldBuilds(keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(BUILDS)) {
    if (name === keep) continue;
    const path = join(BUILDS, name);
    try {
      if (now - fs.statSync(path).mtimeMs > KEEP_OLD_MS) fs.rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * The folder of the compiled build for the sources as they are now (built first when missing), or undefined when
 * esbuild is not installed. `force` builds even when a build exists.
 */
function ensureServerBuilt({ force = false, quiet = true } = {}) {
  const files = sourceFiles();
  const name = buildName(files);
  const dir = join(BUILDS, name);
  if (!force && fs.existsSync(join(dir, '.complete'))) return dir;
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return undefined;
  }
  if (!quiet)
    console.log(`Compiling the server (${files.length} files, esbuild) into ${relative(ROOT, dir)}…`);
  fs.mkdirSync(BUILDS, { recursive: true });
  const temporary = join(BUILDS, `.tmp-${process.pid}-${Date.now()}`);
  esbuild.buildSync({
    entryPoints: files,
    outdir: temporary,
    outbase: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  fs.writeFileSync(join(temporary, '.complete'), `${new Date().toISOString()}\n`);
  try {
    if (force) fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temporary, dir);
  } catch (error) {
    // Another process finished the same build first: use theirs.
    fs.rmSync(temporary, { recursive: true, force: true });
    if (!fs.existsSync(join(dir, '.complete'))) throw error;
  }
  removeOldBuilds(name);
  return dir;
}

module.exports = { ensureServerBuilt };

if (require.main === module) {
  const dir = ensureServerBuilt({ force: true, quiet: false });
  if (!dir) {
    console.error(
      'esbuild is not installed (npm ci installs it): `liaison` will compile TypeScript at every start.',
    );
    process.exitCode = 1;
  }
}
