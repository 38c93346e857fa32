import type { RouteContext } from '../api/route-context';
import { previewRoutes } from './preview-routes';
import { serveBuiltApp } from './serve-built-app';

// The browser faces the server hosts: the dashboard at `/`, the Outlook task pane under /taskpane/ and its
// preview (without Outlook) at /preview.
export function webRoutes(ctx: RouteContext): void {
  serveBuiltApp(ctx, 'dashboard', [{ path: '/', file: 'index.html' }]);
  serveBuiltApp(ctx, 'taskpane', [
    { path: '/taskpane', file: 'index.html' },
    { path: '/preview', file: 'preview.html' },
  ]);
  previewRoutes(ctx);
}
