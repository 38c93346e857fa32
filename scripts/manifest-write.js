#!/usr/bin/env node
// Writes the Outlook add-in's manifest (add-in only manifest: MailApp with VersionOverrides 1.1) for one server
// origin. Every URL in it comes from that one setting:
//
//   node scripts/manifest-write.js                       → manifest.xml for https://liaison.example.com
//   node scripts/manifest-write.js --local               → manifest.local.xml for https://localhost:3443
//                                                          (an HTTPS proxy in front of `npm start`, see README)
//   node scripts/manifest-write.js --url https://crm-pane.acme.com --out acme.xml
//
// `--url` wins, then LIAISON_PUBLIC_URL. LIAISON_MS_CLIENT_ID (the Entra app registration the server trusts) goes
// into the pane's URL, where the pane reads it for nested app authentication.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { URL } = require('node:url');

const ROOT = join(__dirname, '..');
const PRODUCTION = {
  url: 'https://liaison.example.com',
  out: 'manifest.xml',
  id: '7d3a6f0e-4b8c-4f51-9a55-2b1f0c8e6a11',
};
// The local add-in has its own id and name so it can be sideloaded next to the production one.
const LOCAL = {
  url: 'https://localhost:3443',
  out: 'manifest.local.xml',
  id: '7d3a6f0e-4b8c-4f51-9a55-2b1f0c8e6a12',
};
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
  <!-- Mailbox 1.5: pinning and ItemChanged. Shared folders (SupportsSharedFolders, 1.8) and the internet headers a save
       reads to follow the thread in any mailbox (getAllInternetHeadersAsync, 1.8) are used where present. -->
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
${button('AppointmentAttendeeCommandSurface', 'apptRead')}
${button('AppointmentOrganizerCommandSurface', 'apptEdit')}
          </DesktopFormFactor>
        </Host>
      </Hosts>
      <Resources>
        <bt:Images>
          <bt:Image id="Icon.16" DefaultValue="${icon(16)}"/>
          <bt:Image id="Icon.32" DefaultValue="${icon(32)}"/>
          <bt:Image id="Icon.80" DefaultValue="${icon(80)}"/>
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

/** What a command line asks for: the url, the file and the id. */
function target(argv, env) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const base = argv.includes('--local') ? LOCAL : PRODUCTION;
  const url = arg('--url') ?? (argv.includes('--local') ? undefined : env.LIAISON_PUBLIC_URL) ?? base.url;
  if (!/^https:\/\//.test(url))
    throw new Error(`Outlook loads add-ins over HTTPS only; "${url}" is not https.`);
  return {
    ...base,
    url,
    out: arg('--out') ?? base.out,
    clientId: env.LIAISON_MS_CLIENT_ID,
    local: base === LOCAL,
  };
}

module.exports = { manifestXml, target, PRODUCTION, LOCAL };

if (require.main === module) {
  const t = target(process.argv.slice(2), process.env);
  writeFileSync(join(ROOT, t.out), manifestXml(t));
  console.log(`Wrote ${t.out} for ${t.url}`);
}
