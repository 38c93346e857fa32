#!/usr/bin/env node
// Builds the browser faces (dist/web/<name>) with webpack. `--if-stale` builds only a face whose sources (its
// folder or the shared core in src/) are newer than its build: `npm start` runs that, so a fresh clone just works
// and a second start costs nothing.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const FACES = ['taskpane', 'dashboard'];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function isStale(name) {
  const built = join(ROOT, 'dist', 'web', name, 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newest(join(ROOT, name)),
    newest(join(ROOT, 'src')),
    statSync(join(ROOT, 'webpack.config.js')).mtimeMs,
  );
  return sources > statSync(built).mtimeMs;
}

function build(names) {
  if (names.length === 0) return;
  console.log(`Building ${names.join(' and ')} (webpack, production)…`);
  const args = [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'];
  for (const name of names) args.push('--config-name', name);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
}

/** Builds the named faces that are missing or older than their sources. */
function ensureBuilt(names = FACES) {
  build(names.filter(isStale));
}

module.exports = { ensureBuilt, isStale, FACES };

if (require.main === module) {
  if (process.argv.includes('--if-stale')) ensureBuilt();
  else build(FACES);
}
