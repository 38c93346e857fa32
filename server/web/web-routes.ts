import { FAVICON_PATH, LIAISON_MARK_SVG } from '../../src/brand/liaison-mark';
import type { RouteContext } from '../api/route-context';
import { previewRoutes } from './preview-routes';
import { serveBuiltApp } from './serve-built-app';

// The browser faces the server hosts: the dashboard at `/`, the Outlook task pane under /taskpane/ and its
// preview (without Outlook) at /preview, and the mark as the favicon.
export function webRoutes(ctx: RouteContext): void {
  // From the source, not the build: the icon is there even before `npm run build`. Changes with a release only.
  ctx.app.get(FAVICON_PATH, {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (_request, reply) =>
      reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(LIAISON_MARK_SVG),
  });
  serveBuiltApp(ctx, 'dashboard', [{ path: '/', file: 'index.html' }]);
  serveBuiltApp(ctx, 'taskpane', [
    { path: '/taskpane', file: 'index.html' },
    { path: '/preview', file: 'preview.html' },
  ]);
  previewRoutes(ctx);
}
