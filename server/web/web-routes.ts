import type { RouteContext } from '../api/route-context';
import { serveBuiltApp } from './serve-built-app';

// The browser faces the server hosts: the dashboard at `/`, the Outlook task pane under /taskpane/.
export function webRoutes(ctx: RouteContext): void {
  serveBuiltApp(ctx, 'dashboard', [{ path: '/', file: 'index.html' }]);
  serveBuiltApp(ctx, 'taskpane', [{ path: '/taskpane', file: 'index.html' }]);
}
