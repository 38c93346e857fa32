#!/usr/bin/env node
// The `liaison` command line. The sources are TypeScript, run through tsx's loader (no build step).
require('tsx/cjs/api').register();
const { main } = require('../server/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`liaison: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
