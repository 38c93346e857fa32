import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../tests/support/free-port';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { EMBEDDED_AUDIENCE } from '../server/auth';
import { loadConfig } from '../server/config';
import { bulkLoadCrm, syntheticCrm } from '../server/crm/embedded/bulk-load';
import { seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { openDatabase, type DatabaseHandle } from '../server/db/open-database';
import { createUser } from '../server/db/users-repo';
import { createDeps } from '../server/runtime/create-deps';
import type { Bench, Figure } from './bench-registry';

// The sidebar route over real HTTP under load: `liaison serve` in its own process (as deployed: request logging
// on, the rate limiter on), autocannon with 200 connections for 15 s from this process, and the same autocannon
// against a bare fastify route in another process on the same machine, so the figure that matters is the ratio
// (the machine's speed and load cancel out of it). On PostgreSQL, and on PGlite beside it.
//
// Twice each: as deployed, with the sidebar's reads kept while unchanged and every email of the run asked once
// before (a rep's pane reloading, the rep coming back to an email: the goals), and with nothing kept (every
// request reads the databases, as the first opening of an email does: informative).
//
// Rate limiter allowance: the test users are 200 reps (one token each, the requests spread over them), and the
// server runs with LIAISON_RATE_LIMIT=1000000 a minute per caller; at the default (600 a minute) the run would
// measure 429s, not the sidebar.

const CONNECTIONS = 200;
const SECONDS = Number(process.env.LOAD_BENCH_SECONDS ?? 15);
const USERS = 200;
const CONTACTS = 100_000;
const ACCOUNTS = 2_000;
const BODIES = 1_000;
const RATE_LIMIT = 1_000_000;
/** A request without an answer this long counts as an error (autocannon's default is 10 s). */
const TIMEOUT_S = 30;
const ROOT = join(__dirname, '..');

interface Run {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

async function waitReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `the server stopped (${child.exitCode}): ${readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server at ${url} was not ready within 120 s`);
}

