import { buildApp } from '../app/build-app';
import { loadConfig, sidebarCacheEntries } from '../config';
import { openChangeFeed } from '../db/change-feed';
import { VersionedCache } from '../services/versioned-cache';
import { seedDemoCrm, seedDemoOrganisation } from '../crm/embedded/demo-seed';
import { listUsers } from '../db/users-repo';
import { createRuntime } from '../runtime/create-deps';
import { demoMailbox } from '../providers/registry';
import { startSync } from '../sync/start-sync';
import type { SyncWorker } from '../sync/sync-worker';

// `liaison serve` (and `npm start`): the HTTP server on its embedded defaults, or on PostgreSQL with DATABASE_URL.
// Like Jupyter, it prints a one-time sign-in link instead of ever having a default password.

/** The command as the README and the signed-out page spell it (the package is not installed on the PATH). */
const LIAISON = 'node bin/liaison.js';

export async function serveCommand(
  _args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const config = loadConfig(env);
  const runtime = await createRuntime(config);
  const { deps } = runtime;
  // The demo company goes into an embedded database by default; into PostgreSQL only when asked (LIAISON_DEMO=on).
  const demo = env.LIAISON_DEMO ? env.LIAISON_DEMO === 'on' : !config.databaseUrl;
  // The demo runs on a laptop, where a test mail server is on localhost: My mailbox may connect to it.
  if (demo && !env.LIAISON_IMAP_PRIVATE_HOSTS) config.imapPrivateHosts = true;
  if (demo) {
    await seedDemoCrm(deps.db);
    await seedDemoOrganisation(deps.db);
    await demoMailbox()?.connect(deps.db, config.dataDir);
  }
  // Reads kept between requests while nothing they came from has changed, in this process or another.
  const changes = await openChangeFeed(runtime.database);
  deps.changes = changes;
  deps.sidebarCache = new VersionedCache(changes, sidebarCacheEntries(env));
  deps.userCache = new VersionedCache(changes, 10_000);
  const app = await buildApp(deps, { logger: env.LOG_LEVEL !== 'silent' });
  // Scheduled autosharing runs in this process unless separate `liaison worker`s do it (LIAISON_SYNC_WORKERS=off).
  // The engine (pg-boss: its schema check, queues and first fetches, most of a second) starts once the server
  // listens: nothing a request answers waits for it, and a "sync now" asked meanwhile runs once it has started.
  const runSync = env.LIAISON_SYNC_WORKERS !== 'off';
  let syncStarted: Promise<SyncWorker> | undefined;
  if (runSync) deps.syncNow = async (mailboxId) => (await syncStarted)?.trigger(mailboxId);
  const stop = async () => {
    await app.close();
    await (await syncStarted?.catch(() => undefined))?.stop();
    await changes.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ host: config.host, port: config.port });
  if (runSync) {
    syncStarted = startSync({
      database: runtime.database,
      crm: deps.crm,
      dataDir: config.dataDir,
      embedded: !config.databaseUrl,
      env,
      config,
      log: (line) => process.stdout.write(`${line}\n`),
    });
  }
  // Runs until a signal stops it; an engine that cannot start stops the server, as it did before it listened.
  let failed: (error: unknown) => void = () => undefined;
  const running = new Promise<number>((_resolve, reject) => (failed = reject));
  running.catch(() => undefined); // the caller hears it; this only keeps it from counting as unhandled meanwhile
  (syncStarted ?? Promise.resolve(undefined)).then(
    () => {
      if (demo) demoMailbox()?.schedule(config.dataDir);
    },
    async (error: unknown) => {
      await app.close().catch(() => undefined);
      await changes.close().catch(() => undefined);
      await runtime.close().catch(() => undefined);
      failed(error);
    },
  );

  const admin = (await listUsers(deps.db)).find((u) => u.role === 'admin');
  const lines = [
    `Liaison is running at ${config.publicUrl} (database: ${runtime.database.backend}${runtime.database.backend === 'pglite' ? ` in ${config.dataDir}` : ''}).`,
  ];
  if (admin) {
    lines.push(
      `Sign in as ${admin.addresses[0]} with this link (single use, valid 15 minutes):`,
      `    ${await deps.links.createLink(config.publicUrl, admin.id)}`,
      `A new link any time, while this runs too: ${LIAISON} users link ${admin.addresses[0]}`,
    );
  } else {
    lines.push(`There is no admin yet. Add one: ${LIAISON} users add you@yourcompany.com --admin`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  return running;
}
