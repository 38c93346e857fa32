#!/usr/bin/env node
// `npm run manifest:validate`, offline, for the production and the local add-in:
//   1. manifest.xml / manifest.local.xml are what scripts/manifest-write.js writes today (URLs from one setting,
//      nothing edited by hand); office-addin-manifest reads them (the `info` view: id, type, hosts, permissions,
//      domains); they have what the pane needs (scripts/manifest-checks.js: pinning, shared folders, read and compose
//      on messages, the attendee's and the organizer's meeting surfaces, the Outlook mobile button with its 25/32/48
//      icons at scale 1-3, every resid defined, every URL on the server's origin, nothing above Mailbox 1.5);
//   2. manifest-unified/ / manifest-unified.local/ (the unified manifest's app package contents) are what
//      `scripts/manifest-write.js --unified` converts from that XML today, manifest.json passes the JSON schema of its
//      manifestVersion from @microsoft/app-manifest (shipped in the package), has the same surfaces, and color.png and
//      outline.png are 192×192 and 32×32.
// Nothing is downloaded: the converter runs with its icon download off. Exits 1 with every problem listed.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { URL } = require('node:url');
const { OfficeAddinManifest } = require('office-addin-manifest');
const { manifestXml, unifiedManifest, unifiedText, LOCAL, PRODUCTION } = require('./manifest-write');
const { xmlProblems, unifiedProblems, pngSize } = require('./manifest-checks');

const ROOT = join(__dirname, '..');

async function checkXml(target) {
  const path = join(ROOT, target.out);
  if (!existsSync(path)) return [`${target.out} is missing: run \`npm run manifest\`.`];
  const xml = readFileSync(path, 'utf8');
  const origin = new URL(target.url).origin;
  const problems = [];
  if (xml !== manifestXml({ ...target, local: target === LOCAL }))
    problems.push(`differs from what scripts/manifest-write.js writes: run \`npm run manifest\`.`);
  const info = await OfficeAddinManifest.readManifestFile(path);
  if (info.officeAppType !== 'MailApp') problems.push(`type is ${info.officeAppType}, not MailApp`);
  if (!info.hosts?.includes('Mailbox')) problems.push('the Mailbox host is missing');
  if (!info.appDomains?.includes(origin)) problems.push(`AppDomain ${origin} is missing`);
  if (info.permissions !== 'ReadItem') problems.push(`permissions are ${info.permissions}, not ReadItem`);
  problems.push(...xmlProblems(xml, origin));
  console.log(
    `${target.out}: ${info.displayName} ${info.version} (${info.id}), ${info.officeAppType} on ${info.hosts?.join(', ')}, ` +
      `${info.permissions}, domains ${info.appDomains?.join(', ')}`,
  );
  return problems.map((p) => `${target.out}: ${p}`);
}

async function checkUnified(target) {
  const dir = target.unifiedOut;
  const path = join(ROOT, dir, 'manifest.json');
  if (!existsSync(path)) return [`${dir}/manifest.json is missing: run \`npm run manifest\`.`];
  const text = readFileSync(path, 'utf8');
  const problems = [];
  let written;
  try {
    written = unifiedText(await unifiedManifest({ ...target, local: target === LOCAL }));
  } catch (error) {
    problems.push(`conversion failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (written !== undefined && text !== written)
    problems.push(
      `differs from what \`scripts/manifest-write.js --unified\` writes: run \`npm run manifest\`.`,
    );
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [`${dir}/manifest.json: not JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  problems.push(...(await unifiedProblems(json, new URL(target.url).origin)));
  for (const [file, size] of [
    ['color.png', 192],
    ['outline.png', 32],
  ]) {
    const png = existsSync(join(ROOT, dir, file)) ? pngSize(readFileSync(join(ROOT, dir, file))) : undefined;
    if (png?.width !== size || png?.height !== size) problems.push(`${file} is not a ${size}×${size} PNG`);
  }
  console.log(`${dir}/: unified manifest v${json.manifestVersion} (${json.name?.short} ${json.version})`);
  return problems.map((p) => `${dir}/manifest.json: ${p}`);
}

async function main() {
  const problems = [];
  for (const target of [PRODUCTION, LOCAL])
    problems.push(...(await checkXml(target)), ...(await checkUnified(target)));
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exit(1);
  }
  console.log('Manifests valid.');
}

module.exports = { checkXml, checkUnified };
if (require.main === module) void main();
