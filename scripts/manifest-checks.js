// What the two manifests must say, as pure functions of their text, so `npm run manifest:validate` and the tests
// (tests/manifest/) check the same things. Offline: the JSON schemas ship in @microsoft/app-manifest (ajv compiles
// them locally); nothing here reads a file the caller did not hand over or opens a connection.
const { readFileSync } = require('node:fs');
const { ManifestUtil } = require('@microsoft/app-manifest');

/** Outlook mobile's button icons: each size at UIScreen scale 1, 2 and 3 (Icon element, MobileFormFactor). */
const MOBILE_ICON_SIZES = [25, 32, 48];
const MOBILE_ICON_SCALES = [1, 2, 3];

/** Problems with the add-in only (XML) manifest for the server at `origin`; [] when there are none. */
function xmlProblems(xml, origin) {
  const problems = [];
  for (const [what, pattern] of [
    ['VersionOverrides 1.1', /xsi:type="VersionOverridesV1_1"/],
    ['Mailbox 1.5 as the requirement', /<Set Name="Mailbox" MinVersion="1\.5"\/>/],
    ['pinning', /<SupportsPinning>true<\/SupportsPinning>/],
    ['shared folders', /<SupportsSharedFolders>true<\/SupportsSharedFolders>/],
    ['read mode on messages', /ItemType="Message" FormType="Read"/],
    ['compose mode on messages', /ItemType="Message" FormType="Edit"/],
    ['read mode on appointments', /ItemType="Appointment" FormType="Read"/],
    ["the organizer's form of appointments", /ItemType="Appointment" FormType="Edit"/],
    ['the ribbon button on messages', /xsi:type="MessageReadCommandSurface"/],
    ['the ribbon button while composing', /xsi:type="MessageComposeCommandSurface"/],
    ["the ribbon button on an attendee's meeting", /xsi:type="AppointmentAttendeeCommandSurface"/],
    ["the ribbon button on the organizer's meeting", /xsi:type="AppointmentOrganizerCommandSurface"/],
    ['the mobile form factor', /<MobileFormFactor>[\s\S]*<\/MobileFormFactor>/],
    ['the mobile read surface', /xsi:type="MobileMessageReadCommandSurface"/],
    ['a mobile button', /<Control xsi:type="MobileButton"/],
    ['mobile icons as a MobileIconList', /<Icon xsi:type="bt:MobileIconList">/],
  ])
    if (!pattern.test(xml)) problems.push(`${what}: not in the manifest`);

  // Mailbox 1.8 must not be asked for anywhere: the read and meeting buttons stay at 1.5 (see scripts/manifest-write.js).
  if (/MinVersion="1\.[6-9]"|DefaultMinVersion="1\.[6-9]"|MinVersion="1\.1\d"/.test(xml))
    problems.push('a requirement above Mailbox 1.5: the read and meeting buttons would leave older clients');

  const mobile = /<MobileFormFactor>([\s\S]*)<\/MobileFormFactor>/.exec(xml)?.[1] ?? '';
  const images = [...mobile.matchAll(/<bt:Image size="(\d+)" scale="(\d+)" resid="([^"]+)"\/>/g)];
  for (const size of MOBILE_ICON_SIZES)
    for (const scale of MOBILE_ICON_SCALES)
      if (!images.some(([, s, k]) => Number(s) === size && Number(k) === scale))
        problems.push(`mobile icon ${size} px at scale ${scale}: missing`);

  // Every resid the controls name is defined in Resources, and every URL is on the server's origin.
  const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  for (const [, resid] of xml.matchAll(/resid="([^"]+)"/g))
    if (!defined.has(resid)) problems.push(`resid ${resid}: not defined in Resources`);
  for (const [, url] of xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g))
    if (!url.startsWith(`${origin}/`)) problems.push(`${url}: not on ${origin}`);
  if (!xml.includes(`<AppDomain>${origin}</AppDomain>`)) problems.push(`AppDomain ${origin} is missing`);
  return problems;
}

/** The JSON schema of the unified manifest's own manifestVersion, from the package (no download). */
function schemaFor(manifest) {
  const version = /\/teams\/(v[\w.]+)\//.exec(manifest.$schema ?? '')?.[1] ?? `v${manifest.manifestVersion}`;
  const file = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Problems with the unified manifest (manifest.json) for the server at `origin`; [] when there are none. */
async function unifiedProblems(json, origin) {
  const problems = [];
  let schema;
  try {
    schema = schemaFor(json);
  } catch {
    return [`no JSON schema in @microsoft/app-manifest for manifestVersion ${json.manifestVersion}`];
  }
  for (const error of await ManifestUtil.validateManifestAgainstSchema(json, schema))
    problems.push(`schema v${json.manifestVersion}: ${error}`);

  const extension = json.extensions?.[0];
  const ribbons = extension?.ribbons ?? [];
  const capabilities = JSON.stringify(extension?.requirements?.capabilities ?? []);
  if (!capabilities.includes('"Mailbox"')) problems.push('no Mailbox requirement');
  const desktop = ribbons.filter((r) => r.requirements?.formFactors?.includes('desktop'));
  for (const context of ['mailRead', 'mailCompose', 'meetingDetailsAttendee', 'meetingDetailsOrganizer'])
    if (!desktop.some((r) => r.contexts?.includes(context)))
      problems.push(`no desktop ribbon button in ${context}`);
  const mobile = ribbons.filter((r) => r.requirements?.formFactors?.includes('mobile'));
  if (mobile.length === 0) problems.push('no mobile ribbon');
  for (const ribbon of mobile) {
    if (JSON.stringify(ribbon.contexts) !== '["mailRead"]')
      problems.push(`the mobile ribbon's contexts are ${JSON.stringify(ribbon.contexts)}, not ["mailRead"]`);
    const icons = (ribbon.tabs ?? []).flatMap((t) =>
      (t.customMobileRibbonGroups ?? []).flatMap((g) => g.controls.flatMap((c) => c.icons)),
    );
    for (const size of MOBILE_ICON_SIZES)
      for (const scale of MOBILE_ICON_SCALES)
        if (!icons.some((i) => i.size === size && i.scale === scale))
          problems.push(`mobile icon ${size} px at scale ${scale}: missing`);
  }
  const text = JSON.stringify(json);
  if (text.includes('placeholder')) problems.push('a converter placeholder is left in it');
  for (const [, url] of text.matchAll(/"(https?:\/\/[^"]+)"/g))
    if (
      !url.startsWith(`${origin}/`) &&
      url !== origin &&
      !url.startsWith('https://developer.microsoft.com/')
    )
      problems.push(`${url}: not on ${origin}`);
  if (json.icons?.color !== 'color.png' || json.icons?.outline !== 'outline.png')
    problems.push('icons are not the package files color.png and outline.png');
  return problems;
}

/** A PNG's width and height from its IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

module.exports = { xmlProblems, unifiedProblems, pngSize, schemaFor, MOBILE_ICON_SIZES, MOBILE_ICON_SCALES };
