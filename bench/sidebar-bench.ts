import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type KyselyPlugin } from 'kysely';
import { EMBEDDED_AUDIENCE } from '../server/auth';
import { buildApp } from '../server/app/build-app';
import { loadConfig } from '../server/config';
import { bulkLoadCrm, syntheticCrm } from '../server/crm/embedded/bulk-load';
import { seedDemoOrganisation } from '../server/crm/embedded/demo-seed';
import { openDatabase, type DatabaseHandle } from '../server/db/open-database';
import { createUser } from '../server/db/users-repo';
import { createDeps } from '../server/runtime/create-deps';
import type { Bench, Figure } from './bench-registry';

// The sidebar endpoint's server time (request in, JSON view out, through fastify's inject so the network is not
// measured) with 100,000 contacts in the embedded CRM, on PGlite and on PostgreSQL; and the SQL statements one
// request runs (sign-in included), a figure the machine's load cannot blur: on PGlite each is a sequential round
// trip with its own planning.

const CONTACTS = 100_000;
const ACCOUNTS = 2_000;
const REQUESTS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Measured {
  times: number[];
  statementsPerRequest: number;
}

/** Counts the statements run through the database handle (every query of the server goes through it). */
function counting(database: DatabaseHandle): { database: DatabaseHandle; count: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { database: { ...database, db: database.db.withPlugin(plugin) }, count: () => statements };
}

async function measure(plain: DatabaseHandle, dataDir: string): Promise<Measured> {
  const config = loadConfig({ LIAISON_DATA_DIR: dataDir, LIAISON_RATE_LIMIT: '1000000' });
  const { database, count } = counting(plain);
  const deps = await createDeps(config, database);
  await seedDemoOrganisation(deps.db);
  await bulkLoadCrm(deps.db, syntheticCrm({ accounts: ACCOUNTS, contacts: CONTACTS, ownerId: 'usr-bench' }));
  await sql`analyze`.execute(deps.db);
  const rep = await createUser(deps.db, {
    addresses: ['rep@ourco.com'],
    crmUserId: 'usr-bench',
    connectedAt: '2026-01-01T00:00:00Z',
  });
  const app = await buildApp(deps);
  const token = await deps.tokens.embeddedIssuer!.issue({
    userId: rep.id,
    audience: EMBEDDED_AUDIENCE,
    ttl: 3600,
  });
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < REQUESTS + 20; i++) {
    const n = (i * 7919) % CONTACTS;
    const k = n % ACCOUNTS;
    const message = {
      internetMessageId: `<bench-${i}@company${k}.example>`,
      folder: 'inbox',
      from: { address: `first.last${n}@company${k}.example`, name: `First${n} Last${n}` },
      to: [{ address: 'rep@ourco.com' }],
      cc: [
        { address: `first.last${(n + 1) % CONTACTS}@company${(n + 1) % ACCOUNTS}.example` },
        { address: `new.person${i}@company${k}.example` },
      ],
      bcc: [],
      subject: `Bench ${i}`,
      sentAt: '2026-03-01T10:00:00Z',
    };
    const before = count();
    const start = process.hrtime.bigint();
    const res = await app.inject({
      method: 'POST',
      url: '/api/sidebar',
      headers: { authorization: `Bearer ${token}` },
      payload: { message },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.statusCode !== 200) throw new Error(`sidebar answered ${res.statusCode}: ${res.body}`);
    if (i >= 20) {
      // The first requests warm caches and the JIT.
      times.push(ms);
      statements += count() - before;
    }
  }
  await app.close();
  return { times: times.sort((a, b) => a - b), statementsPerRequest: statements / REQUESTS };
}

export const sidebarBench: Bench = {
  keys: [
    'sidebar.p50_ms',
    'sidebar.p95_ms',
    'sidebar.statements_per_request',
    'sidebar.p50_ms.postgres',
    'sidebar.p95_ms.postgres',
    'sidebar.statements_per_request.postgres',
  ],
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-sidebar-'));
    try {
      const pglite = await openDatabase({ dataDir });
      const { times, statementsPerRequest } = await measure(pglite, dataDir).finally(() => pglite.close());
      figures.push(
        {
          key: 'sidebar.p50_ms',
          value: round(percentile(times, 50)),
          unit: 'ms',
          goal: 'informative (PGlite, 100,000 contacts)',
        },
        {
          key: 'sidebar.p95_ms',
          value: round(percentile(times, 95)),
          unit: 'ms',
          goal: '<= 20 (PGlite, 100,000 contacts)',
        },
        {
          key: 'sidebar.statements_per_request',
          value: round(statementsPerRequest),
          unit: 'statements',
          goal: 'informative (PGlite: each a sequential round trip; sign-in included)',
        },
      );
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const pg = await openDatabase({ url, schema });
      try {
        const { times: pgTimes, statementsPerRequest: pgStatements } = await measure(pg, dataDir);
        figures.push(
          {
            key: 'sidebar.p50_ms.postgres',
            value: round(percentile(pgTimes, 50)),
            unit: 'ms',
            goal: 'informative (PostgreSQL, 100,000 contacts)',
          },
          {
            key: 'sidebar.p95_ms.postgres',
            value: round(percentile(pgTimes, 95)),
            unit: 'ms',
            goal: '<= 20 (PostgreSQL, 100,000 contacts)',
          },
          {
            key: 'sidebar.statements_per_request.postgres',
            value: round(pgStatements),
            unit: 'statements',
            goal: 'informative (PostgreSQL; sign-in included)',
          },
        );
      } finally {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
        await pg.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return figures;
  },
};

const round = (n: number) => Math.round(n * 100) / 100;
