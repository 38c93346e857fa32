#!/usr/bin/env node
// Writes the Outlook add-in's manifests for one server origin. Every URL in them comes from that one setting:
//
//   node scripts/manifest-write.js                       → manifest.xml for https://liaison.example.com
//   node scripts/manifest-write.js --local               → manifest.local.xml for https://localhost:3443
//                                                          (an HTTPS proxy in front of `npm start`, see README)
//   node scripts/manifest-write.js --url https://crm-pane.acme.com --out acme.xml
//   node scripts/manifest-write.js --unified [--local | --url …] [--out dir]
//                                                        → the unified manifest (Microsoft 365 app manifest, JSON):
//                                                          a folder with manifest.json, color.png and outline.png,
//                                                          the app package's contents (zip the three files)
//
// The XML is the add-in only manifest (MailApp with VersionOverrides 1.1); the unified one is converted from it,
// offline, by office-addin-manifest-converter (no icon download), so both always say the same thing.
// `--url` wins, then LIAISON_PUBLIC_URL. LIAISON_MS_CLIENT_ID (the Entra app registration the server trusts) goes
// into the pane's URL, where the pane reads it for nested app authentication.
const { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { URL } = require('node:url');

const ROOT = join(__dirname, '..');
const PRODUCTION = {
  url: 'https://liaison.example.com',
  out: 'manifest.xml',
  unifiedOut: 'manifest-unified',
  id: '7d3a6f0e-4b8c-4f51-9a55-2b1f0c8e6a11',
};
// The local add-in has its own id and name so it can be sideloaded next to the production one.
const LOCAL = {
  url: 'https://localhost:3443',
  out: 'manifest.local.xml',
  unifiedOut: 'manifest-unified.local',
  id: '7d3a6f0e-4b8c-4f51-9a55-2b1f0c8e6a12',
};
// Liaison blue (scripts/manifest-icons.js), the unified manifest's accentColor behind the colour icon.
const ACCENT = '#0F6CBD';
// The unified app package's icons: 192×192 in colour and 32×32 white on transparent (Teams' sizes).
const PACKAGE_ICONS = { color: 'icon-192.png', outline: 'icon-outline-32.png' };
const CLIENT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

const escape = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The manifest's XML for the server at `url` (an https origin). */
function manifestXml({ url, id, clientId = CLIENT_ID_PLACEHOLDER, local = false }) {
  const origin = new URL(url).origin;
  const pane = `${origin}/taskpane?msClientId=${encodeURIComponent(clientId)}`;
  const icon = (size) => `${origin}/taskpane/assets/icon-${size}.png`;
  const name = local ? 'Liaison (local)' : 'Liaison';
  const button = (surface, prefix) => `            <ExtensionPoint xsi:type="${surface}">
              <OfficeTab id="TabDefault">
                <Group id="${prefix}Group">
                  <Label resid="Group.Label"/>
                  <Control xsi:type="Button" id="${prefix}OpenPane">
                    <Label resid="Button.Label"/>
                    <Supertip>
                      <Title resid="Button.Label"/>
                      <Description resid="Button.Tooltip"/>
                    </Supertip>
                    <Icon>
                      <bt:Image size="16" resid="Icon.16"/>
                      <bt:Image size="32" resid="Icon.32"/>
                      <bt:Image size="80" resid="Icon.80"/>
                    </Icon>
                    <Action xsi:type="ShowTaskpane">
                      <SourceLocation resid="Taskpane.Url"/>
                      <SupportsPinning>true</SupportsPinning>
                    </Action>
                  </Control>
                </Group>
              </OfficeTab>
            </ExtensionPoint>`;
  // Outlook on iOS and Android: message read only (its one task pane surface), a MobileButton whose icons come at
  // 25, 32 and 48 px, each at scale 1, 2 and 3.
  const mobileIcons = [25, 32, 48]
    .flatMap((size) =>
      [1, 2, 3].map(
        (scale) =>
          `                      <bt:Image size="${size}" scale="${scale}" resid="Icon.${size * scale}"/>`,
      ),
    )
    .join('\n');
  const mobileButton = `            <ExtensionPoint xsi:type="MobileMessageReadCommandSurface">
              <Group id="mobileMsgReadGroup">
                <Label resid="Group.Label"/>
                <Control xsi:type="MobileButton" id="mobileMsgReadOpenPane">
                  <Label resid="Button.Label"/>
                  <Icon xsi:type="bt:MobileIconList">
${mobileIcons}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </ExtensionPoint>`;
  const images = [16, 25, 32, 48, 50, 64, 75, 80, 96, 144]
    .map((size) => `          <bt:Image id="Icon.${size}" DefaultValue="${icon(size)}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/manifest-write.js for ${escape(origin)}; edit the script, not this file. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
           xsi:type="MailApp">
  <Id>${id}</Id>
  <Version>1.0.0.0</Version>
  <ProviderName>Liaison</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="${name}"/>
  <Description DefaultValue="The CRM beside your email: see contacts and deals, save emails, add leads."/>
  <IconUrl DefaultValue="${icon(64)}"/>
  <HighResolutionIconUrl DefaultValue="${icon(128)}"/>
  <SupportUrl DefaultValue="${origin}/"/>
  <AppDomains>
    <AppDomain>${origin}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <!-- Mailbox 1.5: pinning and ItemChanged. Shared folders (SupportsSharedFolders, 1.8), the internet headers a save
       reads to follow the thread in any mailbox (getAllInternetHeadersAsync, 1.8) and the header that carries a
       compose pick to the sent copy (item.internetHeaders, 1.8) are used where present: a Requirements element
       holds for a whole VersionOverrides, so asking 1.8 here would take the read and meeting buttons away from
       clients at 1.5 to 1.7; the pane checks 1.8 itself and says what it cannot do without it. -->
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="1.5"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemRead">
      <DesktopSettings>
        <SourceLocation DefaultValue="${escape(pane)}"/>
        <RequestedHeight>450</RequestedHeight>
      </DesktopSettings>
    </Form>
    <Form xsi:type="ItemEdit">
      <DesktopSettings>
        <SourceLocation DefaultValue="${escape(pane)}"/>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <Permissions>ReadItem</Permissions>
  <Rule xsi:type="RuleCollection" Mode="Or">
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="Read"/>
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="Edit"/>
    <Rule xsi:type="ItemIs" ItemType="Appointment" FormType="Read"/>
    <Rule xsi:type="ItemIs" ItemType="Appointment" FormType="Edit"/>
  </Rule>
  <DisableEntityHighlighting>false</DisableEntityHighlighting>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" xsi:type="VersionOverridesV1_0">
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">
      <Requirements>
        <bt:Sets DefaultMinVersion="1.5">
          <bt:Set Name="Mailbox"/>
        </bt:Sets>
      </Requirements>
      <Hosts>
        <Host xsi:type="MailHost">
          <DesktopFormFactor>
            <SupportsSharedFolders>true</SupportsSharedFolders>
${button('MessageReadCommandSurface', 'msgRead')}
${button('MessageComposeCommandSurface', 'msgCompose')}
${button('AppointmentAttendeeCommandSurface', 'apptRead')}
${button('AppointmentOrganizerCommandSurface', 'apptEdit')}
          </DesktopFormFactor>
          <MobileFormFactor>
${mobileButton}
          </MobileFormFactor>
        </Host>
      </Hosts>
      <Resources>
        <bt:Images>
${images}
        </bt:Images>
        <bt:Urls>
          <bt:Url id="Taskpane.Url" DefaultValue="${escape(pane)}"/>
        </bt:Urls>
        <bt:ShortStrings>
          <bt:String id="Group.Label" DefaultValue="${name}"/>
          <bt:String id="Button.Label" DefaultValue="Liaison"/>
        </bt:ShortStrings>
        <bt:LongStrings>
          <bt:String id="Button.Tooltip" DefaultValue="Show who is in this email or meeting in the CRM, save it, create contacts and leads."/>
        </bt:LongStrings>
      </Resources>
    </VersionOverrides>
  </VersionOverrides>
</OfficeApp>
`;
}

/**
 * The converter (0.4) writes the mobile ribbon with the context "default" and a placeholder desktop group (a menu
 * with the icon https://placeholder) beside the mobile one. Microsoft's Outlook mobile guidance for the unified
 * manifest is "mailRead" as the only context and the mobile groups on the built-in default tab, so the ribbon is
 * rewritten to that, keeping the converter's mobile group (its button, icons and action) under the XML's ids.
 */
function mobileRibbon(ribbon) {
  if (!(ribbon.requirements?.formFactors ?? []).every((f) => f === 'mobile')) return ribbon;
  const groups = ribbon.tabs.flatMap((tab) => tab.customMobileRibbonGroups ?? []);
  if (groups.length !== 1 || groups[0].controls.length !== 1)
    throw new Error(
      'The converter wrote a mobile ribbon this script does not know: check scripts/manifest-write.js.',
    );
  const [group] = groups;
  return {
    ...ribbon,
    contexts: ['mailRead'],
    tabs: [
      {
        builtInTabId: 'DefaultTab',
        customMobileRibbonGroups: [
          {
            ...group,
            id: 'mobileMsgReadGroup',
            controls: [{ ...group.controls[0], id: 'mobileMsgReadOpenPane' }],
          },
        ],
      },
    ],
  };
}

/**
 * The unified manifest (Microsoft 365 app manifest) for the same target: manifestXml converted by
 * office-addin-manifest-converter with icon download off (it reads nothing from the network), then the two things
 * the conversion cannot know: Liaison's accent colour and the package's own icon files.
 */
async function unifiedManifest(t) {
  const { convert } = require('office-addin-manifest-converter');
  const dir = mkdtempSync(join(tmpdir(), 'liaison-unified-'));
  try {
    const xmlPath = join(dir, 'manifest.xml');
    writeFileSync(xmlPath, manifestXml(t));
    await convert(xmlPath, join(dir, 'out'), false, undefined, undefined, false);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    const extensions = json.extensions.map((extension) => ({
      ...extension,
      ribbons: extension.ribbons.map(mobileRibbon),
    }));
    return {
      ...json,
      icons: { color: 'color.png', outline: 'outline.png' },
      accentColor: ACCENT,
      extensions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the unified manifest's manifest.json, as written to disk. */
const unifiedText = (json) => `${JSON.stringify(json, null, 2)}\n`;

/** Writes the app package's contents (manifest.json, color.png, outline.png) into `dir`. */
async function writeUnified(t, dir) {
  const json = await unifiedManifest(t);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), unifiedText(json));
  const assets = join(ROOT, 'taskpane', 'assets');
  copyFileSync(join(assets, PACKAGE_ICONS.color), join(dir, 'color.png'));
  copyFileSync(join(assets, PACKAGE_ICONS.outline), join(dir, 'outline.png'));
}

/** What a command line asks for: the url, the file (or, with --unified, the folder) and the id. */
function target(argv, env) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
    return value;
  };
  const base = argv.includes('--local') ? LOCAL : PRODUCTION;
  const unified = argv.includes('--unified');
  const url = arg('--url') ?? (argv.includes('--local') ? undefined : env.LIAISON_PUBLIC_URL) ?? base.url;
  if (!/^https:\/\//.test(url))
    throw new Error(`Outlook loads add-ins over HTTPS only; "${url}" is not https.`);
  return {
    ...base,
    url,
    unified,
    out: arg('--out') ?? (unified ? base.unifiedOut : base.out),
    clientId: env.LIAISON_MS_CLIENT_ID,
    local: base === LOCAL,
  };
}

module.exports = {
  manifestXml,
  unifiedManifest,
  unifiedText,
  writeUnified,
  target,
  PACKAGE_ICONS,
  PRODUCTION,
  LOCAL,
};

async function main() {
  const t = target(process.argv.slice(2), process.env);
  const out = resolve(ROOT, t.out);
  if (t.unified) {
    await writeUnified(t, out);
    console.log(
      `Wrote ${t.out}/ (manifest.json, color.png, outline.png) for ${t.url}: zip the three files to upload the app package`,
    );
  } else {
    writeFileSync(out, manifestXml(t));
    console.log(`Wrote ${t.out} for ${t.url}`);
  }
}

if (require.main === module)
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
