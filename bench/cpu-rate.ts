// Items per CPU second on one thread: the machine running the benches may be shared, and wall time would count
// the other programs' turns.

/** CPU seconds used by this process. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Calls per CPU second of `decide` over `batch`, the median of several rounds once the code is warm (JIT): one
 * round can still be slowed by a neighbour sharing the core's caches, the median is not.
 */
export function callsPerCpuSecond<T>(
  decide: (item: T) => unknown,
  batch: T[],
  rounds = 7,
  seconds = 0.4,
): number {
  decide(batch[0] as T); // index the context once, as the sync does per batch
  for (let i = 0; i < 20_000; i++) decide(batch[i % batch.length] as T); // warm up
  const rates: number[] = [];
  let done = 0;
  for (let round = 0; round < rounds; round++) {
    const start = cpuSeconds();
    let decided = 0;
    let used = 0;
    while (used < seconds) {
      for (let i = 0; i < 1000; i++) decide(batch[(done + i) % batch.length] as T);
      done += 1000;
      decided += 1000;
      used = cpuSeconds() - start;
    }
    rates.push(decided / used);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}
