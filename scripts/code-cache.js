// Runs one of the server's bundles (dist/server/<build>/server/cli/<name>.bundle.js) with V8's code cache: the
// compiled code is kept beside the bundle after its first run (<name>.bundle.js.cache), so later starts skip most of
// compiling some megabytes of JavaScript. Node 22 does this itself (module.enableCompileCache); Node 20 does not.
// V8 checks the cache against the source and its own version and flags, and compiles as usual when it does not
// match. scripts/build-server.js copies this file into each build and writes, for each bundle, the module that calls
// it in the bundle's place, so `require` and `load` find the same names as before.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

/** Runs `name` (a file in `dir`) as the module `module` would have been, with `require` as its own. */
module.exports = function runBundle(module, require, dir, name) {
  const file = path.join(dir, name);
  const cacheFile = `${file}.cache`;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // the first run: it writes the cache at exit
  }
  // The wrapper Node itself puts around a CommonJS module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // Made at exit, the cache holds what this run compiled lazily as well (the functions a start calls).
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => save(script, cacheFile));
  script.runInThisContext({ displayErrors: true })(module.exports, require, module, file, dir);
};

function save(script, cacheFile) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile); // processes exiting together each write a whole file
  } catch {
    // A read-only install, say: every start compiles, as without the cache.
    fs.rmSync(temporary, { force: true });
  }
}
