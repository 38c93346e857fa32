import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './bench-registry';
import { runBenches, type Results } from './bench-runner';
import { rulesBench } from './rules-bench';
import { eventsBench } from './events-bench';
import { eventsSyncBench } from './events-sync-bench';
import { sidebarBench } from './sidebar-bench';
import { salesforceBench } from './salesforce-bench';
import { salesforceEventsBench } from './salesforce-events-bench';
import { syncBench } from './sync-bench';
import { idleSweepBench } from './idle-sweep-bench';
import { dashboardBench } from './dashboard-bench';
import { gmailBench } from './gmail-bench';
import { freshnessBench } from './freshness-bench';
import { taskpaneBench } from './taskpane-bench';
import { loadBench } from './load-bench';
import { startupBench } from './startup-bench';
import { kill9Bench } from './reliability/kill9-bench';
import { dbRestartBench } from './reliability/db-restart-bench';
import { salesforceFaultsBench } from './reliability/salesforce-faults-bench';
import { providerFaultsBench } from './reliability/provider-faults-bench';
import { scaleBench } from './scale/scale-bench';
import { signaturesBench } from './signatures-bench';

// `npm run bench [-- <prefix>]`: runs every bench (or those with a key starting with the prefix), prints one line
// per figure and merges the figures into bench/results.json.

const benches: Bench[] = [
  rulesBench,
  eventsBench,
  eventsSyncBench,
  sidebarBench,
  salesforceBench,
  salesforceEventsBench,
  syncBench,
  idleSweepBench,
  freshnessBench,
  gmailBench,
  taskpaneBench,
  dashboardBench,
  loadBench,
  startupBench,
  kill9Bench,
  dbRestartBench,
  salesforceFaultsBench,
  providerFaultsBench,
  scaleBench,
  signaturesBench,
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
  const previous: Results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const { failed } = await runBenches(
    chosen,
    prefix,
    previous,
    (line) => console.log(line),
    (results) => writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`),
  );
  // The figures that ran are printed and written; the run still says it was incomplete.
  if (failed.length > 0) process.exitCode = 1;
}

void main();
