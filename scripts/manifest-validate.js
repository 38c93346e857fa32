#!/usr/bin/env node
// `npm run manifest:validate`, offline: for manifest.xml and manifest.local.xml,
//   1. each is what scripts/manifest-write.js writes today (URLs from one setting, nothing edited by hand);
//   2. office-addin-manifest reads it (the `info` view: id, type, hosts, permissions, domains);
//   3. office-addin-manifest-converter converts it to the unified JSON manifest, which must pass the JSON schema
//      of its manifestVersion from @microsoft/app-manifest (the schemas ship in the package: no network);
//   4. the features the pane needs are there: pinning, shared folders, read mode on messages and appointments, the
//      attendee's and the organizer's meeting surfaces,
//      the server origin as AppDomain.
// Exits 1 with every problem listed.
const { mkdtempSync, readFileSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { URL } = require('node:url');
const { convert } = require('office-addin-manifest-converter');
const { OfficeAddinManifest } = require('office-addin-manifest');
const { ManifestUtil } = require('@microsoft/app-manifest');
const { manifestXml, LOCAL, PRODUCTION } = require('./manifest-write');

const ROOT = join(__dirname, '..');

function schemaFor(manifest) {
  const version = /\/teams\/(v[\w.]+)\//.exec(manifest.$schema ?? '')?.[1] ?? `v${manifest.manifestVersion}`;
  const file = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function check(target) {
  const problems = [];
  const path = join(ROOT, target.out);
  if (!existsSync(path)) return [`${target.out} is missing: run \`npm run manifest\`.`];
  const xml = readFileSync(path, 'utf8');
  if (xml !== manifestXml({ ...target, local: target === LOCAL }))
    problems.push(
      `${target.out} differs from what scripts/manifest-write.js writes: run \`npm run manifest\`.`,
    );

  const info = await OfficeAddinManifest.readManifestFile(path);
  const origin = new URL(target.url).origin;
  if (info.officeAppType !== 'MailApp') problems.push(`type is ${info.officeAppType}, not MailApp`);
  if (!info.hosts?.includes('Mailbox')) problems.push('the Mailbox host is missing');
  if (!info.appDomains?.includes(origin)) problems.push(`AppDomain ${origin} is missing`);
  if (info.permissions !== 'ReadItem') problems.push(`permissions are ${info.permissions}, not ReadItem`);
  for (const [what, pattern] of [
    ['VersionOverrides 1.1', /xsi:type="VersionOverridesV1_1"/],
    ['pinning', /<SupportsPinning>true<\/SupportsPinning>/],
    ['shared folders', /<SupportsSharedFolders>true<\/SupportsSharedFolders>/],
    ['read mode on messages', /ItemType="Message" FormType="Read"/],
    ['read mode on appointments', /ItemType="Appointment" FormType="Read"/],
    ['the ribbon button on messages', /xsi:type="MessageReadCommandSurface"/],
    ["the ribbon button on an attendee's meeting", /xsi:type="AppointmentAttendeeCommandSurface"/],
    ["the ribbon button on the organizer's meeting", /xsi:type="AppointmentOrganizerCommandSurface"/],
    ["the organizer's form of appointments", /ItemType="Appointment" FormType="Edit"/],
  ])
    if (!pattern.test(xml)) problems.push(`${what}: not in the manifest`);

  const out = mkdtempSync(join(tmpdir(), 'liaison-manifest-'));
  try {
    await convert(path, out, false, undefined, undefined, false);
    const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const error of await ManifestUtil.validateManifestAgainstSchema(json, schemaFor(json)))
      problems.push(`unified manifest (v${json.manifestVersion}): ${error}`);
    const extension = JSON.stringify(json.extensions ?? []);
    if (!extension.includes('"Mailbox"')) problems.push('unified manifest: no Mailbox requirement');
    console.log(
      `${target.out}: ${info.displayName} ${info.version} (${info.id}), ${info.officeAppType} on ${info.hosts?.join(', ')}, ` +
        `${info.permissions}, domains ${info.appDomains?.join(', ')}; converts to unified manifest v${json.manifestVersion}`,
    );
  } catch (error) {
    problems.push(`conversion failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return problems.map((p) => `${target.out}: ${p}`);
}

async function main() {
  const problems = [...(await check(PRODUCTION)), ...(await check(LOCAL))];
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exit(1);
  }
  console.log('Manifests valid.');
}

module.exports = { check };
if (require.main === module) void main();
