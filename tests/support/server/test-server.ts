import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_AUDIENCE } from '../../../server/auth';
import type { AppDeps } from '../../../server/app/app-deps';
import { buildApp, type App } from '../../../server/app/build-app';
import { loadConfig } from '../../../server/config';
import { seedDemoCrm, seedDemoOrganisation } from '../../../server/crm/embedded/demo-seed';
import { createUser, findUserByAddress, type User } from '../../../server/db/users-repo';
import type { DatabaseHandle } from '../../../server/db/open-database';
import { createDeps } from '../../../server/runtime/create-deps';
import { openChangeFeed } from '../../../server/db/change-feed';
import { VersionedCache } from '../../../server/services/versioned-cache';
import { openTestDatabase, type BackendName } from '../db/test-databases';

// A real Liaison server over HTTP on 127.0.0.1 for integration tests: a fresh database on the chosen backend, the
// demo CRM, the demo admin plus two reps, and helpers to call it as any of them (bearer token or dashboard session).

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestServer {
  url: string;
  app: App;
  deps: AppDeps;
  /** The database handle (for a sync worker in the test, next to the server). */
  database: DatabaseHandle;
  admin: User;
  sam: User;
  pat: User;
  /** An embedded bearer token for the user who has this address now. */
  token(email: string, options?: { ttl?: number; audience?: string }): Promise<string>;
  signIn(user: User): Promise<Session>;
  /** JSON request; `as` is a bearer token or a session. */
  call(
    method: string,
    path: string,
    options?: { as?: string | Session; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startTestServer(
  backend: BackendName,
  env: Record<string, string> = {},
  /** `sidebarCache`: as `serve` runs, the change feed listening and the sidebar's reads kept (off by default: a
   * test that writes straight to the database would otherwise wait for the notification). */
  options: { sidebarCache?: boolean } = {},
): Promise<TestServer> {
  const database = await openTestDatabase(backend);
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-server-'));
  // The tests' Dovecot listens on localhost, which My mailbox may reach only when allowed (set here explicitly).
  const config = loadConfig({
    LIAISON_DATA_DIR: dataDir,
    PORT: '0',
    LIAISON_RATE_LIMIT: '100000',
    LIAISON_IMAP_PRIVATE_HOSTS: 'on',
    ...env,
  });
  const deps = await createDeps(config, database, undefined, { ...process.env, ...env });
  await seedDemoCrm(deps.db);
  const admin = (await seedDemoOrganisation(deps.db)) as User;
  const connectedAt = '2026-01-01T00:00:00Z';
  const sam = await createUser(deps.db, {
    addresses: ['sam@ourco.com', 'sam.seller@ourco.com'],
    displayName: 'Sam Seller',
    crmUserId: 'usr-sam',
    connectedAt,
  });
  const pat = await createUser(deps.db, {
    addresses: ['pat@ourco.com'],
    displayName: 'Pat Partner',
    crmUserId: 'usr-pat',
    connectedAt,
  });
  const changes = options.sidebarCache ? await openChangeFeed(database) : undefined;
  if (changes) {
    deps.changes = changes;
    deps.sidebarCache = new VersionedCache(changes, 100);
    deps.userCache = new VersionedCache(changes, 100);
  }
  // TEST_SERVER_LOG=1 shows the server's log (errors with their stack) while debugging a suite.
  const app = await buildApp(deps, { logger: process.env.TEST_SERVER_LOG === '1' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  config.publicUrl = url;

  const call: TestServer['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (typeof options.as === 'string') headers.authorization = `Bearer ${options.as}`;
    else if (options.as) {
      headers.cookie = options.as.cookie;
      headers['x-csrf-token'] = options.as.csrf;
    }
    const payload = method === 'GET' || method === 'HEAD' ? undefined : options.body;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body };
  };

  return {
    url,
    app,
    deps,
    database,
    admin,
    sam,
    pat,
    // Embedded tokens name a user id: the user who has the address now (a stranger's address names no user).
    token: async (email, options = {}) =>
      deps.tokens.embeddedIssuer!.issue({
        userId: (await findUserByAddress(deps.db, email))?.id ?? `no-user-${randomUUID()}`,
        audience: options.audience ?? EMBEDDED_AUDIENCE,
        ttl: options.ttl ?? 600,
      }),
    signIn: async (user) => {
      const link = await deps.links.createLink(url, user.id);
      const response = await fetch(link, { redirect: 'manual' });
      const setCookie = response.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0] ?? '';
      const session = await call('GET', '/api/session', { headers: { cookie } });
      return { cookie, csrf: session.body.csrfToken };
    },
    call,
    close: async () => {
      await app.close();
      await changes?.close();
      await database.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
