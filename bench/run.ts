import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, Figure } from './bench-registry';
import { rulesBench } from './rules-bench';
import { sidebarBench } from './sidebar-bench';
import { salesforceBench } from './salesforce-bench';
import { syncBench } from './sync-bench';
import { idleSweepBench } from './idle-sweep-bench';
import { dashboardBench } from './dashboard-bench';
import { gmailBench } from './gmail-bench';
import { freshnessBench } from './freshness-bench';
import { taskpaneBench } from './taskpane-bench';

// `npm run bench [-- <prefix>]`: runs every bench (or those with a key starting with the prefix), prints one line
// per figure and merges the figures into bench/results.json.

const benches: Bench[] = [
  rulesBench,
  sidebarBench,
  salesforceBench,
  syncBench,
  idleSweepBench,
  freshnessBench,
  gmailBench,
  taskpaneBench,
  dashboardBench,
];

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const chosen = benches.filter((b) => b.keys.some((k) => k.startsWith(prefix)));
  if (chosen.length === 0) {
    console.error(
      `No benchmark has a key starting with "${prefix}". Keys: ${benches.flatMap((b) => b.keys).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const file = join(__dirname, 'results.json');
  const results: Record<string, Omit<Figure, 'key'>> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {};
  for (const bench of chosen) {
    for (const figure of await bench.run()) {
      if (!figure.key.startsWith(prefix)) continue;
      results[figure.key] = { value: figure.value, unit: figure.unit, goal: figure.goal };
      console.log(`${figure.key} = ${figure.value} ${figure.unit} (goal: ${figure.goal})`);
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    }
  }
}

void main();
