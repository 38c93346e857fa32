#!/usr/bin/env node
// Compiles the server and what it imports (server/, src/, the Gmail add-on's cards: TypeScript) to JavaScript in
// dist/server/<build>/, once, like the faces: `liaison` then starts without compiling TypeScript at every start.
// Each command `liaison` loads (server/cli/main.ts's `load`) is one bundle with the libraries it imports: Node then
// reads a handful of files at start instead of some 1,500 (kysely alone is 262), which was most of the time
// `liaison explain` took and a good part of `liaison serve`'s start. Left outside, loaded from node_modules: PGlite
// (it reads its .wasm and .data beside its module), pg-boss (pg-boss-unawaited.ts patches its Manager there) and
// the client libraries server/runtime/heavy-modules.ts loads on first use (so they still load only then).
// <build> names the sources it was made from (each file's path, size and time, and the installed packages'
// lock), so a change to any of them makes the next `liaison` build again (esbuild: a few seconds) and a fresh
// clone's `npm ci && npm start` works. A build is written to a temporary folder and renamed into place, so
// processes starting at the same moment (the tests) never see half a build. Without esbuild (installed without dev
// dependencies) `liaison` runs the TypeScript through tsx as before.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { basename, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
// What the server imports: its own folder, the core, and the Gmail add-on's card model (served over HTTP).
const SOURCES = ['server', 'src', 'gmail-addon/card-model', 'gmail-addon/render'];
const BUILDS = join(ROOT, 'dist', 'server');
/** The modules server/cli/main.ts loads with `load`: each is a bundle (main.js itself is the first). */
const ENTRIES = ['main', 'serve-command', 'worker-command', 'explain-command', 'local-context'].map((name) =>
  join(ROOT, 'server', 'cli', `${name}.ts`),
);
/** What the installed packages are: the bundles hold their code, so a new install makes a new build. */
const INSTALLED = ['package.json', 'package-lock.json', join('node_modules', '.package-lock.json')];
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

/** The build's name: a digest of every source's path, size and modification time, of the install and these scripts. */
function buildName(files) {
  const hash = createHash('sha256');
  const installed = INSTALLED.map((file) => join(ROOT, file)).filter((file) => fs.existsSync(file));
  const scripts = ['build-server.js', 'code-cache.js'].map((name) => join(__dirname, name));
  for (const file of [...files, ...installed, ...scripts]) {
    const stat = fs.statSync(file);
    hash.update(`${relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The packages heavy-modules.ts requires on first use: they stay out of the bundles to keep loading late. */
function lateLibraries() {
  const source = fs.readFileSync(join(ROOT, 'server', 'runtime', 'heavy-modules.ts'), 'utf8');
  return [...source.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]);
}

/**
 * Code that finds files beside its own module (__dirname, __filename, require.resolve, import.meta) or loads its
 * parts through an AMD/UMD wrapper (jsonc-parser: esbuild cannot follow those requires) works only where npm put
 * it: its package stays outside the bundles.
 */
const LOCATION_BOUND = /\b__dirname\b|\b__filename\b|\brequire\.resolve\b|\bimport\.meta\b|\bdefine\.amd\b/;

/**
 * Location-bound code whose work Liaison never uses, bundled anyway (leaving each package out cost a start some 30
 * and 90 files): pino's transports (a worker thread started from a file beside pino), which the server's logger is
 * never given; @fastify/swagger's read of its own package.json, for a title and version when none is given (build-app
 * gives both).
 */
const UNUSED_HERE = new Set([
  'node_modules/pino/lib/transport.js',
  'node_modules/thread-stream/index.js',
  'node_modules/@fastify/swagger/lib/util/read-package-json.js',
]);

/** `node_modules/a/node_modules/b/x.js` → ['a', 'b']: the packages a file sits in, outermost first. */
function packagesOf(file) {
  const names = [];
  const pattern = /node_modules\/((?:@[^/]+\/)?[^/]+)/g;
  for (const m of file.matchAll(pattern)) names.push(m[1]);
  return names;
}

/**
 * The packages to leave outside a bundle of `options`: those given, plus each package holding location-bound code
 * (found by a first build that only lists its inputs). A package is left out by its name, which names the copy at
 * the top of node_modules: when the one bundled is a copy nested in another package, that package is left out.
 */
function externals(esbuild, options, given) {
  const { metafile } = esbuild.buildSync({ ...options, external: given, write: false, metafile: true });
  const out = new Set(given);
  for (const file of Object.keys(metafile.inputs)) {
    const packages = packagesOf(file);
    if (packages.length === 0 || packages.some((name) => out.has(name)) || UNUSED_HERE.has(file)) continue;
    if (LOCATION_BOUND.test(fs.readFileSync(join(ROOT, file), 'utf8'))) out.add(packages[0]);
  }
  return [...out];
}

/** Bundles the entries into `outdir` (laid out as the sources: server/cli/<name>.js). */
function bundle(esbuild, outdir) {
  const common = {
    bundle: true,
    outdir,
    outbase: ROOT,
    absWorkingDir: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A bundle renames clashing names; errors and classes keep theirs.
    keepNames: true,
    logLevel: 'warning',
  };
  // PGlite reads its .wasm and .data beside its module; pg-boss-unawaited.ts patches pg-boss's Manager in
  // node_modules; pg-native is optional (pg loads it only when asked).
  const always = ['@electric-sql/pglite', 'pg-boss', 'pg-native'];
  const late = lateLibraries();
  const explain = ENTRIES.filter((file) => file.endsWith('explain-command.ts'));
  const others = { ...common, entryPoints: ENTRIES.filter((file) => !explain.includes(file)) };
  esbuild.buildSync({ ...others, external: externals(esbuild, others, [...always, ...late]) });
  // `liaison explain` parses the email every time: mailparser is part of its bundle.
  const explainOnly = { ...common, entryPoints: explain };
  const explainLate = late.filter((name) => name !== 'mailparser');
  esbuild.buildSync({
    ...explainOnly,
    external: externals(esbuild, explainOnly, [...always, ...explainLate]),
  });
}

/**
 * Each bundle but main.js (a few lines) becomes <name>.bundle.js, run through code-cache.js by a <name>.js in its
 * place: later starts use V8's compiled code instead of compiling the bundle again.
 */
function withCodeCache(outdir) {
  fs.copyFileSync(join(__dirname, 'code-cache.js'), join(outdir, 'code-cache.js'));
  const cli = join(outdir, 'server', 'cli');
  for (const entry of ENTRIES) {
    const name = basename(entry, '.ts');
    if (name === 'main') continue;
    fs.renameSync(join(cli, `${name}.js`), join(cli, `${name}.bundle.js`));
    fs.writeFileSync(
      join(cli, `${name}.js`),
      `'use strict';\n// scripts/build-server.js: ${name}.bundle.js, through V8's code cache.\n` +
        `require('../../code-cache.js')(module, require, __dirname, '${name}.bundle.js');\n`,
    );
  }
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
    console.log(`Compiling the server (${files.length} files, esbuild bundles) into ${relative(ROOT, dir)}…`);
  fs.mkdirSync(BUILDS, { recursive: true });
  const temporary = join(BUILDS, `.tmp-${process.pid}-${Date.now()}`);
  bundle(esbuild, temporary);
  withCodeCache(temporary);
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
