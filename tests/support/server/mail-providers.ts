// A test server wired to the Graph and Gmail emulators the way a deployment is wired to Microsoft and Google: the
// server's OAuth settings, the browser's trip through "My mailbox" → consent → callback, and the product's own
// sync worker next to it (the sources the `serve` command would build).
import type { GmailOAuthSettings, GraphOAuthSettings } from '../../../server/config';
import {
  defaultCalendarSourceFactory,
  defaultMailSourceFactory,
} from '../../../server/sync/mail-source-factory';
import { syncSourceOptions } from '../../../server/sync/start-sync';
import type { RunResult } from '../../../server/sync/sync-run';
import { createSyncWorker, type SyncWorker, type SyncWorkerOptions } from '../../../server/sync/sync-worker';
import type { GmailEmulator } from '../../emulators/gmail';
import type { GraphEmulator } from '../../emulators/graph';
import type { Session, TestServer } from './test-server';

/** The server's Microsoft 365 settings for the Graph emulator (msal's metadata given, so nothing is discovered). */
export function graphSettingsOf(graph: GraphEmulator): GraphOAuthSettings {
  return {
    clientId: graph.clientId,
    clientSecret: graph.clientSecret,
    tenant: graph.tenant,
    authority: graph.msal.authority,
    knownAuthorities: graph.msal.knownAuthorities,
    authorityMetadata: graph.msal.authorityMetadata,
    cloudDiscoveryMetadata: graph.msal.cloudDiscoveryMetadata,
    apiUrl: graph.url,
  };
}

/** The server's Google settings for the Gmail emulator. */
export function gmailSettingsOf(gmail: GmailEmulator): GmailOAuthSettings {
  return {
    clientId: gmail.clientId,
    clientSecret: gmail.clientSecret,
    endpoints: gmail.endpoints,
    apiUrl: gmail.rootUrl,
  };
}

/**
 * The browser's trip: "Connect" on My mailbox as `as`, the provider consents at once, and its redirect comes back
 * to the server's callback with `back`'s session cookie.
 */
export async function connectByOAuth(
  server: TestServer,
  kind: 'graph' | 'gmail',
  as: Session,
  back: Session = as,
) {
  const start = await server.call('POST', `/api/mailbox/${kind}/connect`, { as, body: {} });
  const authorize = new URL(start.body.authorizeUrl);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location') ?? '');
  const done = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
    headers: { cookie: back.cookie },
  });
  return { start, authorize, callback, done, location: done.headers.get('location') ?? '' };
}

/** The product's sync worker on the test server's database, with the sources `serve` builds from its config. */
export function serverSyncWorker(
  server: TestServer,
  options: Pick<SyncWorkerOptions, 'config' | 'onRun'> & {
    log?: (line: string) => void;
    /** Read the mailboxes' calendars too, as `liaison serve` does. */
    calendars?: boolean;
  },
): SyncWorker {
  const sourceOptions = syncSourceOptions(server.deps, server.deps.secrets, server.deps.config, options.log);
  return createSyncWorker({
    database: server.database,
    crm: server.deps.crm,
    secrets: server.deps.secrets,
    sources: defaultMailSourceFactory(sourceOptions),
    ...(options.calendars ? { calendars: defaultCalendarSourceFactory(sourceOptions) } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
}

/**
 * The product's worker started on the test server, reading calendars too, with one mailbox's runs recorded and the
 * HTTP server's notifications triggering it at once (as in `liaison serve`).
 */
export async function startRecordedWorker(
  server: TestServer,
  mailboxId: string,
  config: SyncWorkerOptions['config'],
): Promise<{ worker: SyncWorker; runs: RunResult[] }> {
  const runs: RunResult[] = [];
  const worker = serverSyncWorker(server, {
    calendars: true,
    ...(config ? { config } : {}),
    onRun: (id, result) => {
      if (id === mailboxId) runs.push(result);
    },
  });
  server.deps.syncNow = (id) => worker.trigger(id);
  await worker.start();
  return { worker, runs };
}
