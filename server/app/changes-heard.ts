import type { AppDeps } from './app-deps';
import type { App } from './build-app';

// A write answered by this server is heard by its own caches before the answer leaves: the database's notification
// (change-feed.ts) comes on another connection and could arrive after the rep's next request (save, then the pane
// reloads). Every request that may write counts: all but GET, HEAD, OPTIONS and the POSTs marked `readsOnly`.

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installChangesHeard(app: App, deps: Pick<AppDeps, 'changes'>): void {
  const { changes } = deps;
  if (!changes) return;
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!READS.has(request.method) && request.routeOptions.config.readsOnly !== true) changes.bump();
    return payload;
  });
}
