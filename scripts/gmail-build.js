#!/usr/bin/env node
// Builds the Gmail add-on for Apps Script: esbuild bundles gmail-addon/main.ts into appsscript/Code.js as an IIFE
// assigned to the global `LiaisonAddon`, followed by one top-level function per trigger and action (Apps Script
// calls only top-level functions), and writes appsscript/appsscript.json with the server's origin in
// urlFetchWhitelist. LIAISON_GMAIL_SERVER_URL (https) names the server; `clasp push` from appsscript/.
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { URL } = require('node:url');
const { Buffer } = require('node:buffer');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const GLOBAL = 'LiaisonAddon';
/** Top-level function name → the bundle's export it calls. Keep in step with gmail-addon/apps-script/function-names.ts. */
const ENTRIES = {
  liaisonHomepage: 'homepage',
  liaisonMessageOpen: 'messageOpen',
  liaisonEventOpen: 'eventOpen',
  liaisonRefresh: 'refresh',
  liaisonSave: 'save',
  liaisonAddLinks: 'addLinks',
  liaisonOpenCreateForm: 'openCreateForm',
  liaisonCreateRecord: 'createRecord',
  liaisonDoNotSync: 'doNotSync',
  liaisonShowTrace: 'showTrace',
  liaisonSaveMeeting: 'saveMeeting',
  liaisonCompose: 'compose',
  liaisonSearchCrm: 'searchCrm',
  liaisonAutosaveOff: 'autosaveOff',
  liaisonSaveWhenSent: 'saveWhenSent',
};
const DEFAULT_SERVER_URL = 'https://liaison.example.com';

function footer() {
  return Object.entries(ENTRIES)
    .map(([name, target]) => `function ${name}(e) {\n  return ${GLOBAL}.${target}(e);\n}`)
    .join('\n');
}

function manifest(serverUrl) {
  const origin = new URL(serverUrl).origin;
  const json = JSON.parse(readFileSync(join(ROOT, 'gmail-addon', 'appsscript.json'), 'utf8'));
  json.urlFetchWhitelist = [`${origin}/`];
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Builds into `outDir` (default appsscript/); returns the bundle's size in bytes. */
async function buildGmailAddon({
  serverUrl = DEFAULT_SERVER_URL,
  outDir = join(ROOT, 'appsscript'),
  minify = true,
} = {}) {
  const url = new URL(serverUrl); // throws on a malformed URL before anything is written
  mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'gmail-addon', 'main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2019',
    minify,
    legalComments: 'none',
    define: { __LIAISON_SERVER_URL__: JSON.stringify(url.href.replace(/\/+$/, '')) },
    footer: { js: footer() },
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  writeFileSync(join(outDir, 'Code.js'), code);
  writeFileSync(join(outDir, 'appsscript.json'), manifest(url.href));
  return Buffer.byteLength(code);
}

module.exports = { buildGmailAddon, ENTRIES, GLOBAL };

if (require.main === module) {
  const serverUrl = process.env.LIAISON_GMAIL_SERVER_URL || DEFAULT_SERVER_URL;
  buildGmailAddon({ serverUrl }).then(
    (bytes) =>
      console.log(`Gmail add-on: appsscript/Code.js (${(bytes / 1024).toFixed(1)} KB) for ${serverUrl}`),
    (error) => {
      console.error(`Gmail add-on build failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
