import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, Figure } from './bench-registry';

// How long `liaison` takes to answer, as a person runs it: `liaison explain` on the example email (process start
// to exit) and `liaison serve` on an embedded data folder, with its defaults (logging too), from start until
// /api/ready answers 200. The command runs the compiled bundles (scripts/build-server.js), as after `npm ci`: the
// bench refuses to measure the slower TypeScript fallback. A first run, not measured, builds them when the sources
// changed and makes the data folder. The median of several runs, with the load average at the time.

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'liaison.js');
const EXPLAIN_RUNS = 7;
const SERVE_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function explainOnce(): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [BIN, 'explain', 'examples/known-contact.eml', '--context', 'examples/context.json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 || !run.stdout.startsWith('Decision:'))
    throw new Error(`liaison explain failed (${run.status}): ${run.stderr || run.stdout}`);
  return ms;
}

async function serveOnce(dataDir: string, port: number): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LIAISON_DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`liaison serve stopped (${child.exitCode})`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
        if (res.ok) return Number(process.hrtime.bigint() - start) / 1e6;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('liaison serve was not ready within 120 s');
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export const startupBench: Bench = {
  keys: ['startup.explain_ms', 'startup.serve_ready_ms'],
  async run(): Promise<Figure[]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ensureServerBuilt } = require('../scripts/build-server.js') as {
      ensureServerBuilt(): string | undefined;
    };
    // What bin/liaison.js runs: the bundles, built now when the sources changed.
    if (!ensureServerBuilt())
      throw new Error(
        'esbuild is not installed (npm ci installs it): liaison would run its TypeScript through tsx',
      );
    explainOnce();
    const explain = median(Array.from({ length: EXPLAIN_RUNS }, explainOnce));
    const explainLoad = load();
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-startup-'));
    const port = 39_000 + Math.floor(Math.random() * 1000);
    try {
      await serveOnce(dataDir, port); // makes the data folder (initdb, migrations, demo data)
      const times: number[] = [];
      for (let i = 0; i < SERVE_RUNS; i++) times.push(await serveOnce(dataDir, port));
      return [
        {
          key: 'startup.explain_ms',
          value: Math.round(explain),
          unit: 'ms',
          goal: `<= 400 (liaison explain examples/known-contact.eml, median of ${EXPLAIN_RUNS}; load average ${explainLoad})`,
        },
        {
          key: 'startup.serve_ready_ms',
          value: Math.round(median(times)),
          unit: 'ms',
          goal: `<= 3000 (liaison serve on an existing PGlite data folder until /api/ready, median of ${SERVE_RUNS}; load average ${load()})`,
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
