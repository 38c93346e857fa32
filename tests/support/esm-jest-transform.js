// Jest's CommonJS runtime cannot load ES-module-only packages. For the few that tests reach (cookie, through
// fastify's inject), TypeScript's transpiler rewrites import/export to require/exports. See jest.config.js.
const { createHash } = require('node:crypto');
const ts = require('typescript');

module.exports = {
  process(source, filename) {
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update('esm-jest-transform-v1').update(filename).update(source).digest('hex');
  },
};
