#!/usr/bin/env node
// The `liaison` command line. It runs the server's compiled JavaScript (dist/server/<build>/, made by
// scripts/build-server.js and made again whenever a source changed); without esbuild (installed without dev
// dependencies) it runs the TypeScript sources through tsx's loader instead, which takes longer to start.
const { join } = require('node:path');
const { ensureServerBuilt } = require('../scripts/build-server');

function loadMain() {
  const built = ensureServerBuilt();
  if (built) return require(join(built, 'server', 'cli', 'main.js')).main;
  require('tsx/cjs/api').register();
  return require('../server/cli/main.ts').main;
}

loadMain()(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`liaison: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
