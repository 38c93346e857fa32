import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench, Figure } from './bench-registry';

// The dashboard's weight on the wire: the gzipped JavaScript the browser loads before the first page shows (the
// scripts index.html names; lazy chunks are not among them), and the admin chunk only admins load. Sizes of the
// production build, so the figures do not depend on the machine's load.

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist', 'web', 'dashboard');

const gzKb = (file: string) =>
  Math.round((gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024) * 10) / 10;

export const dashboardBench: Bench = {
  keys: ['dashboard.initial_js_gz_kb', 'dashboard.admin_js_gz_kb'],
  async run(): Promise<Figure[]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ensureBuilt } = require('../scripts/build-web.js') as { ensureBuilt(names: string[]): void };
    ensureBuilt(['dashboard']);
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    // The minified page may leave attribute values unquoted.
    const initial = [...html.matchAll(/<script[^>]*\ssrc="?\/dashboard\/([^"\s>]+\.js)/g)].map((m) => m[1]!);
    if (initial.length === 0)
      throw new Error('dist/web/dashboard/index.html names no script: is the build complete?');
    const admin = readdirSync(DIST).filter((f) => /^admin\.[0-9a-f]{8}\.js$/.test(f));
    const sum = (files: string[]) => Math.round(files.reduce((total, f) => total + gzKb(f), 0) * 10) / 10;
    return [
      {
        key: 'dashboard.initial_js_gz_kb',
        value: sum(initial),
        unit: 'KB gzip',
        goal: '<= 180 (React 18 + Fluent UI v9 + the rep pages; admin pages load apart)',
      },
      {
        key: 'dashboard.admin_js_gz_kb',
        value: sum(admin),
        unit: 'KB gzip',
        goal: 'informative (loaded only when an admin opens an admin page)',
      },
    ];
  },
};
