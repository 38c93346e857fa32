import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

// Entry point; the app itself is being built (issue in progress).
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <Spinner label="Loading Liaison…" />
    </FluentProvider>,
  );
}
