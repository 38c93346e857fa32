import { FluentProvider, Spinner, Text, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { microsoftAuthSettings, microsoftTokenProvider } from './auth/microsoft-token';
import { createMailHost, type MailHost } from './office/mail-host';
import type { OfficeLike } from './office/office-like';
import { previewBridge } from './preview/preview-bridge';
import { Pane } from './ui/Pane';

// The task pane's entry: in Outlook, office.js (loaded by index.html) and a Microsoft token; inside the preview
// page, the preview's stand-in mailbox and its embedded-issuer token. Anywhere else, a note saying where to open it.

const root = createRoot(document.getElementById('root')!);

function show(node: React.ReactNode, dark = false) {
  root.render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh' }}>
      {node}
    </FluentProvider>,
  );
}

/** The pane in Outlook's theme, following it when the user switches theme with the pane open. */
function ThemedPane({ host }: { host: MailHost }) {
  const [dark, setDark] = useState(host.dark);
  useEffect(() => host.onThemeChanged(setDark), [host]);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh' }}>
      <Pane host={host} />
    </FluentProvider>
  );
}

function note(title: string, text: string) {
  show(
    <main style={{ padding: 16 }}>
      <Text as="h1" size={500} weight="semibold" block>
        {title}
      </Text>
      <Text as="p">{text}</Text>
    </main>,
  );
}

const OUTSIDE: [string, string] = [
  'Open Liaison in Outlook',
  'This page is the Outlook task pane. Open an email in Outlook and choose Liaison, or try it at /preview.',
];
const NO_CLIENT_ID: [string, string] = [
  'Liaison is not set up for sign-in',
  "This add-in's manifest has no Microsoft client id. Ask your admin for the manifest written by `npm run manifest`.",
];

/** The host, or the note to show instead. */
async function connect(): Promise<MailHost | [string, string]> {
  const preview = previewBridge();
  if (preview) return createMailHost(preview.office, preview.token);
  if (typeof Office === 'undefined') return OUTSIDE;
  const info = await Office.onReady();
  if (!info.host) return OUTSIDE;
  const office = Office as unknown as OfficeLike;
  const settings = microsoftAuthSettings(window.location);
  if (!settings) return NO_CLIENT_ID;
  return createMailHost(office, microsoftTokenProvider(office, settings));
}

show(<Spinner label="Loading Liaison…" style={{ paddingTop: '30vh' }} />);
connect()
  .then((host) => (Array.isArray(host) ? note(...host) : root.render(<ThemedPane host={host} />)))
  .catch((error: unknown) => note('Liaison could not start', String(error)));
