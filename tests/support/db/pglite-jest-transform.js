// Jest runs CommonJS in a vm context where `import()` needs --experimental-vm-modules. PGlite's CJS
// build only dynamically imports Node built-ins (fs, zlib, util, node:module, stream), so they
// become plain requires here. Used by jest.config.js for @electric-sql/pglite's dist files only.
const { createHash } = require('node:crypto');

const DYNAMIC_IMPORT = /\bimport\(\s*(["'])((?:node:)?[a-z_/]+)\1\s*\)/g;

module.exports = {
  process(source) {
    // The emscripten glue declares its own `var require` (hoisted), so keep a private alias.
    const code = source.replace(DYNAMIC_IMPORT, 'Promise.resolve(__pgliteRequire($1$2$1))');
    const strict = /^\s*(["'])use strict\1;?/.exec(code);
    const head = strict ? strict[0] : '';
    return { code: `${head}const __pgliteRequire = require;${code.slice(head.length)}` };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update('pglite-jest-transform-v3')
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