/** Starts a process with its output in a file (a pipe would cost this process CPU while it measures). */
async function start(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  dir: string,
  name: string,
): Promise<{ pid: number; stop: () => Promise<void> }> {
  const logFile = join(dir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  try {
    await waitReady(readyUrl, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** CPU time (user + system) of processes, from /proc (Linux; 0 elsewhere). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The server's PostgreSQL backends (its connections carry application_name=liaison-load). */
async function postgresPids(env: Record<string, string>): Promise<number[]> {
  if (!env.DATABASE_URL) return [];
  const { Client } = await import('pg');
  const client = new Client({ connectionString: env.DATABASE_URL.replace(/[?].*$/, '') });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = 'liaison-load'`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function cannon(options: autocannon.Options): Promise<Run> {
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: TIMEOUT_S,
    ...options,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** A bare fastify route, in its own process like the server, so both runs pay the same costs around them. */
async function hello(dir: string): Promise<Run> {
  const port = await freePort();
  const code = `const app = require('fastify')(); app.get('/hello', async () => ({ hello: 'world' }));
    app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const server = await start(['-e', code], {}, `http://127.0.0.1:${port}/hello`, dir, 'hello');
  try {
    return await cannon({ url: `http://127.0.0.1:${port}/hello` });
  } finally {
    await server.stop();
  }
}

function bodies(): string[] {
  const out: string[] = [];
  for (let i = 0; i < BODIES; i++) {
    const n = (i * 7919) % CONTACTS;
    const k = n % ACCOUNTS;
    out.push(
      JSON.stringify({
        message: {
          internetMessageId: `<load-${i}@company${k}.example>`,
          folder: 'inbox',
          from: { address: `first.last${n}@company${k}.example`, name: `First${n} Last${n}` },
          to: [{ address: `rep${i % USERS}@ourco.com` }],
          cc: [
            { address: `first.last${(n + 1) % CONTACTS}@company${(n + 1) % ACCOUNTS}.example` },
            { address: `new.person${i}@company${k}.example` },
          ],
          bcc: [],
          subject: `Load ${i}`,
          sentAt: '2026-03-01T10:00:00Z',
        },
      }),
    );
  }
  return out;
}

/** The demo organisation, 100,000 contacts and 200 users; answers one bearer token per user. */
async function seed(database: DatabaseHandle, env: Record<string, string>): Promise<string[]> {
  const config = loadConfig(env);
  const deps = await createDeps(config, database, undefined, env);
  await seedDemoOrganisation(deps.db);
  await bulkLoadCrm(deps.db, syntheticCrm({ accounts: ACCOUNTS, contacts: CONTACTS, ownerId: 'usr-load' }));
  const tokens: string[] = [];
  for (let u = 0; u < USERS; u++) {
    const user = await createUser(deps.db, {
      addresses: [`rep${u}@ourco.com`],
      crmUserId: 'usr-load',
      connectedAt: '2026-01-01T00:00:00Z',
    });
    tokens.push(
      await deps.tokens.embeddedIssuer!.issue({
        userId: user.id,
        audience: EMBEDDED_AUDIENCE,
        ttl: 3600,
      }),
    );
  }
  await sql`analyze`.execute(deps.db);
  return tokens;
}

/**
 * `kept`: as deployed, the sidebar's reads kept while unchanged (sidebar-cache.ts): every email of the run is asked
 * once first (as a rep's pane did when the email was opened), so the run measures the emails asked again. Otherwise
 * the cache is off (LIAISON_SIDEBAR_CACHE_ENTRIES=0) and every request reads the databases: the first opening.
 */
async function sidebar(
  env: Record<string, string>,
  tokens: string[],
  dir: string,
  name: string,
  kept: boolean,
): Promise<Run> {
  const base = `http://127.0.0.1:${env.PORT}`;
  env = { ...env, LIAISON_SIDEBAR_CACHE_ENTRIES: kept ? String(2 * BODIES) : '0' };
  const server = await start(
    // LOAD_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
    [...(process.env.LOAD_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'bin/liaison.js', 'serve'],
    env,
    `${base}/api/health`,
    dir,
    name,
  );
  try {
    const all = bodies();
    let next = 0;
    const request = (): autocannon.Request => {
      const i = next++;
      return {
        method: 'POST',
        path: '/api/sidebar',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
        body: all[i % all.length],
      };
    };
    // A warm-up (JIT, statement plans, pool connections) that is not measured; kept: every email once.
    await autocannon({
      url: base,
      connections: 20,
      amount: kept ? BODIES : 400,
      requests: [{ setupRequest: () => request() }],
    });
    const backends = await postgresPids(env);
    const before = { server: cpuMs([server.pid]), postgres: cpuMs(backends), bench: process.cpuUsage() };
    const run = await cannon({ url: base, requests: [{ setupRequest: () => request() }] });
    // Where the CPU went, per request: what to profile first.
    const bench = process.cpuUsage(before.bench);
    const per = (ms: number) => (ms / run.total).toFixed(2);
    console.log(
      `${name}${kept ? '' : ' (nothing kept)'}: CPU ms per request: server ${per(cpuMs([server.pid]) - before.server)}, PostgreSQL ${backends.length ? per(cpuMs(backends) - before.postgres) : '-'}, autocannon ${per((bench.user + bench.system) / 1000)}`,
    );
    return run;
  } finally {
    await server.stop();
  }
}

function serverEnv(port: number, dataDir: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    LIAISON_DATA_DIR: dataDir,
    LIAISON_DEMO: 'off',
    LIAISON_SYNC_WORKERS: 'off',
    LIAISON_RATE_LIMIT: String(RATE_LIMIT),
    LIAISON_SECRET_KEY: randomBytes(32).toString('base64'),
  };
}

const describeRun = (backend: string, run: Run, kept: boolean) =>
  `${backend}, ${kept ? `every email asked before, its reads kept` : 'nothing kept: every request reads the databases'}, ${CONNECTIONS} connections, ${SECONDS} s, ${run.total} requests; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

/** The first opening of each email: informative beside the goals, which are for the emails asked again. */
function uncachedFigures(suffix: string, backend: string, run: Run): Figure[] {
  const what = describeRun(backend, run, false);
  return [
    {
      key: `load.sidebar_uncached_rps${suffix}`,
      value: Math.round(run.rps),
      unit: 'requests/s',
      goal: `informative (${what})`,
    },
    {
      key: `load.sidebar_uncached_p99_ms${suffix}`,
      value: run.p99,
      unit: 'ms',
      goal: `informative (${what})`,
    },
    {
      key: `load.sidebar_uncached_errors${suffix}`,
      value: run.errors + run.non2xx,
      unit: 'requests',
      goal: `0 (${backend}: ${run.errors} without an answer within ${TIMEOUT_S} s, ${run.non2xx} answered other than 2xx)`,
    },
  ];
}

function figures(suffix: string, backend: string, run: Run, helloRps: number): Figure[] {
  const what = describeRun(backend, run, true);
  return [
    {
      key: `load.sidebar_rps${suffix}`,
      value: Math.round(run.rps),
      unit: 'requests/s',
      goal: `informative (${what})`,
    },
    { key: `load.sidebar_p99_ms${suffix}`, value: run.p99, unit: 'ms', goal: `<= 250 (${what})` },
    {
      key: `load.sidebar_ratio${suffix}`,
      value: Math.round((run.rps / helloRps) * 1000) / 1000,
      unit: 'sidebar / bare route',
      goal: `>= 0.1 (${backend}; bare fastify route ${Math.round(helloRps)} requests/s)`,
    },
    {
      key: `load.sidebar_errors${suffix}`,
      value: run.errors + run.non2xx,
      unit: 'requests',
      goal: `0 (${backend}: ${run.errors} without an answer within ${TIMEOUT_S} s, ${run.non2xx} answered other than 2xx)`,
    },
  ];
}

export const loadBench: Bench = {
  keys: [
    'load.hello_rps',
    'load.sidebar_rps',
    'load.sidebar_p99_ms',
    'load.sidebar_ratio',
    'load.sidebar_errors',
    'load.sidebar_rps_pglite',
    'load.sidebar_p99_ms_pglite',
    'load.sidebar_ratio_pglite',
    'load.sidebar_errors_pglite',
    'load.sidebar_uncached_rps',
    'load.sidebar_uncached_p99_ms',
    'load.sidebar_uncached_errors',
    'load.sidebar_uncached_rps_pglite',
    'load.sidebar_uncached_p99_ms_pglite',
    'load.sidebar_uncached_errors_pglite',
  ],
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-load-'));
    try {
      const bare = await hello(dir);
      const out: Figure[] = [
        {
          key: 'load.hello_rps',
          value: Math.round(bare.rps),
          unit: 'requests/s',
          goal: `informative (bare fastify route, ${CONNECTIONS} connections, ${SECONDS} s, same machine)`,
        },
      ];

      // PostgreSQL, in a schema of its own.
      const pgPort = await freePort();
      const pgDir = join(dir, 'pg');
      const schema = `load_${randomBytes(4).toString('hex')}`;
      const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const pgEnv = {
        ...serverEnv(pgPort, pgDir),
        DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}application_name=liaison-load`,
        LIAISON_DB_SCHEMA: schema,
      };
      const pg = await openDatabase({ url, schema });
      try {
        const tokens = await seed(pg, pgEnv);
        out.push(...figures('', 'PostgreSQL', await sidebar(pgEnv, tokens, dir, 'pg', true), bare.rps));
        out.push(...uncachedFigures('', 'PostgreSQL', await sidebar(pgEnv, tokens, dir, 'pg', false)));
      } finally {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
        await pg.close();
      }

      if (process.env.LOAD_BENCH_ONLY === 'postgres') return out;
      // PGlite: seeded here, then served by its own process (PGlite takes one process at a time).
      const litePort = await freePort();
      const liteDir = join(dir, 'pglite');
      const liteEnv = serverEnv(litePort, liteDir);
      const lite = await openDatabase({ dataDir: liteDir });
      let liteTokens: string[];
      try {
        liteTokens = await seed(lite, liteEnv);
      } finally {
        await lite.close();
      }
      out.push(
        ...figures('_pglite', 'PGlite', await sidebar(liteEnv, liteTokens, dir, 'pglite', true), bare.rps),
      );
      out.push(
        ...uncachedFigures('_pglite', 'PGlite', await sidebar(liteEnv, liteTokens, dir, 'pglite', false)),
      );
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
