import type { Bench, Figure } from './bench-registry';

export type Results = Record<string, Omit<Figure, 'key'>>;

export interface RunOutcome {
  results: Results;
  /** Keys whose bench could not run, with why. */
  failed: { keys: string[]; reason: string }[];
}

/**
 * Runs each bench in turn; one that throws (Dovecot missing, Chromium missing…) is reported with its reason
 * and its old figures are dropped from the results, so results.json never shows a figure this run did not
 * measure. The other benches still run. `save` is called after each figure, so a later crash keeps them.
 */
export async function runBenches(
  benches: Bench[],
  prefix: string,
  previous: Results,
  print: (line: string) => void,
  save: (results: Results) => void,
): Promise<RunOutcome> {
  const results: Results = { ...previous };
  const failed: RunOutcome['failed'] = [];
  for (const bench of benches) {
    let figures: Figure[];
    try {
      figures = await bench.run();
    } catch (e) {
      const keys = bench.keys.filter((k) => k.startsWith(prefix));
      const reason = e instanceof Error ? e.message : String(e);
      for (const key of keys) {
        delete results[key];
        print(`${key}: could not run: ${reason}`);
      }
      failed.push({ keys, reason });
      save(results);
      continue;
    }
    for (const figure of figures) {
      if (!figure.key.startsWith(prefix)) continue;
      results[figure.key] = { value: figure.value, unit: figure.unit, goal: figure.goal };
      print(`${figure.key} = ${figure.value} ${figure.unit} (goal: ${figure.goal})`);
      save(results);
    }
  }
  return { results, failed };
}
