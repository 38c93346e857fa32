import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGmailAddon } from '../scripts/gmail-build';
import type { Bench, Figure } from './bench-registry';

// The Gmail add-on's bundle (appsscript/Code.js, minified as `npm run gmail:build` writes it): Apps Script loads
// the whole file on every trigger and action, so its size is the add-on's cold-start cost. A size, not a time: the
// machine's load cannot blur it.

export const gmailBench: Bench = {
  keys: ['gmail.bundle_kb'],
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-gmail-bench-'));
    try {
      const bytes = await buildGmailAddon({ outDir: dir });
      return [
        {
          key: 'gmail.bundle_kb',
          value: Math.round((bytes / 1024) * 10) / 10,
          unit: 'KB',
          goal: 'under 100 KB (the card model and API client; no zod, no matching in the add-on)',
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
