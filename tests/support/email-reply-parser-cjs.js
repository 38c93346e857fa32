// email-reply-parser is ES modules only ("type": "module"), and jest's CommonJS runtime refuses such packages
// before any transform runs (Node 20 loads it with require(esm), as the server does). For the tests, esbuild
// bundles it to CommonJS once per worker; import.meta.url (its createRequire for the optional re2) is its own file.
const { buildSync } = require('esbuild');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const entry = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  'email-reply-parser',
  'dist',
  'emailreplyparser.js',
);
const { outputFiles } = buildSync({
  entryPoints: [entry],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  write: false,
  external: ['re2'],
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
  logLevel: 'error',
});
const loaded = { exports: {} };
new Function('module', 'exports', 'require', outputFiles[0].text)(loaded, loaded.exports, require);
module.exports = loaded.exports;
